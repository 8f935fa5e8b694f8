using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Organisation;
using Workflows.Data.Runtime;
using Workflows.Engine.Timers;

namespace Workflows.Server.Runtime;

/// <summary>
/// Timer start events: the latest version of a workflow keeps one pending start timer per timer
/// start event. When it fires, one case starts for every county (the level that compiles
/// reports), each with a business key made of the period and the county's code, so a firing that
/// is repeated after a crash, or on a second node, starts nobody twice.
/// </summary>
public sealed class StartTimerScheduler(WorkflowsDbContext db, DefinitionStore definitions, WorkingCalendars calendars, TimeProvider clock)
{
    /// <summary>Replaces the pending start timers of a process by those of its latest version.</summary>
    public async Task ScheduleAsync(string processId, CancellationToken cancellationToken = default)
    {
        var latest = await definitions.LatestAsync(processId, cancellationToken);
        if (latest is null)
        {
            return;
        }
        var versions = await db.WorkflowDefinitions.Where(d => d.ProcessId == processId).Select(d => d.Id).ToListAsync(cancellationToken);
        var pending = await db.ScheduledTimers.Where(t => t.Kind == TimerKind.Start && t.Status == TimerStatus.Pending && t.DefinitionId != null && versions.Contains(t.DefinitionId.Value))
            .ToListAsync(cancellationToken);
        if (pending.Count > 0 && pending.All(t => t.DefinitionId == latest.Id))
        {
            return;
        }
        foreach (var old in pending)
        {
            old.Status = TimerStatus.Cancelled;
            old.Revision++;
        }
        await AddNextAsync(latest, clock.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Adds the next firings after <paramref name="after"/> to the unit of work.</summary>
    public async Task AddNextAsync(WorkflowDefinitionRecord record, DateTimeOffset after, CancellationToken cancellationToken = default)
    {
        var definition = definitions.Compiled(record);
        foreach (var next in StartTimers.Next(definition, after, await calendars.CurrentAsync(cancellationToken)))
        {
            db.ScheduledTimers.Add(new ScheduledTimer
            {
                Id = Guid.CreateVersion7(), InstanceId = Guid.Empty, DefinitionId = record.Id, Kind = TimerKind.Start, ElementId = next.StartEventId,
                DueAt = next.Plan.DueAt.UtcDateTime, Status = TimerStatus.Pending,
            });
        }
    }

    /// <summary>Starts the cases of one firing; returns how many were started now.</summary>
    public async Task<int> FireAsync(ScheduledTimer timer, WorkflowRuntime runtime, CancellationToken cancellationToken = default)
    {
        var record = await db.WorkflowDefinitions.AsNoTracking().SingleAsync(d => d.Id == timer.DefinitionId, cancellationToken);
        var period = DateOnly.FromDateTime(timer.DueAt.AddHours(8));
        var counties = await db.Units.AsNoTracking().Where(u => u.Level == UnitLevel.County).OrderBy(u => u.Code).ToListAsync(cancellationToken);
        var started = 0;
        foreach (var county in counties)
        {
            var key = $"{period:yyyyMMdd}-{county.Code}";
            if (await db.WorkflowInstances.AnyAsync(i => i.ProcessId == record.ProcessId && i.BusinessKey == key, cancellationToken))
            {
                continue;
            }
            try
            {
                await runtime.StartAsync(new StartRequest(record.ProcessId, county.Id, key, $"{county.Name} {record.Name}（{period:yyyy年M月d日}）", new Dictionary<string, System.Text.Json.JsonElement>(),
                    StartEventId: timer.ElementId), Actor.System, cancellationToken: cancellationToken);
                started++;
            }
            catch (DbUpdateException)
            {
                // Another node started this county's case first.
                db.ChangeTracker.Clear();
            }
        }
        return started;
    }
}
