namespace Workflows.Data.Runtime;

/// <summary>
/// A timer the engine asked for, stored with the step that scheduled it. Whoever fires it claims
/// the row first, so it fires once however many nodes run.
/// </summary>
public sealed class ScheduledTimer
{
    public Guid Id { get; set; }

    /// <summary>The case the timer belongs to; empty for a timer start event, which belongs to a definition.</summary>
    public Guid InstanceId { get; set; }

    /// <summary>For a timer start event: the definition version whose start event it is.</summary>
    public Guid? DefinitionId { get; set; }

    public TimerKind Kind { get; set; } = TimerKind.Engine;

    /// <summary>The engine's key for an engine timer; zero for the runtime's own reminders.</summary>
    public long TimerKey { get; set; }

    /// <summary>The task a reminder, due notice or escalation is about.</summary>
    public Guid? TaskId { get; set; }

    public string ElementId { get; set; } = "";

    public DateTime DueAt { get; set; }

    public TimerStatus Status { get; set; }

    public DateTime? FiredAt { get; set; }

    public int Revision { get; set; }
}

public enum TimerKind
{
    /// <summary>A timer of the diagram: boundary, intermediate catch or cycle. Firing it is an engine command.</summary>
    Engine = 1,

    /// <summary>A reminder before a task is due (提醒).</summary>
    Reminder = 2,

    /// <summary>The moment a task becomes overdue: tell the assignees.</summary>
    Due = 3,

    /// <summary>Overdue: tell the next level up (督办).</summary>
    Escalation = 4,

    /// <summary>A timer start event: start the periodic cases (one per county for a report window).</summary>
    Start = 5,
}

public enum TimerStatus
{
    Pending = 1,
    Fired = 2,
    Cancelled = 3,
}

/// <summary>
/// Work to do outside the transaction that decided it (a service call, a notification), written in
/// that transaction and drained afterwards, idempotently, with retries.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    public Guid? InstanceId { get; set; }

    public string Kind { get; set; } = "";

    /// <summary>What the message is about, e.g. <c>call:12</c> for a service call, so it can be cancelled.</summary>
    public string? Reference { get; set; }

    public string Payload { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime AvailableAt { get; set; }

    public int Attempts { get; set; }

    public DateTime? ProcessedAt { get; set; }

    public string? LastError { get; set; }

    public int Revision { get; set; }
}

/// <summary>A remembered answer to a request sent with an Idempotency-Key, so a retry never acts twice.</summary>
public sealed class IdempotencyRecord
{
    public string Key { get; set; } = "";

    public Guid UserId { get; set; }

    public string RequestHash { get; set; } = "";

    public int StatusCode { get; set; }

    public string Body { get; set; } = "";

    public DateTime CreatedAt { get; set; }
}
