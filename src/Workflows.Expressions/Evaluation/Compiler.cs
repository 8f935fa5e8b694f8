using System.Runtime.CompilerServices;
using Workflows.Expressions.Functions;
using Workflows.Expressions.Parsing;

namespace Workflows.Expressions.Evaluation;

internal delegate FeelValue Compiled(Scope scope);

/// <summary>
/// Turns the syntax tree into nested closures once, so that evaluation does no tree matching,
/// no name parsing and no literal conversion. Recursion depth equals the tree depth, which the parser bounds.
/// </summary>
internal static partial class Compiler
{
    public static Compiled Compile(Node node)
    {
        // Compiling recurses once per tree level; the parser bounds the depth, this guards small stacks.
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var compiled = CompileNode(node);
        if (node.Depth % StackCheckInterval != 0)
        {
            return compiled;
        }

        // Evaluation recurses as deep as the tree, and function calls stack bodies on top of each
        // other: every few levels a check turns a threatened overflow into an error.
        return scope =>
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
            return compiled(scope);
        };
    }

    private const int StackCheckInterval = 32;

    private static Compiled CompileNode(Node node) => node switch
    {
        Literal literal => Constant(literal.Value),
        TemporalLiteral temporal => CompileTemporal(temporal),
        NameRef name => CompileName(name),
        InputValueRef => scope => scope.Evaluation.Context.InputValue ?? FeelValue.Null,
        PathAccess path => CompilePath(path),
        FilterAccess filter => CompileFilter(filter),
        Invocation invocation => CompileInvocation(invocation),
        Negation negation => CompileNegation(negation),
        Binary binary => CompileBinary(binary),
        Between between => CompileBetween(between),
        InTests inTests => CompileIn(inTests),
        InstanceOf instance => CompileInstanceOf(instance),
        Conditional conditional => CompileConditional(conditional),
        ForLoop loop => CompileFor(loop),
        Quantified quantified => CompileQuantified(quantified),
        ListLiteral list => CompileList(list),
        ContextLiteral context => CompileContext(context),
        RangeLiteral range => CompileRange(range),
        FunctionDefinition function => CompileFunction(function),
        UnaryComparison comparison => CompileOpenRange(comparison),
        UnaryTestList tests => UnaryTests.CompileList(tests),
        _ => throw new InvalidOperationException("unknown syntax node " + node.GetType().Name),
    };

    private static Compiled Constant(FeelValue value) => _ => value;

    private static Compiled CompileTemporal(TemporalLiteral temporal)
    {
        var value = TemporalText.ParseLiteral(temporal.Text);
        if (value is not null)
        {
            return Constant(value);
        }

        return scope => scope.Evaluation.Warn(temporal.Offset, "FEEL_INVALID_TEMPORAL", $"无效的日期、时间或时长：@\"{temporal.Text}\"", $"invalid date, time or duration: @\"{temporal.Text}\"");
    }

    private static Compiled CompileName(NameRef name)
    {
        var key = name.Name;
        var builtin = Builtins.Find(key);
        return scope =>
        {
            if (scope.TryLookup(key, out var value))
            {
                return value;
            }

            if (builtin is not null)
            {
                return builtin.AsValue;
            }

            return scope.Evaluation.Warn(name.Offset, "FEEL_NO_VARIABLE", $"找不到变量 '{key}'", $"variable '{key}' not found");
        };
    }

    private static Compiled CompilePath(PathAccess path)
    {
        var target = Compile(path.Target);
        var name = path.Name;
        return scope => Properties.Get(scope.Evaluation, path.Offset, target(scope), name);
    }

    private static Compiled CompileNegation(Negation negation)
    {
        if (negation.Operand is Literal { Value: FeelNumber number })
        {
            return Constant(new FeelNumber(-number.Value));
        }

        var operand = Compile(negation.Operand);
        return scope => Arithmetic.Negate(scope.Evaluation, negation.Offset, operand(scope));
    }

    private static Compiled CompileBinary(Binary binary)
    {
        var left = Compile(binary.Left);
        var right = Compile(binary.Right);
        var op = binary.Operator;
        var offset = binary.Offset;
        switch (op)
        {
            case BinaryOperator.And:
                // Three-valued: false wins over null; a non-boolean counts as null.
                return scope =>
                {
                    var a = left(scope);
                    if (a == FeelBoolean.False)
                    {
                        return FeelBoolean.False;
                    }

                    var b = right(scope);
                    if (b == FeelBoolean.False)
                    {
                        return FeelBoolean.False;
                    }

                    return a == FeelBoolean.True && b == FeelBoolean.True ? FeelBoolean.True : FeelValue.Null;
                };
            case BinaryOperator.Or:
                return scope =>
                {
                    var a = left(scope);
                    if (a == FeelBoolean.True)
                    {
                        return FeelBoolean.True;
                    }

                    var b = right(scope);
                    if (b == FeelBoolean.True)
                    {
                        return FeelBoolean.True;
                    }

                    return a == FeelBoolean.False && b == FeelBoolean.False ? FeelBoolean.False : FeelValue.Null;
                };
            case BinaryOperator.Equal or BinaryOperator.NotEqual or BinaryOperator.Less or BinaryOperator.LessOrEqual
                or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual:
                return CompileComparison(binary, left, right);
            default:
                return scope => Arithmetic.Apply(scope.Evaluation, offset, op, left(scope), right(scope));
        }
    }

    private static Compiled CompileComparison(Binary binary, Compiled left, Compiled right)
    {
        var op = binary.Operator;
        // The common "field >= 300" with a number literal skips the general comparison.
        if (binary.Right is Literal { Value: FeelNumber literal } && op is not (BinaryOperator.Equal or BinaryOperator.NotEqual))
        {
            var bound = literal.Value;
            return scope =>
            {
                var a = left(scope);
                if (a is FeelNumber number)
                {
                    var order = number.Value.CompareTo(bound);
                    return FeelBoolean.Of(op switch
                    {
                        BinaryOperator.Less => order < 0,
                        BinaryOperator.LessOrEqual => order <= 0,
                        BinaryOperator.Greater => order > 0,
                        _ => order >= 0,
                    });
                }

                return Compared(scope, binary, a, literal);
            };
        }

        return scope => Compared(scope, binary, left(scope), right(scope));
    }

    private static FeelValue Compared(Scope scope, Binary binary, FeelValue a, FeelValue b)
    {
        if (Comparisons.Holds(binary.Operator, a, b) is { } holds)
        {
            return FeelBoolean.Of(holds);
        }

        return scope.Evaluation.Warn(
            binary.Offset,
            "FEEL_NOT_COMPARABLE",
            $"不能比较 {a.TypeName} 和 {b.TypeName}（{Arithmetic.Symbol(binary.Operator)}），结果为 null",
            $"cannot compare {a.TypeName} with {b.TypeName} ({Arithmetic.Symbol(binary.Operator)}), so the result is null");
    }

    private static Compiled CompileBetween(Between between)
    {
        var value = Compile(between.Value);
        var low = Compile(between.Low);
        var high = Compile(between.High);
        return scope =>
        {
            var v = value(scope);
            var l = low(scope);
            var h = high(scope);
            if (l is FeelNull || h is FeelNull)
            {
                return FeelValue.Null;
            }

            return Comparisons.Includes(new FeelRange(l, true, h, true), v, descendingAllowed: false) is { } inside ? FeelBoolean.Of(inside) : FeelValue.Null;
        };
    }

    private static Compiled CompileConditional(Conditional conditional)
    {
        var condition = Compile(conditional.Condition);
        var then = Compile(conditional.Then);
        var otherwise = Compile(conditional.Else);
        // The standard takes the then-branch only for true; null and non-booleans take the else-branch.
        return scope => condition(scope) == FeelBoolean.True ? then(scope) : otherwise(scope);
    }

    private static Compiled CompileList(ListLiteral list)
    {
        var items = list.Items.Select(Compile).ToArray();
        if (list.Items.All(i => i is Literal))
        {
            var constant = new FeelList(list.Items.Select(i => ((Literal)i).Value).ToArray());
            return Constant(constant);
        }

        return scope =>
        {
            var values = new FeelValue[items.Length];
            for (var i = 0; i < items.Length; i++)
            {
                values[i] = items[i](scope);
            }

            return new FeelList(values);
        };
    }

    private static Compiled CompileContext(ContextLiteral context)
    {
        var entries = context.Entries.Select(e => (e.Key, Value: Compile(e.Value))).ToArray();
        // Later entries may refer to earlier ones, so each is evaluated with the entries so far in scope.
        return scope =>
        {
            var built = new List<KeyValuePair<string, FeelValue>>(entries.Length);
            var inner = scope;
            foreach (var (key, value) in entries)
            {
                var v = value(inner);
                built.Add(new(key, v));
                inner = inner.Bind(key, v);
            }

            return new FeelContextValue(built);
        };
    }

    private static Compiled CompileRange(RangeLiteral range)
    {
        var start = range.Start is null ? Constant(FeelValue.Null) : Compile(range.Start);
        var end = range.End is null ? Constant(FeelValue.Null) : Compile(range.End);
        return scope =>
        {
            var s = start(scope);
            var e = end(scope);
            return new FeelRange(s, range.StartIncluded && s is not FeelNull, e, range.EndIncluded && e is not FeelNull);
        };
    }

    /// <summary>"&lt; 5" written as a value is the open range (null..5).</summary>
    private static Compiled CompileOpenRange(UnaryComparison comparison)
    {
        var operand = Compile(comparison.Operand);
        return comparison.Operator switch
        {
            BinaryOperator.Less => scope => new FeelRange(FeelValue.Null, false, operand(scope), false),
            BinaryOperator.LessOrEqual => scope => new FeelRange(FeelValue.Null, false, operand(scope), true),
            BinaryOperator.Greater => scope => new FeelRange(operand(scope), false, FeelValue.Null, false),
            BinaryOperator.GreaterOrEqual => scope => new FeelRange(operand(scope), true, FeelValue.Null, false),
            _ => UnaryTests.CompileAgainstInput(comparison),
        };
    }
}
