namespace Workflows.Expressions;

/// <summary>The value of one evaluation, with the error that stopped it (if any) and the warnings recorded on the way.</summary>
public sealed class FeelResult
{
    internal FeelResult(FeelValue value, FeelError? error, IReadOnlyList<FeelError> warnings)
    {
        Value = value;
        Error = error;
        Warnings = warnings;
    }

    public FeelValue Value { get; }
    public FeelError? Error { get; }
    public IReadOnlyList<FeelError> Warnings { get; }
    public bool Succeeded => Error is null;
}
