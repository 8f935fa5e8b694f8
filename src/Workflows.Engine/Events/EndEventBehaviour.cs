using Workflows.Engine.Execution;

namespace Workflows.Engine.Events;

/// <summary>
/// A none end event consumes its token; the scope completes when no token is left. A terminate
/// end event ends its whole scope at once: the process (instance terminated) or the enclosing
/// sub-process, which then completes normally and its parent continues. An error end event throws.
/// </summary>
internal static class EndEventBehaviour
{
    public static void Activate(Run run, ElementInstance instance)
    {
        var node = run.NodeOf(instance);
        if (node.ThrowsErrorCode is { } code)
        {
            ErrorPropagation.Throw(run, instance, code, null);
            return;
        }
        if (!node.IsTerminate)
        {
            run.Complete(instance);
            return;
        }

        var scopeKey = instance.ScopeKey;
        run.Remove(instance);
        run.Record(TraceKind.Left, instance);
        foreach (var other in run.State.Elements.Where(e => e.ScopeKey == scopeKey).ToList())
            if (run.State.Elements.Contains(other)) run.Cancel(other);
        run.State.Joins?.RemoveAll(j => j.ScopeKey == scopeKey);
        run.DropPendingTokens(scopeKey);

        if (scopeKey == 0)
        {
            run.State.Status = InstanceStatus.Terminated;
            run.Effects.Add(new InstanceTerminated(node.Id));
        }
        else if (run.State.FindElement(scopeKey) is { } scope)
        {
            run.Complete(scope);
        }
    }
}
