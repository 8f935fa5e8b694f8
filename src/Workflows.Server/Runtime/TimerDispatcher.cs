using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Runtime;
using Workflows.Engine.Execution;
using InstanceStatus = Workflows.Data.Runtime.InstanceStatus;
using Workflows.Server.Notifications;

namespace Workflows.Server.Runtime;

/// <summary>
/// Fires due timers. A timer row changes to fired in the same transaction as the step it causes,
/// guarded by its revision: after a crash it is still pending and fires then; with several nodes
/// only one firing commits. So every timer fires exactly once.
/// </summary>
public sealed class TimerDispatcher(IServiceScopeFactory scopes, TimeProvider clock, ILogger<TimerDispatcher> logger)
{
    public async Task<int> FireDueAsync(int max = 200, CancellationToken cancellationToken = default)
    {
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var now = clock.GetUtcNow().UtcDateTime;
            due = await scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>().ScheduledTimers.AsNoTracking()
                .Where(t => t.Status == TimerStatus.Pending && t.DueAt <= now)
                .OrderBy(t => t.DueAt).Select(t => t.Id).Take(max).ToListAsync(cancellationToken);
        }
        var fired = 0;
        foreach (var id in due)
        {
            try
            {
                if (await FireAsync(id, cancellationToken))
                {
                    fired++;
                }
            }
            catch (DbUpdateException)
            {
                // Fired by another node in the meantime.
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Timer {Timer} could not fire; it stays pending", id);
            }
        }
        return fired;
    }

    public async Task<bool> FireAsync(Guid timerId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<WorkflowsDbContext>();
        var timer = await db.ScheduledTimers.SingleOrDefaultAsync(t => t.Id == timerId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (timer is null || timer.Status != TimerStatus.Pending || timer.DueAt > now)
        {
            return false;
        }
        if (timer.Kind == TimerKind.Start)
        {
            return await FireStartAsync(services, db, timer, now, cancellationToken);
        }
        timer.Status = TimerStatus.Fired;
        timer.FiredAt = now;
        timer.Revision++;
        var instance = await db.WorkflowInstances.SingleOrDefaultAsync(i => i.Id == timer.InstanceId, cancellationToken);
        if (instance is null || instance.Status != InstanceStatus.Active)
        {
            timer.Status = TimerStatus.Cancelled;
            await db.SaveChangesAsync(cancellationToken);
            return false;
        }
        if (timer.Kind == TimerKind.Engine)
        {
            var outcome = await services.GetRequiredService<WorkflowRuntime>().ExecuteAsync(instance, new FireTimer(timer.TimerKey), Actor.System,
                new HistoryNote(InstanceEventKind.TimerFired, timer.ElementId), cancellationToken: cancellationToken);
            if (!outcome.Accepted)
            {
                timer.Status = TimerStatus.Cancelled;
                await db.SaveChangesAsync(cancellationToken);
                return false;
            }
            return true;
        }
        await RemindAsync(services, db, timer, instance, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Starts the periodic cases, then marks the timer fired and schedules the next firing in one
    /// transaction; a repeat after a crash skips the counties already started.
    /// </summary>
    private static async Task<bool> FireStartAsync(IServiceProvider services, WorkflowsDbContext db, ScheduledTimer timer, DateTime now, CancellationToken cancellationToken)
    {
        var scheduler = services.GetRequiredService<StartTimerScheduler>();
        var timerId = timer.Id;
        await scheduler.FireAsync(timer, services.GetRequiredService<WorkflowRuntime>(), cancellationToken);
        db.ChangeTracker.Clear();
        var current = await db.ScheduledTimers.SingleAsync(t => t.Id == timerId, cancellationToken);
        if (current.Status != TimerStatus.Pending)
        {
            return false;
        }
        current.Status = TimerStatus.Fired;
        current.FiredAt = now;
        current.Revision++;
        var record = await db.WorkflowDefinitions.AsNoTracking().SingleAsync(d => d.Id == current.DefinitionId, cancellationToken);
        var latest = await db.WorkflowDefinitions.AsNoTracking().Where(d => d.ProcessId == record.ProcessId).MaxAsync(d => d.Version, cancellationToken);
        if (latest == record.Version)
        {
            await scheduler.AddNextAsync(record, new DateTimeOffset(current.DueAt, TimeSpan.Zero), cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static async Task RemindAsync(IServiceProvider services, WorkflowsDbContext db, ScheduledTimer timer, WorkflowInstance instance, CancellationToken cancellationToken)
    {
        var task = await db.WorkTasks.AsNoTracking().Include(t => t.Candidates).SingleOrDefaultAsync(t => t.Id == timer.TaskId, cancellationToken);
        if (task is null || task.Status != WorkTaskStatus.Open)
        {
            timer.Status = TimerStatus.Cancelled;
            return;
        }
        var notifier = services.GetRequiredService<Notifier>();
        var assignees = task.AssigneeId is { } one ? [one] : task.Candidates.Select(c => c.UserId).ToList();
        var due = task.DueAt?.AddHours(8).ToString("yyyy-MM-dd HH:mm") ?? "";
        switch (timer.Kind)
        {
            case TimerKind.Reminder:
                await notifier.NotifyAsync(assignees, "reminder", $"待办提醒：{task.Name}",
                    $"“{task.Title}”（{task.BusinessKey}）的“{task.Name}”将于 {due} 到期，请及时办理。", instance.Id, task.Id, $"timer:{timer.Id:N}", cancellationToken);
                break;
            case TimerKind.Due:
                await notifier.NotifyAsync(assignees, "overdue", $"已超期：{task.Name}",
                    $"“{task.Title}”（{task.BusinessKey}）的“{task.Name}”已于 {due} 到期，请尽快办理。", instance.Id, task.Id, $"timer:{timer.Id:N}", cancellationToken);
                break;
            case TimerKind.Escalation:
                var above = await services.GetRequiredService<Recipients>().NextLevelUpAsync(task, cancellationToken);
                await notifier.NotifyAsync(above, "escalation", $"督办：{task.Name} 已超期",
                    $"下级的“{task.Title}”（{task.BusinessKey}）“{task.Name}”已于 {due} 到期仍未办理，请督促。", instance.Id, task.Id, $"timer:{timer.Id:N}", cancellationToken);
                break;
        }
    }
}
