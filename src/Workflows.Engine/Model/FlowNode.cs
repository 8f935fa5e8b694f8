namespace Workflows.Engine.Model;

/// <summary>The BPMN element kinds the engine executes.</summary>
public enum NodeKind
{
    StartEvent,
    EndEvent,
    IntermediateTimerCatch,
    /// <summary>A plain task or a none intermediate throw event: entered and left at once.</summary>
    PassThrough,
    BoundaryEvent,
    UserTask,
    ServiceTask,
    SubProcess,
    ExclusiveGateway,
    ParallelGateway,
    InclusiveGateway,
}

/// <summary>
/// One flow node of a compiled definition. Immutable once the definition is built; the
/// engine shares one instance across every process instance and thread.
/// </summary>
public sealed class FlowNode
{
    internal FlowNode(string id, string? name, NodeKind kind, string? containerId)
    {
        Id = id;
        Name = name;
        Kind = kind;
        ContainerId = containerId;
    }

    public string Id { get; }
    public string? Name { get; }
    public NodeKind Kind { get; }

    /// <summary>The sub-process that contains this node, or null for the process itself.</summary>
    public string? ContainerId { get; }

    public IReadOnlyList<SequenceFlow> Incoming { get; internal set; } = [];
    public IReadOnlyList<SequenceFlow> Outgoing { get; internal set; } = [];

    /// <summary>For gateways: the flow taken when no condition holds.</summary>
    public string? DefaultFlowId { get; internal set; }

    public IReadOnlyList<VariableMapping> Inputs { get; internal set; } = [];
    public IReadOnlyList<VariableMapping> Outputs { get; internal set; } = [];

    /// <summary>End events: terminate the enclosing scope instead of consuming one token.</summary>
    public bool IsTerminate { get; internal set; }

    /// <summary>End events with an error definition throw this error code.</summary>
    public string? ThrowsErrorCode { get; internal set; }

    /// <summary>Timer start, intermediate catch and boundary timer events.</summary>
    public TimerDefinition? Timer { get; internal set; }

    // Boundary events
    public string? AttachedToId { get; internal set; }
    public bool CancelActivity { get; internal set; } = true;
    /// <summary>Error boundary: the caught code; empty string catches every error.</summary>
    public string? CatchesErrorCode { get; internal set; }
    public bool IsErrorBoundary { get; internal set; }

    /// <summary>Boundary events attached to this activity.</summary>
    public IReadOnlyList<FlowNode> Boundaries { get; internal set; } = [];

    // Tasks
    public UserTaskDefinition? UserTask { get; internal set; }
    public ServiceTaskDefinition? ServiceTask { get; internal set; }
    public MultiInstanceDefinition? MultiInstance { get; internal set; }

    /// <summary>Sub-processes: the none start event that begins them.</summary>
    public string? StartEventId { get; internal set; }

    public bool IsActivity => Kind is NodeKind.UserTask or NodeKind.ServiceTask or NodeKind.SubProcess;
    public bool IsGateway => Kind is NodeKind.ExclusiveGateway or NodeKind.ParallelGateway or NodeKind.InclusiveGateway;

    public override string ToString() => Name is null ? Id : $"{Id} ({Name})";
}

/// <summary>A zeebe:input or zeebe:output: a FEEL source written to a target variable.</summary>
public sealed record VariableMapping(string Source, string Target, Expression Expression);

public sealed record SequenceFlow(string Id, string? Name, string SourceId, string TargetId, Expression? Condition)
{
    public bool IsDefault { get; internal set; }
}
