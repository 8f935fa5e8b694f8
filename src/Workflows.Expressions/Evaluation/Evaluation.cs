namespace Workflows.Expressions.Evaluation;

/// <summary>The state of one evaluation: clock, warnings and the step budget that keeps it finite.</summary>
internal sealed class Evaluation
{
    public Evaluation(FeelContext context)
    {
        Context = context;
    }

    public FeelContext Context { get; }
}
