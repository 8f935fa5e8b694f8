namespace Workflows.Data.Runtime;

/// <summary>A user task as the inbox shows it (待办 / 已办), or a copy sent to someone (抄送).</summary>
public sealed class WorkTask
{
    public Guid Id { get; set; }

    public Guid InstanceId { get; set; }

    public WorkflowInstance? Instance { get; set; }

    /// <summary>The engine's key for the task; zero for a copy, which the engine does not know.</summary>
    public long TaskKey { get; set; }

    public string ElementId { get; set; } = "";

    public string Name { get; set; } = "";

    public WorkTaskKind Kind { get; set; }

    public WorkTaskStatus Status { get; set; }

    public string? FormKey { get; set; }

    /// <summary>What the definition asked for, e.g. level <c>county</c>, role <c>approver</c>.</summary>
    public string? CandidateLevel { get; set; }

    public string? CandidateRole { get; set; }

    /// <summary>The unit whose role holders may take the task (the applicant's county, for a county review).</summary>
    public Guid? CandidateUnitId { get; set; }

    /// <summary>Set when someone claimed the task or it was assigned to one person.</summary>
    public Guid? AssigneeId { get; set; }

    // Copies from the instance so that the inbox is one indexed query.
    public string Title { get; set; } = "";

    public string BusinessKey { get; set; } = "";

    public string ProcessId { get; set; } = "";

    public Guid UnitId { get; set; }

    public string UnitPath { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime? DueAt { get; set; }

    public DateTime? CompletedAt { get; set; }

    public Guid? CompletedById { get; set; }

    public string? CompletedByName { get; set; }

    public string? Outcome { get; set; }

    public string? Comment { get; set; }

    /// <summary>
    /// For an added signer (加签): the task they sign for. A signer "before" blocks that task until
    /// they have signed; a signer "after" takes over the step's engine key and decides it.
    /// </summary>
    public Guid? ParentTaskId { get; set; }

    public string? SignerPosition { get; set; }

    /// <summary>Bumped on every change; two people completing the same task cannot both win.</summary>
    public int Revision { get; set; }

    public List<TaskCandidate> Candidates { get; set; } = [];
}

public enum WorkTaskKind
{
    /// <summary>A step someone must act on.</summary>
    Action = 1,

    /// <summary>抄送: a read-only item in someone's inbox.</summary>
    Copy = 2,
}

public enum WorkTaskStatus
{
    Open = 1,
    Completed = 2,
    Cancelled = 3,
}

/// <summary>
/// A person who may take a task, resolved when the task was created. It repeats whether the task
/// is in this person's inbox now and when it was created and is due, so that an inbox page and its
/// counts read one index range however many tasks the database holds; the context keeps these
/// copies in step with the task.
/// </summary>
public sealed class TaskCandidate
{
    public Guid TaskId { get; set; }

    public Guid UserId { get; set; }

    public bool Open { get; set; } = true;

    public DateTime CreatedAt { get; set; }

    public DateTime? DueAt { get; set; }

    public WorkTask? Task { get; set; }
}
