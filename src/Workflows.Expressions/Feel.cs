namespace Workflows.Expressions;

/// <summary>Entry point: compiles FEEL source once; the compiled expression is evaluated many times.</summary>
public static class Feel
{
    /// <summary>Compiles an expression. Cached, thread-safe, never throws. A leading '=' is ignored.</summary>
    public static FeelCompilation Compile(string source) => throw new NotImplementedException();

    /// <summary>Compiles unary tests ("&gt; 5", "[1..10]", "\"a\",\"b\"", "-"), evaluated against <see cref="FeelContext.InputValue"/>.</summary>
    public static FeelCompilation CompileUnaryTests(string source) => throw new NotImplementedException();
}
