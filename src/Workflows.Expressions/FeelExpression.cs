namespace Workflows.Expressions;

/// <summary>A compiled expression; immutable and safe to evaluate from many threads at once.</summary>
public sealed class FeelExpression
{
    internal FeelExpression(string source) => Source = source;

    public string Source { get; }

    /// <summary>Evaluates against the given variables. Never throws.</summary>
    public FeelResult Evaluate(FeelContext context) => throw new NotImplementedException();
}
