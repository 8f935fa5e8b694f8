using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Runtime;
using Workflows.Engine.Execution;
using Workflows.Engine.Model;
using Workflows.Engine.Timers;
using TimerKind = Workflows.Data.Runtime.TimerKind;

namespace Workflows.Server.Runtime;

/// <summary>
/// Turns the engine's effects into rows of the same unit of work: tasks with their candidates,
/// timers, outbox messages, incident and completion history. Returns follow-up commands (a task
/// nobody can take becomes an incident through the engine).
/// </summary>
internal sealed class EffectApplier(WorkflowsDbContext db, Assignment assignment, WorkflowInstance instance, WorkflowDefinition definition, DateTime now, IWorkingCalendar calendar)
{
    private readonly Dictionary<long, WorkTask> _tasksThisCommand = [];
    private readonly List<InstanceEvent> _history = [];

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
                    db.ScheduledTimers.Add(new ScheduledTimer
                    {
                        Id = Guid.NewGuid(), InstanceId = instance.Id, TimerKey = scheduled.TimerKey, ElementId = scheduled.ElementId,
                        DueAt = scheduled.DueAt.UtcDateTime, Status = TimerStatus.Pending,
                    });
                    break;
                case TimerCancelled timerCancelled:
                    await CancelTimerAsync(timerCancelled.TimerKey, cancellationToken);
                    break;
                case ServiceCallRequested call:
                    db.OutboxMessages.Add(new OutboxMessage
                    {
                        Id = Guid.NewGuid(), InstanceId = instance.Id, Kind = OutboxKinds.ServiceCall, Reference = $"call:{call.CallKey}",
                        Payload = JsonSerializer.Serialize(new ServiceCallPayload(instance.Id, call.CallKey, call.ElementId, call.Type, call.Headers, call.Variables, call.Attempt)),
                        // A retry waits longer each time: 30 s, 1 min, 2 min ...
                        CreatedAt = now, AvailableAt = call.Attempt <= 1 ? now : now.AddSeconds(30 * Math.Pow(2, Math.Min(call.Attempt - 2, 10))),
                    });
                    break;
                case ServiceCallCancelled callCancelled:
                    var reference = $"call:{callCancelled.CallKey}";
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

    public void AddHistory() => db.InstanceEvents.AddRange(_history);

    private async Task<WorkTask> CreateTaskAsync(UserTaskCreated created, CancellationToken cancellationToken)
    {
        var resolved = await assignment.ResolveAsync(created.Assignment, instance.UnitPath, instance.UnitId, instance.StartedById, cancellationToken);
        var task = new WorkTask
        {
            Id = Guid.NewGuid(), InstanceId = instance.Id, TaskKey = created.TaskKey, ElementId = created.ElementId,
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
            task.Candidates.Add(new TaskCandidate { TaskId = task.Id, UserId = user });
        }
        db.WorkTasks.Add(task);
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

    private void AddRuntimeTimer(WorkTask task, TimerKind kind, DateTime at) => db.ScheduledTimers.Add(new ScheduledTimer
    {
        Id = Guid.NewGuid(), InstanceId = instance.Id, Kind = kind, TaskId = task.Id, ElementId = task.ElementId,
        DueAt = at, Status = TimerStatus.Pending,
    });

    /// <summary>
    /// Whether a task can have reminder timers: only one with a due date or a <c>reminders</c> header
    /// gets them (<see cref="ScheduleReminders"/>), so finishing any other needs no look-up.
    /// </summary>
    public static bool MayHaveReminders(WorkTask task, FlowNode? node) =>
        task.DueAt is not null || node?.UserTask?.Headers.ContainsKey("reminders") != false;

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

    private async Task CancelTimerAsync(long timerKey, CancellationToken cancellationToken)
    {
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
