using Workflows.Engine.Execution;

namespace Workflows.Engine.Events;

/// <summary>
/// A BPMN error travels outward from where it was thrown: the activity's own error boundary
/// events first, then those of each enclosing sub-process. Nothing catches it: an incident.
/// </summary>
internal static class ErrorPropagation
{
    public static void Throw(Run run, ElementInstance thrower, string code, string? message)
    {
        var candidate = run.NodeOf(thrower).IsActivity ? thrower : Parent(run, thrower);
        for (var guard = 0; candidate is not null && guard < 1000; guard++)
        {
            // Boundary events of a multi-instance activity belong to its body, not to each inner instance.
            if (candidate.LoopCounter > 0)
            {
                candidate = Parent(run, candidate);
                continue;
            }
            var node = run.NodeOf(candidate);
            var boundary = node.Boundaries.FirstOrDefault(b => b.IsErrorBoundary && b.CatchesErrorCode == code)
                ?? node.Boundaries.FirstOrDefault(b => b.IsErrorBoundary && b.CatchesErrorCode == "");
            if (boundary is not null)
            {
                BoundaryEventBehaviour.Catch(run, boundary, candidate, thrower, code, message);
                return;
            }
            candidate = Parent(run, candidate);
        }

        thrower.ErrorCode = code;
        var pending = run.NodeOf(thrower).Kind == Model.NodeKind.ServiceTask ? PendingStep.ServiceCall : PendingStep.Throw;
        run.RaiseIncident(thrower, pending, "unhandled-error",
            $"业务错误 {code} 没有被任何错误边界事件捕获{(message is null ? "" : "：" + message)}",
            $"BPMN error {code} is not caught by any error boundary event{(message is null ? "" : ": " + message)}");
    }

    private static ElementInstance? Parent(Run run, ElementInstance instance) =>
        instance.ScopeKey == 0 ? null : run.State.FindElement(instance.ScopeKey);
}
