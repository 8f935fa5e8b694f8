using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflows.Engine.Execution;

public enum InstanceStatus { Active, Completed, Terminated, Cancelled }

/// <summary>
/// Everything the engine knows about one process instance: a plain value. The engine never
/// changes a state it is given; every command returns a new one. Collections are ordered
/// (lists, sorted dictionaries) so that the same commands always give the same JSON.
/// </summary>
public sealed class InstanceState
{
    /// <summary>The version of the JSON layout written by <see cref="StateSerializer"/>.</summary>
    public const int CurrentFormat = 1;

    [JsonPropertyName("v")] public int Format { get; set; } = CurrentFormat;
    [JsonPropertyName("p")] public string ProcessId { get; set; } = "";
    [JsonPropertyName("s")] public InstanceStatus Status { get; set; }
    /// <summary>The next key handed out to an element instance, timer or incident. Keys start at 1; 0 is the process itself.</summary>
    [JsonPropertyName("n")] public long NextKey { get; set; } = 1;
    [JsonPropertyName("var")] public VariableMap Variables { get; set; } = new();
    [JsonPropertyName("el")] public List<ElementInstance> Elements { get; set; } = [];
    [JsonPropertyName("tm")] public List<TimerState>? Timers { get; set; }
    [JsonPropertyName("j")] public List<JoinArrival>? Joins { get; set; }
    [JsonPropertyName("inc")] public List<Incident>? Incidents { get; set; }

    public ElementInstance? FindElement(long key)
    {
        foreach (var element in Elements)
            if (element.Key == key) return element;
        return null;
    }

    public IEnumerable<ElementInstance> ActiveUserTasks(Model.WorkflowDefinition definition) =>
        Elements.Where(e => e.Body is null && definition.Nodes.TryGetValue(e.ElementId, out var n) && n.Kind == Model.NodeKind.UserTask);

    internal long TakeKey() => NextKey++;

    /// <summary>Empty lists are written as absent, so a state has one JSON form whatever path led to it.</summary>
    internal void Normalise()
    {
        if (Timers is { Count: 0 }) Timers = null;
        if (Joins is { Count: 0 }) Joins = null;
        if (Incidents is { Count: 0 }) Incidents = null;
        foreach (var element in Elements)
            if (element.Variables is { Count: 0 }) element.Variables = null;
    }

    /// <summary>A deep copy, so a command can work on its own state without touching the caller's.</summary>
    public InstanceState Clone() => new()
    {
        Format = Format,
        ProcessId = ProcessId,
        Status = Status,
        NextKey = NextKey,
        Variables = new VariableMap(Variables),
        Elements = Elements.ConvertAll(e => e.Clone()),
        Timers = Timers?.ConvertAll(t => t with { }),
        Joins = Joins?.ConvertAll(j => j with { }),
        Incidents = Incidents?.ConvertAll(i => i with { }),
    };
}

/// <summary>Variables of one scope, ordered by name (ordinal) so the JSON is stable.</summary>
public sealed class VariableMap : SortedDictionary<string, JsonElement>
{
    public VariableMap() : base(StringComparer.Ordinal) { }
    public VariableMap(IDictionary<string, JsonElement> source) : base(source, StringComparer.Ordinal) { }
}

public enum ElementStatus { Active, Failed }

/// <summary>What a failed element does again when an administrator retries its incident.</summary>
public enum PendingStep { None, Arrive, Activate, Complete, ServiceCall, Throw }

/// <summary>One token resting on, or working inside, a flow node.</summary>
public sealed class ElementInstance
{
    [JsonPropertyName("k")] public long Key { get; set; }
    [JsonPropertyName("e")] public string ElementId { get; set; } = "";
    /// <summary>The enclosing sub-process or multi-instance body; 0 for the process.</summary>
    [JsonPropertyName("sc")] public long ScopeKey { get; set; }
    [JsonPropertyName("st")] public ElementStatus Status { get; set; }
    [JsonPropertyName("pe")] public PendingStep Pending { get; set; }
    /// <summary>The flow the token came in by; joins and retried arrivals need it.</summary>
    [JsonPropertyName("via")] public string? Via { get; set; }
    [JsonPropertyName("var")] public VariableMap? Variables { get; set; }
    /// <summary>Set on the body of a multi-instance activity.</summary>
    [JsonPropertyName("mi")] public MultiInstanceState? Body { get; set; }
    /// <summary>1-based position of an inner instance of a multi-instance activity.</summary>
    [JsonPropertyName("lc")] public int LoopCounter { get; set; }
    /// <summary>Service calls: attempts left before an incident.</summary>
    [JsonPropertyName("r")] public int RetriesLeft { get; set; }
    /// <summary>Service calls: how many times the call has been requested.</summary>
    [JsonPropertyName("at")] public int Attempts { get; set; }
    /// <summary>A BPMN error waiting to be caught (error end events and service errors under an incident).</summary>
    [JsonPropertyName("err")] public string? ErrorCode { get; set; }

    public ElementInstance Clone()
    {
        var copy = (ElementInstance)MemberwiseClone();
        if (Variables is not null) copy.Variables = new VariableMap(Variables);
        if (Body is not null) copy.Body = Body with { };
        return copy;
    }
}

/// <summary>The counters of a multi-instance body.</summary>
public sealed record MultiInstanceState
{
    [JsonPropertyName("t")] public int Total { get; set; }
    [JsonPropertyName("nx")] public int Started { get; set; }
    [JsonPropertyName("c")] public int Completed { get; set; }
    [JsonPropertyName("x")] public int Terminated { get; set; }
    /// <summary>The input collection as evaluated when the body was entered; null for a counted loop.</summary>
    [JsonPropertyName("it")] public JsonElement? Items { get; set; }
}

public sealed record TimerState
{
    [JsonPropertyName("k")] public long Key { get; set; }
    /// <summary>The timer event: an intermediate catch or a boundary event.</summary>
    [JsonPropertyName("e")] public string ElementId { get; set; } = "";
    /// <summary>The catch event's instance, or the activity a boundary timer is attached to.</summary>
    [JsonPropertyName("o")] public long OwnerKey { get; set; }
    [JsonPropertyName("d")] public DateTimeOffset DueAt { get; set; }
    [JsonPropertyName("rr")] public int RemainingRepetitions { get; set; }
    [JsonPropertyName("iv")] public string? Interval { get; set; }
}

/// <summary>Tokens that arrived at a joining gateway and wait for the others.</summary>
public sealed record JoinArrival
{
    [JsonPropertyName("sc")] public long ScopeKey { get; set; }
    [JsonPropertyName("g")] public string GatewayId { get; set; } = "";
    [JsonPropertyName("f")] public string FlowId { get; set; } = "";
    [JsonPropertyName("c")] public int Count { get; set; }
}

public sealed record Incident
{
    [JsonPropertyName("k")] public long Key { get; set; }
    [JsonPropertyName("e")] public string ElementId { get; set; } = "";
    [JsonPropertyName("ei")] public long ElementInstanceKey { get; set; }
    [JsonPropertyName("c")] public string Code { get; set; } = "";
    [JsonPropertyName("zh")] public string MessageZh { get; set; } = "";
    [JsonPropertyName("en")] public string MessageEn { get; set; } = "";
}
