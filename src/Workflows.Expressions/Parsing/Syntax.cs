namespace Workflows.Expressions.Parsing;

/// <summary>The syntax tree. Every node knows its source offset (for messages) and its depth (to bound recursion).</summary>
internal abstract record Node(int Offset)
{
    public int Depth { get; init; } = 1;
}

internal sealed record Literal(int Offset, FeelValue Value) : Node(Offset);

/// <summary>@"2026-01-01", @"P1D"; parsed when compiled.</summary>
internal sealed record TemporalLiteral(int Offset, string Text) : Node(Offset);

internal sealed record NameRef(int Offset, string Name) : Node(Offset);

/// <summary>'?' in unary tests: the input value.</summary>
internal sealed record InputValueRef(int Offset) : Node(Offset);

internal sealed record PathAccess(int Offset, Node Target, string Name) : Node(Offset);

internal sealed record FilterAccess(int Offset, Node Target, Node Filter) : Node(Offset);

internal sealed record Argument(string? Name, Node Value);

internal sealed record Invocation(int Offset, Node Callee, IReadOnlyList<Argument> Arguments) : Node(Offset)
{
    public bool Named => Arguments.Count > 0 && Arguments[0].Name is not null;
}

internal sealed record Negation(int Offset, Node Operand) : Node(Offset);

internal enum BinaryOperator { Add, Subtract, Multiply, Divide, Power, Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual, And, Or }

internal sealed record Binary(int Offset, BinaryOperator Operator, Node Left, Node Right) : Node(Offset);

internal sealed record Between(int Offset, Node Value, Node Low, Node High) : Node(Offset);

/// <summary>value in test, or value in (test, test...). In parentheses a list is one value to compare, not a list of tests.</summary>
internal sealed record InTests(int Offset, Node Value, IReadOnlyList<Node> Tests, bool Parenthesized) : Node(Offset);

internal sealed record InstanceOf(int Offset, Node Value, string TypeName) : Node(Offset);

internal sealed record Conditional(int Offset, Node Condition, Node Then, Node Else) : Node(Offset);

/// <summary>One "name in domain" of for/some/every; a domain "a..b" is a numeric range.</summary>
internal sealed record Iteration(string Name, Node Domain, Node? RangeEnd);

internal sealed record ForLoop(int Offset, IReadOnlyList<Iteration> Iterations, Node Body) : Node(Offset);

internal sealed record Quantified(int Offset, bool Every, IReadOnlyList<Iteration> Iterations, Node Condition) : Node(Offset);

internal sealed record ListLiteral(int Offset, IReadOnlyList<Node> Items) : Node(Offset);

internal sealed record ContextLiteral(int Offset, IReadOnlyList<KeyValuePair<string, Node>> Entries) : Node(Offset);

/// <summary>[a..b], (a..b), ]a..b[ and the open-ended ranges of unary tests ("&gt; 5").</summary>
internal sealed record RangeLiteral(int Offset, bool StartIncluded, Node? Start, Node? End, bool EndIncluded) : Node(Offset);

internal sealed record FunctionDefinition(int Offset, IReadOnlyList<string> Parameters, Node Body) : Node(Offset);

/// <summary>A comparison written without its left side in a unary test: "&lt; 5", "!= x".</summary>
internal sealed record UnaryComparison(int Offset, BinaryOperator Operator, Node Operand) : Node(Offset);

/// <summary>A complete unary tests list: "-" (anything), "not(...)", or tests separated by commas.</summary>
internal sealed record UnaryTestList(int Offset, bool Negated, bool Anything, IReadOnlyList<Node> Tests) : Node(Offset);
