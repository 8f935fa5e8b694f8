using Workflows.Expressions.Evaluation;
using Workflows.Expressions.Parsing;

namespace Workflows.Expressions;

/// <summary>A compiled expression; immutable and safe to evaluate from many threads at once.</summary>
public sealed class FeelExpression
{
    private readonly int bodyStart;
    private readonly Compiled compiled;

    internal FeelExpression(string source, int bodyStart, Compiled compiled, Node tree)
    {
        Source = source;
        this.bodyStart = bodyStart;
        this.compiled = compiled;
        Tree = tree;
    }

    public string Source { get; }

    internal Node Tree { get; }

    /// <summary>Evaluates against the given variables. Never throws.</summary>
    public FeelResult Evaluate(FeelContext context)
    {
        if (context is null)
        {
            return new FeelResult(FeelValue.Null, new FeelError("FEEL_NO_CONTEXT", "没有提供求值上下文", "no evaluation context was given", 1, 1), []);
        }

        var evaluation = new EvaluationState(context);
        try
        {
            var value = compiled(Scope.Global(evaluation));
            return new FeelResult(value, null, Warnings(evaluation));
        }
        catch (FeelEvaluationException e)
        {
            return new FeelResult(FeelValue.Null, Error(e.Code, e.MessageZh, e.MessageEn, e.Offset), Warnings(evaluation));
        }
        catch (InsufficientExecutionStackException)
        {
            return new FeelResult(FeelValue.Null, Error("FEEL_TOO_DEEP", "求值嵌套过深", "evaluation nested too deeply", 0), Warnings(evaluation));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A defect of ours, not of the expression: reported as an error rather than thrown at the caller.
            return new FeelResult(FeelValue.Null, Error("FEEL_INTERNAL", "求值失败：" + e.Message, "evaluation failed: " + e.Message, 0), Warnings(evaluation));
        }
    }

    private IReadOnlyList<FeelError> Warnings(EvaluationState evaluation)
    {
        var warnings = evaluation.Warnings;
        if (warnings.Count == 0)
        {
            return [];
        }

        return warnings.Select(w => Error(w.Code, w.MessageZh, w.MessageEn, w.Offset)).ToArray();
    }

    private FeelError Error(string code, string zh, string en, int offset)
    {
        var (line, column) = SourcePosition.Of(Source, offset + bodyStart);
        return new FeelError(code, zh, en, line, column);
    }
}
