using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Runtime;
using Workflows.Server.Security;

namespace Workflows.Server.Components.Portal;

public sealed record ApplicationRow(Guid Id, string Title, string BusinessKey, string ProcessId, string WorkflowName, string Status, string CurrentSteps,
    DateTime StartedAt, DateTime? EndedAt, bool NeedsMe, bool IsDraft = false);

/// <summary>The applicant portal's list of the unit's applications.</summary>
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
        // Drafts never submitted have no case yet; they come first, to be finished.
        var drafts = await db.Applications.AsNoTracking()
            .Where(a => a.InstanceId == null && a.Status == Data.Applications.ApplicationStatus.Draft && (a.CreatedById == caller.UserId || unitIds.Contains(a.UnitId)))
            .OrderByDescending(a => a.UpdatedAt).Take(take).ToListAsync();
        return drafts.Select(a => new ApplicationRow(a.Id, a.Title, "", a.ProcessId ?? "", names.GetValueOrDefault(a.ProcessId ?? "", a.FormId ?? ""), "Draft", "",
                a.CreatedAt, null, true, IsDraft: true))
            .Concat(cases.Select(i => new ApplicationRow(i.Id, i.Title, i.BusinessKey, i.ProcessId, names.GetValueOrDefault(i.ProcessId, i.ProcessId), i.Status.ToString(),
            i.CurrentSteps, i.StartedAt, i.EndedAt, waiting.Contains(i.Id)))).ToList();
    }
}
