using System.Text.Json;

namespace Workflows.Engine.Execution;

/// <summary>Something the runtime must do or record because of a command.</summary>
public abstract record Effect;

/// <summary>Who may take a task: a role at a level of the applicant's organisation tree, or named people.</summary>
/// <param name="Level">province, city, county, township or community (from header <c>level</c> or candidate group <c>county:approver</c>).</param>
/// <param name="Role">e.g. approver, reviewer (from header <c>role</c> or the candidate group).</param>
public sealed record TaskAssignment(
    string? Level,
    string? Role,
    string? Assignee,
    IReadOnlyList<string> CandidateGroups,
    IReadOnlyList<string> CandidateUsers);

public sealed record UserTaskCreated(
    long TaskKey,
    string ElementId,
    string? Name,
    TaskAssignment Assignment,
    string? FormKey,
    DateTimeOffset? DueAt,
    DateTimeOffset? FollowUpAt,
    IReadOnlyList<DateTimeOffset> Reminders,
    IReadOnlyDictionary<string, string> Headers,
    int LoopCounter) : Effect;

public sealed record UserTaskCancelled(long TaskKey, string ElementId) : Effect;

public sealed record TimerScheduled(long TimerKey, string ElementId, DateTimeOffset DueAt) : Effect;

public sealed record TimerCancelled(long TimerKey, string ElementId) : Effect;

/// <param name="Variables">The variables visible at the task, as one JSON object.</param>
public sealed record ServiceCallRequested(
    long CallKey,
    string ElementId,
    string Type,
    IReadOnlyDictionary<string, string> Headers,
    JsonElement Variables,
    int Attempt) : Effect;

public sealed record ServiceCallCancelled(long CallKey, string ElementId) : Effect;

public sealed record IncidentRaised(long IncidentKey, string ElementId, string Code, string MessageZh, string MessageEn) : Effect;

public sealed record IncidentResolved(long IncidentKey, string ElementId) : Effect;

public sealed record InstanceCompleted : Effect;

/// <summary>A terminate end event at process level ended the instance.</summary>
public sealed record InstanceTerminated(string ElementId) : Effect;

public sealed record InstanceCancelled(string? Reason) : Effect;

public enum TraceKind { Entered, Left, Cancelled }

/// <summary>One step of the token's path, for audit trails and tests.</summary>
public sealed record TraceEntry(TraceKind Kind, string ElementId, long Key)
{
    public override string ToString() => $"{Kind switch { TraceKind.Entered => "+", TraceKind.Left => "-", _ => "x" }}{ElementId}";
}

/// <summary>Why a command was refused; the state is returned unchanged.</summary>
public sealed record CommandRejection(string Code, string MessageZh, string MessageEn);

public sealed record CommandResult(
    InstanceState State,
    IReadOnlyList<Effect> Effects,
    IReadOnlyList<TraceEntry> Trace,
    CommandRejection? Rejection)
{
    public bool Accepted => Rejection is null;
}
