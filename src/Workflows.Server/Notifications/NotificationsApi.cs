using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Server.Hosting;
using Workflows.Server.Security;

namespace Workflows.Server.Notifications;

/// <summary>In-app notifications with unread counts, and the person's delivery preferences.</summary>
public static class NotificationsApi
{
    public static void MapNotifications(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/notifications").WithTags("Notifications");
        group.MapGet("/", List).WithSummary("The caller's notifications, newest first, with the unread count.");
        group.MapPost("/{id:guid}/read", MarkRead).WithSummary("Mark one notification read.");
        group.MapPost("/read-all", MarkAllRead).WithSummary("Mark every notification read.");
        api.MapPut("/account/preferences", Preferences).WithTags("Account").WithSummary("Choose a daily e-mail digest instead of one e-mail per notification, and the language.");
    }

    public sealed record NotificationView(Guid Id, string Kind, string Title, string Body, Guid? InstanceId, Guid? TaskId, DateTime CreatedAt, bool Read, string EmailStatus);

    public sealed record NotificationList(IReadOnlyList<NotificationView> Items, int Unread);

    public sealed record PreferencesRequest(bool? DailyDigest, string? PreferredLanguage);

    private static async Task<Results<Ok<NotificationList>, ValidationProblem>> List(HttpContext http, CallerAccessor callers, WorkflowsDbContext db, bool unreadOnly = false, int take = 50)
    {
        var caller = await callers.RequireAsync();
        if (take is < 1 or > 200)
        {
            return Problems.Validation(http, "take", new("应为 1 到 200", "must be between 1 and 200"));
        }
        var mine = db.Notifications.AsNoTracking().Where(n => n.UserId == caller.UserId);
        var items = await (unreadOnly ? mine.Where(n => n.ReadAt == null) : mine).OrderByDescending(n => n.CreatedAt).Take(take)
            .Select(n => new NotificationView(n.Id, n.Kind, n.Title, n.Body, n.InstanceId, n.TaskId, n.CreatedAt, n.ReadAt != null, n.EmailStatus.ToString()))
            .ToListAsync();
        return TypedResults.Ok(new NotificationList(items, await mine.CountAsync(n => n.ReadAt == null)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> MarkRead(Guid id, HttpContext http, CallerAccessor callers, WorkflowsDbContext db, TimeProvider clock)
    {
        var caller = await callers.RequireAsync();
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == id && n.UserId == caller.UserId);
        if (notification is null)
        {
            return Problems.NotFound(http, new("没有这条通知", "No such notification"));
        }
        notification.ReadAt ??= clock.GetUtcNow().UtcDateTime;
        notification.Revision++;
        await db.SaveChangesAsync();
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> MarkAllRead(CallerAccessor callers, WorkflowsDbContext db, TimeProvider clock)
    {
        var caller = await callers.RequireAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Notifications.Where(n => n.UserId == caller.UserId && n.ReadAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.ReadAt, now).SetProperty(n => n.Revision, n => n.Revision + 1));
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ValidationProblem>> Preferences(PreferencesRequest request, HttpContext http, CallerAccessor callers, WorkflowsDbContext db)
    {
        var caller = await callers.RequireAsync();
        if (request.PreferredLanguage is not null and not ("zh-CN" or "en"))
        {
            return Problems.Validation(http, "preferredLanguage", new("语言应为 zh-CN 或 en", "must be zh-CN or en"));
        }
        var user = await db.Users.SingleAsync(u => u.Id == caller.UserId);
        user.DailyDigest = request.DailyDigest ?? user.DailyDigest;
        user.PreferredLanguage = request.PreferredLanguage ?? user.PreferredLanguage;
        await db.SaveChangesAsync();
        return TypedResults.NoContent();
    }
}
