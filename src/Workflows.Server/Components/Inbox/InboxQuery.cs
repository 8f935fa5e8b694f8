using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Runtime;
using Workflows.Server.Inbox;
using Workflows.Server.Security;

namespace Workflows.Server.Components.Inbox;

/// <summary>What the inbox page asks for: the same lists, filters, sorting and counts as <c>GET /api/v1/tasks</c>.</summary>
public sealed record InboxFilter(string View = "todo", string? ProcessId = null, bool OverdueOnly = false, string? Search = null, string Sort = "created");

public static class InboxQuery
{
    public const int PageSize = 50;

    public static async Task<(List<TaskView> Items, bool More)> ListAsync(IServiceProvider services, Caller caller, InboxFilter filter, int skip)
    {
        var db = services.GetRequiredService<WorkflowsDbContext>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var me = caller.UserId;
        var far = DateTime.SpecifyKind(DateTime.MaxValue.AddDays(-1), DateTimeKind.Utc);
        IQueryable<WorkTask> tasks;
        if (filter.View is not ("done" or "copied"))
        {
            // As GET /api/v1/tasks: my open candidate rows, one index range in creation order, then their tasks.
            var rows = (await TodoRowsAsync(db, me, now)).AsNoTracking();
            if (!string.IsNullOrEmpty(filter.ProcessId)) rows = rows.Where(c => c.Task!.ProcessId == filter.ProcessId);
            if (filter.OverdueOnly) rows = rows.Where(c => c.DueAt != null && c.DueAt < now);
            if (!string.IsNullOrWhiteSpace(filter.Search))
            {
                var term = filter.Search.Trim();
                rows = rows.Where(c => c.Task!.Title.Contains(term) || c.Task.BusinessKey.Contains(term));
            }
            tasks = filter.Sort == "due"
                ? rows.Select(c => c.Task!).OrderBy(t => t.DueAt ?? far).ThenBy(t => t.Id)
                : rows.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.TaskId).Select(c => c.Task!);
        }
        else
        {
            tasks = filter.View == "done"
                ? db.WorkTasks.Where(t => t.Kind == WorkTaskKind.Action && t.CompletedById == me)
                : db.WorkTasks.Where(t => t.Kind == WorkTaskKind.Copy && t.AssigneeId == me);
            tasks = tasks.AsNoTracking();
            if (!string.IsNullOrEmpty(filter.ProcessId)) tasks = tasks.Where(t => t.ProcessId == filter.ProcessId);
            if (filter.OverdueOnly) tasks = tasks.Where(t => t.DueAt != null && t.DueAt < now);
            if (!string.IsNullOrWhiteSpace(filter.Search))
            {
                var term = filter.Search.Trim();
                tasks = tasks.Where(t => t.Title.Contains(term) || t.BusinessKey.Contains(term));
            }
            tasks = filter.Sort == "due"
                ? tasks.OrderBy(t => t.DueAt ?? far).ThenBy(t => t.Id)
                : filter.View == "done"
                    ? tasks.OrderByDescending(t => t.CompletedAt).ThenByDescending(t => t.Id)
                    : tasks.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id);
        }
        // A task offered to me and to someone who delegated to me has two rows: shown once.
        var page = (await tasks.Skip(skip).Take(PageSize + 1).ToListAsync()).DistinctBy(t => t.Id).ToList();
        var more = page.Count > PageSize;
        return (page.Take(PageSize).Select(t => TaskViews.View(t, now)).ToList(), more);
    }

    /// <summary>The badges, counted as <c>GET /api/v1/tasks/counts</c> counts them: on the candidate rows alone, no join.</summary>
    public static async Task<TaskCounts> CountsAsync(IServiceProvider services, Caller caller)
    {
        var db = services.GetRequiredService<WorkflowsDbContext>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var todo = await TodoRowsAsync(db, caller.UserId, now);
        var startOfDay = now.Date;
        return new TaskCounts(
            await todo.CountAsync(),
            await todo.CountAsync(c => c.DueAt != null && c.DueAt < now),
            await db.WorkTasks.CountAsync(t => t.Kind == WorkTaskKind.Copy && t.AssigneeId == caller.UserId && t.Status == WorkTaskStatus.Open),
            await db.WorkTasks.CountAsync(t => t.CompletedById == caller.UserId && t.CompletedAt >= startOfDay));
    }

    /// <summary>The header's to-do count alone.</summary>
    public static async Task<int> TodoCountAsync(IServiceProvider services, Caller caller)
    {
        var db = services.GetRequiredService<WorkflowsDbContext>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        return await (await TodoRowsAsync(db, caller.UserId, now)).CountAsync();
    }

    /// <summary>
    /// A cheap fingerprint of the inbox: when it changes, the page reloads its list. The counts say
    /// when tasks come and go; the sum of the open tasks' revisions, when one of them changes in place.
    /// </summary>
    public static async Task<string> FingerprintAsync(IServiceProvider services, Caller caller, TaskCounts? counts = null)
    {
        var db = services.GetRequiredService<WorkflowsDbContext>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        counts ??= await CountsAsync(services, caller);
        var revisions = await (await TodoRowsAsync(db, caller.UserId, now)).SumAsync(c => c.Task!.Revision);
        return $"{counts.Todo}:{counts.Overdue}:{revisions}:{counts.Copied}:{counts.DoneToday}";
    }

    private static async Task<IQueryable<TaskCandidate>> TodoRowsAsync(WorkflowsDbContext db, Guid me, DateTime now) =>
        TasksApi.TodoRows(db, me, await Delegations.ActiveForAsync(db, me, now));

    /// <summary>Workflow names by process id, for filters and labels.</summary>
    public static async Task<Dictionary<string, string>> WorkflowNamesAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<WorkflowsDbContext>();
        var all = await db.WorkflowDefinitions.AsNoTracking().Select(d => new { d.ProcessId, d.Version, d.Name }).ToListAsync();
        return all.GroupBy(d => d.ProcessId).ToDictionary(g => g.Key, g => g.MaxBy(d => d.Version)!.Name);
    }
}
