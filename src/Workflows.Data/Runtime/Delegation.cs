namespace Workflows.Data.Runtime;

/// <summary>
/// 委托: while away, a person lets someone else act on their tasks for a date range, for every
/// workflow or for one.
/// </summary>
public sealed class Delegation
{
    public Guid Id { get; set; }

    public Guid FromUserId { get; set; }

    public Guid ToUserId { get; set; }

    public DateOnly StartsOn { get; set; }

    public DateOnly EndsOn { get; set; }

    public string? ProcessId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? RevokedAt { get; set; }
}
