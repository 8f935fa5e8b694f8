namespace Workflows.Expressions;

/// <summary>The outcome of compiling FEEL source: an expression, or a parse error with its position.</summary>
public sealed class FeelCompilation
{
    internal FeelCompilation(FeelExpression? expression, FeelError? error)
    {
        Expression = expression;
        Error = error;
    }

    public bool Succeeded => Error is null;
    public FeelExpression? Expression { get; }
    public FeelError? Error { get; }
}
