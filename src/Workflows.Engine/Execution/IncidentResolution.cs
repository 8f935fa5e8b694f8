using Workflows.Engine.Events;
using Workflows.Engine.Model;
using Workflows.Engine.Tasks;

namespace Workflows.Engine.Execution;

/// <summary>An administrator retries the failed step of an incident, or skips the element altogether.</summary>
internal static class IncidentResolution
{
    public static CommandRejection? Retry(Run run, RetryIncident command)
    {
        if (!Take(run, command.IncidentKey, command.Variables, out var instance, out var pending, out var rejection)) return rejection;
        switch (pending)
        {
            case PendingStep.Arrive:
                run.Remove(instance);
                run.Send(instance.ElementId, instance.ScopeKey, instance.Via);
                break;
            case PendingStep.Complete:
                run.Complete(instance);
                break;
            case PendingStep.ServiceCall:
                instance.RetriesLeft = 1;
                ServiceTaskBehaviour.Request(run, instance);
                break;
            case PendingStep.Throw:
                ErrorPropagation.Throw(run, instance, instance.ErrorCode ?? "", null);
                break;
            default:
                run.CancelTimersOwnedBy(instance);
                if (instance.Body is not null)
                {
                    instance.Body = null;
                    foreach (var inner in run.State.Elements.Where(e => e.ScopeKey == instance.Key).ToList()) run.Cancel(inner);
                }
                run.Activate(instance);
                break;
        }
        return null;
    }

    public static CommandRejection? Skip(Run run, SkipIncident command)
    {
        if (!Take(run, command.IncidentKey, command.Variables, out var instance, out var pending, out var rejection)) return rejection;
        var node = run.NodeOf(instance);
        foreach (var inner in run.State.Elements.Where(e => e.ScopeKey == instance.Key).ToList()) run.Cancel(inner);
        if (pending == PendingStep.Arrive) run.Record(TraceKind.Entered, instance);
        // A skipped gateway goes the default way, or the first way when it has none.
        IReadOnlyList<SequenceFlow>? flows = node.IsGateway && node.Outgoing.Count > 1
            ? [node.Outgoing.FirstOrDefault(f => f.IsDefault) ?? node.Outgoing[0]]
            : null;
        instance.Body = null;
        run.Complete(instance, flows, applyOutputs: false);
        return null;
    }

    private static bool Take(Run run, long key, IReadOnlyDictionary<string, System.Text.Json.JsonElement>? variables,
        out ElementInstance instance, out PendingStep pending, out CommandRejection? rejection)
    {
        instance = null!;
        pending = PendingStep.None;
        rejection = null;
        var incident = run.State.Incidents?.FirstOrDefault(i => i.Key == key);
        var found = incident is null ? null : run.State.FindElement(incident.ElementInstanceKey);
        if (incident is null || found is null)
        {
            rejection = CommandHandlers.Rejection("no-such-incident", $"故障 {key} 不存在或已处理", $"incident {key} does not exist or is resolved");
            return false;
        }
        run.State.Incidents!.Remove(incident);
        if (run.State.Incidents.Count == 0) run.State.Incidents = null;
        run.Effects.Add(new IncidentResolved(incident.Key, incident.ElementId));
        ScopeVariables.MergeIntoProcess(run.State, variables);
        found.Status = ElementStatus.Active;
        pending = found.Pending;
        found.Pending = PendingStep.None;
        instance = found;
        return true;
    }
}
