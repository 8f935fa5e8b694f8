using System.Text.Json;

namespace Workflows.Engine.Execution;

/// <summary>Something the runtime asks of an instance. Keys are the ones the engine handed out in effects.</summary>
public abstract record Command;

/// <summary>Starts an instance at the none start event, or at a named (e.g. timer) start event.</summary>
public sealed record StartInstance(IReadOnlyDictionary<string, JsonElement>? Variables = null, string? StartEventId = null) : Command;

/// <summary>An approver finished a task. The outcome (approve, reject, return …) becomes the variable <c>outcome</c>.</summary>
public sealed record CompleteUserTask(long TaskKey, string? Outcome = null, IReadOnlyDictionary<string, JsonElement>? Variables = null) : Command;

/// <summary>The runtime could not find anyone holding the role the task asks for.</summary>
public sealed record ReportUnassignable(long TaskKey, string Reason) : Command;

public sealed record FireTimer(long TimerKey) : Command;

public sealed record CompleteServiceCall(long CallKey, IReadOnlyDictionary<string, JsonElement>? Variables = null) : Command;

/// <summary>The service answered with a business error (a BPMN error), caught by an error boundary event.</summary>
public sealed record ThrowServiceError(long CallKey, string ErrorCode, string? Message = null) : Command;

/// <summary>The service call failed technically. Retries are used up first; then an incident is raised.</summary>
public sealed record FailServiceCall(long CallKey, string Message) : Command;

public sealed record CancelInstance(string? Reason = null) : Command;

/// <summary>
/// Administrative: takes every token off <paramref name="FromElementId"/> (cancelling its tasks and
/// timers) and puts one on <paramref name="ToElementId"/>. Used to return a case (退回) or withdraw it (撤回).
/// </summary>
public sealed record MoveTokens(string FromElementId, string ToElementId, IReadOnlyDictionary<string, JsonElement>? Variables = null) : Command;

/// <summary>Merges variables into the process scope.</summary>
public sealed record SetVariables(IReadOnlyDictionary<string, JsonElement> Variables) : Command;

/// <summary>Does the failed step again, after the cause has been fixed.</summary>
public sealed record RetryIncident(long IncidentKey, IReadOnlyDictionary<string, JsonElement>? Variables = null) : Command;

/// <summary>Leaves the failed element as if it had completed, without doing its work.</summary>
public sealed record SkipIncident(long IncidentKey, IReadOnlyDictionary<string, JsonElement>? Variables = null) : Command;
