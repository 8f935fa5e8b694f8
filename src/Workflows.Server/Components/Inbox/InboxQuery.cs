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
        var tasks = filter.View switch
        {
            "done" => db.WorkTasks.Where(t => t.Kind == WorkTaskKind.Action && t.CompletedById == me),
            "copied" => db.WorkTasks.Where(t => t.Kind == WorkTaskKind.Copy && t.AssigneeId == me),
            _ => await TasksApi.TodoWithDelegationsAsync(db, me, now),
        };
        tasks = tasks.AsNoTracking();
        if (!string.IsNullOrEmpty(filter.ProcessId)) tasks = tasks.Where(t => t.ProcessId == filter.ProcessId);
        if (filter.OverdueOnly) tasks = tasks.Where(t => t.DueAt != null && t.DueAt < now);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var term = filter.Search.Trim();
            tasks = tasks.Where(t => t.Title.Contains(term) || t.BusinessKey.Contains(term));
        }
        var far = DateTime.SpecifyKind(DateTime.MaxValue.AddDays(-1), DateTimeKind.Utc);
        tasks = filter.Sort == "due"
            ? tasks.OrderBy(t => t.DueAt ?? far).ThenBy(t => t.Id)
            : filter.View == "done"
                ? tasks.OrderByDescending(t => t.CompletedAt).ThenByDescending(t => t.Id)
                : tasks.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id);
        var page = await tasks.Skip(skip).Take(PageSize + 1).ToListAsync();
        var more = page.Count > PageSize;
        return (page.Take(PageSize).Select(t => TaskViews.View(t, now)).ToList(), more);
    }

    public static async Task<TaskCounts> CountsAsync(IServiceProvider services, Caller caller)
    {
        var db = services.GetRequiredService<WorkflowsDbContext>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var todo = await TasksApi.TodoWithDelegationsAsync(db, caller.UserId, now);
        return new TaskCounts(
            await todo.CountAsync(),
            await todo.CountAsync(t => t.DueAt != null && t.DueAt < now),
            await db.WorkTasks.CountAsync(t => t.Kind == WorkTaskKind.Copy && t.AssigneeId == caller.UserId && t.Status == WorkTaskStatus.Open),
            await db.WorkTasks.CountAsync(t => t.CompletedById == caller.UserId && t.CompletedAt >= now.Date));
    }

    /// <summary>A cheap fingerprint of the inbox: when it changes, the page reloads its list.</summary>
    public static async Task<string> FingerprintAsync(IServiceProvider services, Caller caller)
    {
        var db = services.GetRequiredService<WorkflowsDbContext>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var todo = await TasksApi.TodoWithDelegationsAsync(db, caller.UserId, now);
        var count = await todo.CountAsync();
        var revisions = await todo.SumAsync(t => t.Revision);
        var counts = await CountsAsync(services, caller);
        return $"{count}:{revisions}:{counts.Copied}:{counts.DoneToday}";
    }

    /// <summary>Workflow names by process id, for filters and labels.</summary>
    public static async Task<Dictionary<string, string>> WorkflowNamesAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<WorkflowsDbContext>();
        var all = await db.WorkflowDefinitions.AsNoTracking().Select(d => new { d.ProcessId, d.Version, d.Name }).ToListAsync();
        return all.GroupBy(d => d.ProcessId).ToDictionary(g => g.Key, g => g.MaxBy(d => d.Version)!.Name);
    }
}
