using Workflows.Data.Runtime;

namespace Workflows.Server.Inbox;

public sealed record TaskView(
    Guid Id, Guid InstanceId, string Kind, string Status, string Name, string ElementId, string Title, string BusinessKey,
    string ProcessId, Guid UnitId, string? FormKey, string? CandidateLevel, string? CandidateRole, Guid? AssigneeId,
    DateTime CreatedAt, DateTime? DueAt, bool Overdue, DateTime? CompletedAt, string? CompletedByName, string? Outcome, string? Comment);

public sealed record TaskPage(IReadOnlyList<TaskView> Items, string? NextCursor);

public sealed record TaskCounts(int Todo, int Overdue, int Copied, int DoneToday);

public static class TaskViews
{
    public static TaskView View(WorkTask t, DateTime now) => new(
        t.Id, t.InstanceId, t.Kind.ToString(), t.Status.ToString(), t.Name, t.ElementId, t.Title, t.BusinessKey, t.ProcessId, t.UnitId,
        t.FormKey, t.CandidateLevel, t.CandidateRole, t.AssigneeId, t.CreatedAt, t.DueAt,
        t.Status == WorkTaskStatus.Open && t.DueAt is not null && t.DueAt < now, t.CompletedAt, t.CompletedByName, t.Outcome, t.Comment);
}
