using System.Collections.Concurrent;
using Workflows.Expressions.Evaluation;
using Workflows.Expressions.Parsing;

namespace Workflows.Expressions;

/// <summary>Entry point: compiles FEEL source once; the compiled expression is evaluated many times.</summary>
public static class Feel
{
    /// <summary>Compilations kept for reuse; beyond this the cache starts over rather than grow without bound.</summary>
    public const int CacheCapacity = 4096;

    /// <summary>Longer sources are compiled each time, so the cache holds at most a few tens of megabytes.</summary>
    public const int CachedSourceLength = 4096;

    private static readonly ConcurrentDictionary<(bool UnaryTests, string Source), FeelCompilation> Cache = new();

    /// <summary>Compiles an expression. Cached, thread-safe, never throws. A leading '=' is ignored.</summary>
    public static FeelCompilation Compile(string source) => Cached(source, unaryTests: false);

    /// <summary>Compiles unary tests ("&gt; 5", "[1..10]", "\"a\",\"b\"", "-"), evaluated against <see cref="FeelContext.InputValue"/>.</summary>
    public static FeelCompilation CompileUnaryTests(string source) => Cached(source, unaryTests: true);

    private static FeelCompilation Cached(string? source, bool unaryTests)
    {
        if (source is null || source.Length > CachedSourceLength)
        {
            return CompileUncached(source, unaryTests);
        }

        if (Cache.TryGetValue((unaryTests, source), out var cached))
        {
            return cached;
        }

        if (Cache.Count >= CacheCapacity)
        {
            Cache.Clear();
        }

        return Cache.GetOrAdd((unaryTests, source), key => CompileUncached(key.Source, key.UnaryTests));
    }

    private static FeelCompilation CompileUncached(string? source, bool unaryTests)
    {
        if (source is null)
        {
            return Failed("", new FeelSyntaxException("FEEL_EMPTY", "表达式为空", "the expression is empty", 0));
        }

        if (source.Length > Parser.MaxSourceLength)
        {
            return Failed(source, new FeelSyntaxException(
                "FEEL_TOO_LONG",
                $"表达式过长（{source.Length} 个字符，最多 {Parser.MaxSourceLength}）",
                $"expression too long ({source.Length} characters, at most {Parser.MaxSourceLength})",
                0));
        }

        // form-js and Zeebe mark expressions with a leading '='.
        var start = 0;
        while (start < source.Length && char.IsWhiteSpace(source[start]))
        {
            start++;
        }

        if (start < source.Length && source[start] == '=' && !unaryTests)
        {
            start++;
        }

        var body = source[start..];
        try
        {
            if (string.IsNullOrWhiteSpace(body))
            {
                throw new FeelSyntaxException("FEEL_EMPTY", "表达式为空", "the expression is empty", 0);
            }

            var tree = unaryTests ? Parser.ParseUnaryTests(body) : Parser.ParseExpression(body);
            var compiled = Compiler.Compile(tree);
            return new FeelCompilation(new FeelExpression(source, start, compiled, tree), null);
        }
        catch (FeelSyntaxException e)
        {
            return Failed(source, new FeelSyntaxException(e.Code, e.MessageZh, e.MessageEn, e.Offset + start));
        }
        catch (InsufficientExecutionStackException)
        {
            return Failed(source, new FeelSyntaxException("FEEL_TOO_DEEP", "表达式嵌套过深，当前线程的栈空间不足以编译", "expression nested too deeply to compile on this thread's stack", start));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Failed(source, new FeelSyntaxException("FEEL_INTERNAL", "表达式无法编译：" + e.Message, "the expression could not be compiled: " + e.Message, start));
        }
    }

    private static FeelCompilation Failed(string source, FeelSyntaxException e)
    {
        var (line, column) = SourcePosition.Of(source, e.Offset);
        return new FeelCompilation(null, new FeelError(e.Code, e.MessageZh, e.MessageEn, line, column));
    }
}
