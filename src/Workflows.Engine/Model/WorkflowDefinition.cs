using System.Collections.Frozen;

namespace Workflows.Engine.Model;

/// <summary>
/// A compiled, immutable process definition. Built once at deploy time and shared by every
/// instance; nothing in it changes after construction, so it is safe across threads.
/// </summary>
public sealed class WorkflowDefinition
{
    internal WorkflowDefinition(
        string processId,
        string? name,
        IEnumerable<FlowNode> nodes,
        IEnumerable<SequenceFlow> flows,
        IReadOnlyDictionary<string, string> errorCodes)
    {
        ProcessId = processId;
        Name = name;
        Nodes = nodes.ToFrozenDictionary(n => n.Id, StringComparer.Ordinal);
        Flows = flows.ToFrozenDictionary(f => f.Id, StringComparer.Ordinal);
        ErrorCodes = errorCodes.ToFrozenDictionary(StringComparer.Ordinal);
        StartEvents = Nodes.Values.Where(n => n.Kind == NodeKind.StartEvent && n.ContainerId is null)
            .OrderBy(n => n.Id, StringComparer.Ordinal).ToArray();
    }

    public string ProcessId { get; }
    public string? Name { get; }
    public IReadOnlyDictionary<string, FlowNode> Nodes { get; }
    public IReadOnlyDictionary<string, SequenceFlow> Flows { get; }

    /// <summary>bpmn:error id to errorCode.</summary>
    public IReadOnlyDictionary<string, string> ErrorCodes { get; }

    /// <summary>Start events of the process itself (not of sub-processes), in id order.</summary>
    public IReadOnlyList<FlowNode> StartEvents { get; }

    public FlowNode? NoneStartEvent => StartEvents.FirstOrDefault(s => s.Timer is null);
    public IEnumerable<FlowNode> TimerStartEvents => StartEvents.Where(s => s.Timer is not null);

    /// <summary>Per inclusive join and incoming flow: the nodes from which a token can still arrive on that flow.</summary>
    internal IReadOnlyDictionary<string, FrozenSet<string>> InclusiveJoinSources { get; set; } =
        FrozenDictionary<string, FrozenSet<string>>.Empty;

    public FlowNode Node(string id) => Nodes[id];
}
