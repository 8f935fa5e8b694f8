using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Runtime;
using Workflows.Data.Storage;
using Workflows.Engine.Execution;
using Workflows.Engine.Model;
using Workflows.Engine.Timers;
using TimerKind = Workflows.Data.Runtime.TimerKind;

namespace Workflows.Server.Runtime;

/// <summary>
/// Turns the engine's effects into rows of the same unit of work: tasks with their candidates,
/// timers, outbox messages, incident and completion history. Returns follow-up commands (a task
/// nobody can take becomes an incident through the engine).
/// With <paramref name="rows"/> the rows go there, to be written without the change tracker
/// (the instance is not tracked); without, they are added to the context as before.
/// </summary>
internal sealed class EffectApplier(WorkflowsDbContext db, Assignment assignment, WorkflowInstance instance, WorkflowDefinition definition, DateTime now, IWorkingCalendar calendar,
    RowChanges? rows = null)
{
    private readonly Dictionary<long, WorkTask> _tasksThisCommand = [];
    private readonly Dictionary<long, ScheduledTimer> _timersThisCommand = [];
    private readonly List<InstanceEvent> _history = [];

    private void Add<T>(T entity) where T : class
    {
        if (rows is null)
        {
            db.Add(entity);
        }
        else
        {
            rows.Add(db, entity);
        }
    }

    public async Task<List<Command>> ApplyAsync(IReadOnlyList<Effect> effects, CommandOutcome outcome, CancellationToken cancellationToken)
    {
        var followUps = new List<Command>();
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case UserTaskCreated created:
                    var task = await CreateTaskAsync(created, cancellationToken);
                    outcome.CreatedTasks.Add(task);
                    if (task.AssigneeId is null && task.Candidates.Count == 0)
                    {
                        followUps.Add(new ReportUnassignable(created.TaskKey,
                            $"没有人能办理“{task.Name}”（{created.Assignment.Level ?? "申请单位"} {created.Assignment.Role ?? string.Join(",", created.Assignment.CandidateGroups)}） / nobody can take this task"));
                    }
                    break;
                case UserTaskCancelled cancelled:
                    await CancelTaskAsync(cancelled.TaskKey, cancellationToken);
                    break;
                case TimerScheduled scheduled:
                    var timer = new ScheduledTimer
                    {
                        Id = Guid.CreateVersion7(), InstanceId = instance.Id, TimerKey = scheduled.TimerKey, ElementId = scheduled.ElementId,
                        DueAt = scheduled.DueAt.UtcDateTime, Status = TimerStatus.Pending,
                    };
                    _timersThisCommand[scheduled.TimerKey] = timer;
                    Add(timer);
                    break;
                case TimerCancelled timerCancelled:
                    await CancelTimerAsync(timerCancelled.TimerKey, cancellationToken);
                    break;
                case ServiceCallRequested call:
                    Add(new OutboxMessage
                    {
                        Id = Guid.CreateVersion7(), InstanceId = instance.Id, Kind = OutboxKinds.ServiceCall, Reference = $"call:{call.CallKey}",
                        Payload = JsonSerializer.Serialize(new ServiceCallPayload(instance.Id, call.CallKey, call.ElementId, call.Type, call.Headers, call.Variables, call.Attempt)),
                        // A retry waits longer each time: 30 s, 1 min, 2 min ...
                        CreatedAt = now, AvailableAt = call.Attempt <= 1 ? now : now.AddSeconds(30 * Math.Pow(2, Math.Min(call.Attempt - 2, 10))),
                    });
                    break;
                case ServiceCallCancelled callCancelled:
                    var reference = $"call:{callCancelled.CallKey}";
                    if (rows is not null)
                    {
                        var outbox = RowTable.Of<OutboxMessage>(db);
                        rows.Execute("""
                            UPDATE "Outbox" SET "ProcessedAt" = @a0, "LastError" = 'cancelled', "Revision" = "Revision" + 1
                            WHERE "InstanceId" = @a1 AND "Reference" = @a2 AND "ProcessedAt" IS NULL
                            """, (outbox.Column(nameof(OutboxMessage.ProcessedAt)), now), (outbox.Column(nameof(OutboxMessage.InstanceId)), instance.Id),
                            (outbox.Column(nameof(OutboxMessage.Reference)), reference));
                        break;
                    }
                    foreach (var message in await db.OutboxMessages.Where(m => m.InstanceId == instance.Id && m.Reference == reference && m.ProcessedAt == null).ToListAsync(cancellationToken))
                    {
                        message.ProcessedAt = now;
                        message.LastError = "cancelled";
                        message.Revision++;
                    }
                    break;
                case IncidentRaised incident:
                    Record(InstanceEventKind.IncidentRaised, incident.ElementId, new { incident.IncidentKey, incident.Code, incident.MessageZh, incident.MessageEn });
                    break;
                case IncidentResolved resolved:
                    Record(InstanceEventKind.IncidentResolved, resolved.ElementId, new { resolved.IncidentKey });
                    break;
                case InstanceCompleted:
                    Record(InstanceEventKind.Completed, null, null);
                    break;
                case InstanceTerminated terminated:
                    Record(InstanceEventKind.Terminated, terminated.ElementId, null);
                    break;
                case InstanceCancelled cancelledInstance:
                    Record(InstanceEventKind.Cancelled, null, new { cancelledInstance.Reason });
                    break;
            }
        }
        return followUps;
    }

    public void AddHistory()
    {
        foreach (var entry in _history)
        {
            Add(entry);
        }
    }

    private async Task<WorkTask> CreateTaskAsync(UserTaskCreated created, CancellationToken cancellationToken)
    {
        var resolved = await assignment.ResolveAsync(created.Assignment, instance.UnitPath, instance.UnitId, instance.StartedById, cancellationToken);
        var task = new WorkTask
        {
            Id = Guid.CreateVersion7(), InstanceId = instance.Id, TaskKey = created.TaskKey, ElementId = created.ElementId,
            Name = created.Name ?? definition.Nodes.GetValueOrDefault(created.ElementId)?.Name ?? created.ElementId,
            Kind = WorkTaskKind.Action, Status = WorkTaskStatus.Open, FormKey = created.FormKey,
            CandidateLevel = created.Assignment.Level, CandidateRole = created.Assignment.Role,
            CandidateUnitId = resolved.CandidateUnitId, AssigneeId = resolved.AssigneeId,
            Title = instance.Title, BusinessKey = instance.BusinessKey, ProcessId = instance.ProcessId,
            UnitId = instance.UnitId, UnitPath = instance.UnitPath,
            CreatedAt = now, DueAt = created.DueAt?.UtcDateTime,
        };
        foreach (var user in resolved.Candidates.Append(resolved.AssigneeId ?? Guid.Empty).Where(u => u != Guid.Empty).Distinct())
        {
            // The same as the context does on save: open in this person's inbox unless taken by another.
            task.Candidates.Add(new TaskCandidate
            {
                TaskId = task.Id, UserId = user, CreatedAt = task.CreatedAt, DueAt = task.DueAt,
                Open = task.AssigneeId is null || task.AssigneeId == user,
            });
        }
        if (rows is null)
        {
            db.WorkTasks.Add(task);
        }
        else
        {
            rows.Add(db, task);
            foreach (var candidate in task.Candidates)
            {
                rows.Add(db, candidate);
            }
        }
        _tasksThisCommand[created.TaskKey] = task;
        ScheduleReminders(task, created);
        Record(InstanceEventKind.TaskCreated, created.ElementId, new { taskId = task.Id, candidates = task.Candidates.Count, due = task.DueAt }, task.Id);
        return task;
    }

    /// <summary>
    /// Reminders from the task's header, or by default one working day before the due time; a
    /// notice at the due time; and escalation to the level above at the same moment.
    /// </summary>
    private void ScheduleReminders(WorkTask task, UserTaskCreated created)
    {
        var reminders = created.Reminders.Select(r => r.UtcDateTime).ToList();
        if (reminders.Count == 0 && task.DueAt is { } dueAt)
        {
            reminders.Add(WorkingDays.Before(dueAt, 1, calendar));
        }
        foreach (var at in reminders.Where(at => at > now).Distinct())
        {
            AddRuntimeTimer(task, TimerKind.Reminder, at);
        }
        if (task.DueAt is { } due)
        {
            AddRuntimeTimer(task, TimerKind.Due, due);
            AddRuntimeTimer(task, TimerKind.Escalation, due);
        }
    }

    private void AddRuntimeTimer(WorkTask task, TimerKind kind, DateTime at) => Add(new ScheduledTimer
    {
        Id = Guid.CreateVersion7(), InstanceId = instance.Id, Kind = kind, TaskId = task.Id, ElementId = task.ElementId,
        DueAt = at, Status = TimerStatus.Pending,
    });

    /// <summary>
    /// Whether a task can have reminder timers: only one with a due date or a <c>reminders</c> header
    /// gets them (<see cref="ScheduleReminders"/>), so finishing any other needs no look-up.
    /// </summary>
    public static bool MayHaveReminders(WorkTask task, FlowNode? node) =>
        task.DueAt is not null || node?.UserTask?.Headers.ContainsKey("reminders") != false;

    /// <summary>A task that is finished no longer needs its reminders; written with the step's rows.</summary>
    public static void CancelReminders(WorkflowsDbContext db, RowChanges rows, Guid taskId)
    {
        var timers = RowTable.Of<ScheduledTimer>(db);
        var status = timers.Column(nameof(ScheduledTimer.Status));
        rows.Execute("""UPDATE "Timers" SET "Status" = @a0, "Revision" = "Revision" + 1 WHERE "TaskId" = @a1 AND "Status" = @a2""",
            (status, TimerStatus.Cancelled), (timers.Column(nameof(ScheduledTimer.TaskId)), taskId), (status, TimerStatus.Pending));
    }

    /// <summary>A finished task leaves every inbox: its candidate rows are no longer open.</summary>
    public static void CloseCandidates(WorkflowsDbContext db, RowChanges rows, Guid taskId)
    {
        var candidates = RowTable.Of<TaskCandidate>(db);
        rows.Execute("""UPDATE "TaskCandidates" SET "Open" = @a0 WHERE "TaskId" = @a1 AND "Open" = @a2""",
            (candidates.Column(nameof(TaskCandidate.Open)), false), (candidates.Column(nameof(TaskCandidate.TaskId)), taskId),
            (candidates.Column(nameof(TaskCandidate.Open)), true));
    }

    /// <summary>A task that is finished no longer needs its reminders.</summary>
    public static async Task CancelRemindersAsync(WorkflowsDbContext db, Guid taskId, CancellationToken cancellationToken)
    {
        foreach (var timer in await db.ScheduledTimers.Where(t => t.TaskId == taskId && t.Status == TimerStatus.Pending).ToListAsync(cancellationToken))
        {
            timer.Status = TimerStatus.Cancelled;
            timer.Revision++;
        }
    }

    private async Task CancelTaskAsync(long taskKey, CancellationToken cancellationToken)
    {
        if (rows is not null)
        {
            await CancelUntrackedTaskAsync(rows, taskKey, cancellationToken);
            return;
        }
        var task = _tasksThisCommand.GetValueOrDefault(taskKey)
                   ?? await db.WorkTasks.SingleOrDefaultAsync(t => t.InstanceId == instance.Id && t.TaskKey == taskKey && t.Kind == WorkTaskKind.Action, cancellationToken);
        if (task is null || task.Status != WorkTaskStatus.Open)
        {
            return;
        }
        task.Status = WorkTaskStatus.Cancelled;
        task.CompletedAt = now;
        task.Revision++;
        await CancelRemindersAsync(db, task.Id, cancellationToken);
        Record(InstanceEventKind.TaskCancelled, task.ElementId, null, task.Id);
    }

    /// <summary>
    /// The task is one this step holds already (created now, or the one being completed), or it is
    /// read and its update joins the step's rows, guarded by the revision read.
    /// </summary>
    private async Task CancelUntrackedTaskAsync(RowChanges changes, long taskKey, CancellationToken cancellationToken)
    {
        if (_tasksThisCommand.TryGetValue(taskKey, out var created))
        {
            // Not written yet: it is inserted as cancelled.
            if (created.Status == WorkTaskStatus.Open)
            {
                created.Status = WorkTaskStatus.Cancelled;
                created.CompletedAt = now;
                foreach (var candidate in created.Candidates)
                {
                    candidate.Open = false;
                }
                foreach (var timer in changes.Entities.OfType<ScheduledTimer>().Where(t => t.TaskId == created.Id))
                {
                    timer.Status = TimerStatus.Cancelled;
                }
                Record(InstanceEventKind.TaskCancelled, created.ElementId, null, created.Id);
            }
            return;
        }
        if (changes.Entities.OfType<WorkTask>().Any(t => t.InstanceId == instance.Id && t.TaskKey == taskKey && t.Kind == WorkTaskKind.Action))
        {
            // The task being completed in this step: already finished.
            return;
        }
        var task = await db.WorkTasks.AsNoTracking()
            .SingleOrDefaultAsync(t => t.InstanceId == instance.Id && t.TaskKey == taskKey && t.Kind == WorkTaskKind.Action, cancellationToken);
        if (task is null || task.Status != WorkTaskStatus.Open)
        {
            return;
        }
        var revision = task.Revision;
        task.Status = WorkTaskStatus.Cancelled;
        task.CompletedAt = now;
        task.Revision++;
        changes.Modify(db, task, revision, nameof(WorkTask.Status), nameof(WorkTask.CompletedAt), nameof(WorkTask.Revision));
        CloseCandidates(db, changes, task.Id);
        CancelReminders(db, changes, task.Id);
        Record(InstanceEventKind.TaskCancelled, task.ElementId, null, task.Id);
    }

    private async Task CancelTimerAsync(long timerKey, CancellationToken cancellationToken)
    {
        if (rows is not null)
        {
            if (_timersThisCommand.TryGetValue(timerKey, out var scheduled))
            {
                scheduled.Status = TimerStatus.Cancelled;
                return;
            }
            var timers = RowTable.Of<ScheduledTimer>(db);
            var status = timers.Column(nameof(ScheduledTimer.Status));
            rows.Execute("""
                UPDATE "Timers" SET "Status" = @a0, "Revision" = "Revision" + 1
                WHERE "InstanceId" = @a1 AND "TimerKey" = @a2 AND "Status" = @a3
                """, (status, TimerStatus.Cancelled), (timers.Column(nameof(ScheduledTimer.InstanceId)), instance.Id),
                (timers.Column(nameof(ScheduledTimer.TimerKey)), timerKey), (status, TimerStatus.Pending));
            return;
        }
        var timer = db.ScheduledTimers.Local.FirstOrDefault(t => t.InstanceId == instance.Id && t.TimerKey == timerKey)
                    ?? await db.ScheduledTimers.SingleOrDefaultAsync(t => t.InstanceId == instance.Id && t.TimerKey == timerKey, cancellationToken);
        if (timer is { Status: TimerStatus.Pending })
        {
            timer.Status = TimerStatus.Cancelled;
            timer.Revision++;
        }
    }

    private void Record(InstanceEventKind kind, string? elementId, object? detail, Guid? taskId = null) => _history.Add(new InstanceEvent
    {
        InstanceId = instance.Id, At = now, Kind = kind, ElementId = elementId, TaskId = taskId,
        ElementName = elementId is null ? null : definition.Nodes.GetValueOrDefault(elementId)?.Name,
        ActorName = "system", Detail = detail is null ? null : JsonSerializer.Serialize(detail),
    });
}

public static class OutboxKinds
{
    public const string ServiceCall = "service-call";
    public const string Notification = "notification";
}

public sealed record ServiceCallPayload(Guid InstanceId, long CallKey, string ElementId, string Type,
    IReadOnlyDictionary<string, string> Headers, JsonElement Variables, int Attempt);
