using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Runtime;
using Workflows.Server.Runtime;

namespace Workflows.Server.Notifications;

/// <summary>Who "applicant", "assignees" or "county:approver" are for a given case.</summary>
public sealed class Recipients(WorkflowsDbContext db, Assignment assignment)
{
    public async Task<List<Guid>> ResolveAsync(string? to, WorkflowInstance instance, CancellationToken cancellationToken = default)
    {
        var result = new HashSet<Guid>();
        foreach (var part in (to ?? "applicant").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part == "applicant")
            {
                result.Add(instance.StartedById);
            }
            else if (part == "assignees")
            {
                var open = await db.WorkTasks.AsNoTracking()
                    .Where(t => t.InstanceId == instance.Id && t.Status == WorkTaskStatus.Open && t.Kind == WorkTaskKind.Action)
                    .SelectMany(t => t.Candidates.Select(c => c.UserId)).ToListAsync(cancellationToken);
                result.UnionWith(open);
            }
            else
            {
                var pieces = part.Split(':', 2);
                var (level, roleName) = pieces.Length == 2 ? (pieces[0], pieces[1]) : ((string?)null, pieces[0]);
                if (Assignment.TryParseRole(roleName, out var role)
                    && await assignment.UnitAtLevelAsync(level, instance.UnitPath, instance.UnitId, cancellationToken) is { } unit)
                {
                    result.UnionWith(await assignment.HoldersAsync(unit, role, cancellationToken));
                }
            }
        }
        result.Remove(Guid.Empty);
        return result.ToList();
    }

    /// <summary>Holders of the same role one level above the unit a task was offered in: where an overdue task escalates.</summary>
    public async Task<List<Guid>> NextLevelUpAsync(WorkTask task, CancellationToken cancellationToken = default)
    {
        if (task.CandidateUnitId is null || task.CandidateRole is null || !Assignment.TryParseRole(task.CandidateRole, out var role))
        {
            return [];
        }
        var parent = await db.Units.AsNoTracking().Where(u => u.Id == task.CandidateUnitId).Select(u => u.ParentId).SingleOrDefaultAsync(cancellationToken);
        return parent is null ? [] : await assignment.HoldersAsync(parent.Value, role, cancellationToken);
    }
}
