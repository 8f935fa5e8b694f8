namespace Workflows.Data.Runtime;

/// <summary>
/// One line of a case's append-only history: who did what, when, with which outcome and comment,
/// from where. Enough to draw the tracking view.
/// </summary>
public sealed class InstanceEvent
{
    public long Id { get; set; }

    public Guid InstanceId { get; set; }

    public DateTime At { get; set; }

    public InstanceEventKind Kind { get; set; }

    public string? ElementId { get; set; }

    public string? ElementName { get; set; }

    public Guid? TaskId { get; set; }

    public Guid? ActorId { get; set; }

    public string? ActorName { get; set; }

    public string? Outcome { get; set; }

    public string? Comment { get; set; }

    /// <summary>Extra facts as JSON: the path taken, variables changed, who a task went to.</summary>
    public string? Detail { get; set; }

    public string? IpAddress { get; set; }
}

public enum InstanceEventKind
{
    Started = 1,
    TaskCreated = 2,
    TaskCompleted = 3,
    TaskCancelled = 4,
    Returned = 5,
    Withdrawn = 6,
    Resubmitted = 7,
    Transferred = 8,
    Claimed = 9,
    Released = 10,
    Copied = 11,
    Urged = 12,
    Commented = 13,
    TimerFired = 14,
    ServiceCompleted = 15,
    ServiceFailed = 16,
    IncidentRaised = 17,
    IncidentResolved = 18,
    Completed = 19,
    Terminated = 20,
    Cancelled = 21,
    Moved = 22,
    SignerAdded = 23,
}
