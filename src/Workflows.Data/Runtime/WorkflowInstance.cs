namespace Workflows.Data.Runtime;

/// <summary>
/// A running or finished case: the engine's state as JSON plus what the inbox and permission
/// checks need without opening it.
/// </summary>
public sealed class WorkflowInstance
{
    public const int TitleMaxLength = 200;
    public const int BusinessKeyMaxLength = 64;

    public Guid Id { get; set; }

    public Guid DefinitionId { get; set; }

    public WorkflowDefinitionRecord? Definition { get; set; }

    public string ProcessId { get; set; } = "";

    public int DefinitionVersion { get; set; }

    public string BusinessKey { get; set; } = "";

    public string Title { get; set; } = "";

    /// <summary>The applicant's unit; assignment and visibility follow from its place in the tree.</summary>
    public Guid UnitId { get; set; }

    /// <summary>Copy of the unit's path at start, so scoped queries need no join.</summary>
    public string UnitPath { get; set; } = "";

    public Guid? ApplicationId { get; set; }

    public Guid StartedById { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime? EndedAt { get; set; }

    public InstanceStatus Status { get; set; }

    /// <summary>Names of the steps that hold a token now, for lists (e.g. "县级审核").</summary>
    public string CurrentSteps { get; set; } = "";

    /// <summary>The engine's state, compact versioned JSON.</summary>
    public string State { get; set; } = "";

    /// <summary>Optimistic concurrency: one command wins, the other gets a conflict.</summary>
    public int Revision { get; set; }

    public bool HasIncident { get; set; }
}

public enum InstanceStatus
{
    Active = 1,
    Completed = 2,
    Terminated = 3,
    Cancelled = 4,
}
