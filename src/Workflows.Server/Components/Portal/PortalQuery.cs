using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Runtime;
using Workflows.Server.Security;

namespace Workflows.Server.Components.Portal;

public sealed record ApplicationRow(Guid Id, string Title, string BusinessKey, string ProcessId, string WorkflowName, string Status, string CurrentSteps,
    DateTime StartedAt, DateTime? EndedAt, bool NeedsMe);

public sealed record StartableWorkflow(string ProcessId, string Name, int Version);

/// <summary>The applicant portal's lists: the unit's applications, and the workflows it may apply for.</summary>
public static class PortalQuery
{
    public static async Task<List<ApplicationRow>> ApplicationsAsync(IServiceProvider services, Caller caller, Guid? unitId, int take)
    {
        var db = services.GetRequiredService<WorkflowsDbContext>();
        // Mine, and my unit's as an applicant of it: the access policy lets applicants read their own unit's work.
        var unitIds = caller.GrantsOf(Data.Accounts.Role.Applicant).Where(g => unitId is null || g.UnitId == unitId).Select(g => g.UnitId!.Value).ToList();
        var cases = await db.WorkflowInstances.AsNoTracking()
            .Where(i => i.StartedById == caller.UserId || unitIds.Contains(i.UnitId))
            .OrderByDescending(i => i.StartedAt).Take(take).ToListAsync();
        var ids = cases.Select(c => c.Id).ToList();
        var waiting = await db.WorkTasks.AsNoTracking()
            .Where(t => ids.Contains(t.InstanceId) && t.Status == WorkTaskStatus.Open && t.Kind == WorkTaskKind.Action
                        && (t.AssigneeId == caller.UserId || (t.AssigneeId == null && t.Candidates.Any(c => c.UserId == caller.UserId))))
            .Select(t => t.InstanceId).Distinct().ToListAsync();
        var names = await Inbox.InboxQuery.WorkflowNamesAsync(services);
        return cases.Select(i => new ApplicationRow(i.Id, i.Title, i.BusinessKey, i.ProcessId, names.GetValueOrDefault(i.ProcessId, i.ProcessId), i.Status.ToString(),
            i.CurrentSteps, i.StartedAt, i.EndedAt, waiting.Contains(i.Id))).ToList();
    }

    /// <summary>Workflows a unit starts by hand: those with a plain start event (periodic reports start by their timer).</summary>
    public static async Task<List<StartableWorkflow>> StartableAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<WorkflowsDbContext>();
        var store = services.GetRequiredService<Runtime.DefinitionStore>();
        var latest = await db.WorkflowDefinitions.AsNoTracking().GroupBy(d => d.ProcessId).Select(g => g.Max(d => d.Version)).ToListAsync();
        var records = await db.WorkflowDefinitions.AsNoTracking().ToListAsync();
        return records.Where(r => latest.Contains(r.Version) && records.Where(o => o.ProcessId == r.ProcessId).Max(o => o.Version) == r.Version)
            .Where(r => store.Compiled(r).NoneStartEvent is not null && store.Compiled(r).TimerStartEvents.All(_ => false))
            .Select(r => new StartableWorkflow(r.ProcessId, r.Name, r.Version)).OrderBy(w => w.Name).ToList();
    }
}
