using System.Runtime.CompilerServices;

namespace Workflows.Expressions.Parsing;

/// <summary>
/// Recursive descent with precedence climbing. Recursion happens only at brackets and textual
/// expressions, and the nesting counter stops it long before the stack is at risk.
/// </summary>
internal sealed partial class Parser
{
    public const int MaxSourceLength = 64 * 1024;
    public const int MaxNesting = 200;
    public const int MaxTreeDepth = 1000;

    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "and", "or", "in", "between", "if", "then", "else", "for", "return", "some", "every", "satisfies", "function", "true", "false", "null",
    };

    private readonly List<Token> tokens;
    private int position;
    private int nesting;

    private Parser(List<Token> tokens) => this.tokens = tokens;

    public static Node ParseExpression(string source)
    {
        var parser = new Parser(Lexer.Tokenize(source));
        var node = parser.Expression();
        parser.ExpectEnd();
        return node;
    }

    public static Node ParseUnaryTests(string source)
    {
        var parser = new Parser(Lexer.Tokenize(source));
        var node = parser.UnaryTests();
        parser.ExpectEnd();
        return node;
    }

    private Token Current => tokens[position];
    private Token Peek(int ahead = 1) => tokens[Math.Min(position + ahead, tokens.Count - 1)];
    private Token Advance() => tokens[position++ < tokens.Count - 1 ? position - 1 : tokens.Count - 1];

    private void ExpectEnd()
    {
        if (Current.Kind != TokenKind.End)
        {
            throw Unexpected();
        }
    }

    private Token Expect(string symbol)
    {
        if (!Current.Is(symbol))
        {
            throw new FeelSyntaxException("FEEL_EXPECTED", $"此处应为 '{symbol}'，实际为 {Describe(Current)}", $"expected '{symbol}' but found {Describe(Current)}", Current.Offset);
        }

        return Advance();
    }

    private void ExpectWord(string word)
    {
        if (!Current.IsWord(word))
        {
            throw new FeelSyntaxException("FEEL_EXPECTED", $"此处应为 '{word}'，实际为 {Describe(Current)}", $"expected '{word}' but found {Describe(Current)}", Current.Offset);
        }

        Advance();
    }

    private FeelSyntaxException Unexpected()
    {
        var token = Current;
        return token.Kind == TokenKind.End
            ? new FeelSyntaxException("FEEL_UNEXPECTED_END", "表达式意外结束", "unexpected end of expression", token.Offset)
            : new FeelSyntaxException("FEEL_UNEXPECTED_TOKEN", $"意外的 {Describe(token)}", $"unexpected {Describe(token)}", token.Offset);
    }

    private static string Describe(Token token) => token.Kind switch
    {
        TokenKind.End => "end of expression",
        TokenKind.String => "string \"" + Shorten(token.Text) + "\"",
        _ => "'" + Shorten(token.Text) + "'",
    };

    private static string Shorten(string text) => text.Length > 20 ? text[..20] + "…" : text;

    /// <summary>Guards every recursive descent into a bracket or textual expression.</summary>
    private void Enter(int offset)
    {
        if (++nesting > MaxNesting || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new FeelSyntaxException("FEEL_TOO_DEEP", $"表达式嵌套过深（最多 {MaxNesting} 层）", $"expression nested too deeply (at most {MaxNesting} levels)", offset);
        }
    }

    private void Leave() => nesting--;

    /// <summary>Records the depth of a new node from its children and refuses trees too deep to evaluate safely.</summary>
    private static T Make<T>(T node, params Node?[] children) where T : Node
    {
        var depth = 0;
        foreach (var child in children)
        {
            if (child is not null && child.Depth > depth)
            {
                depth = child.Depth;
            }
        }

        if (depth + 1 > MaxTreeDepth)
        {
            throw new FeelSyntaxException("FEEL_TOO_DEEP", $"表达式过于复杂（语法树深度超过 {MaxTreeDepth}）", $"expression too complex (syntax tree deeper than {MaxTreeDepth})", node.Offset);
        }

        return depth == 0 ? node : node with { Depth = depth + 1 };
    }

    private static T MakeAll<T>(T node, IEnumerable<Node> children) where T : Node => Make(node, [.. children]);

    /// <summary>A word that cannot be part of a name: a keyword, or "instance" in "instance of".</summary>
    private bool IsReservedAt(int index)
    {
        var token = tokens[Math.Min(index, tokens.Count - 1)];
        return token.Kind != TokenKind.Word
            || Reserved.Contains(token.Text)
            || token.Text == "instance" && tokens[Math.Min(index + 1, tokens.Count - 1)].IsWord("of");
    }
}
