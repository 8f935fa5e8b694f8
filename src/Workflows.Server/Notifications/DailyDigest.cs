using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Data;
using Workflows.Data.Runtime;
using Workflows.Server.Inbox;

namespace Workflows.Server.Notifications;

/// <summary>Once a day, for people who chose it: one e-mail with their open tasks and what they have not read.</summary>
public sealed class DailyDigest(IServiceScopeFactory scopes, IOptions<SmtpOptions> smtp, TimeProvider clock)
{
    public async Task<int> SendAsync(CancellationToken cancellationToken = default)
    {
        if (!smtp.Value.IsConfigured)
        {
            return 0;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var day = DateOnly.FromDateTime(now.AddHours(8));
        var people = await db.Users.AsNoTracking().Where(u => u.DailyDigest && u.IsActive && u.Email != null).Select(u => u.Id).ToListAsync(cancellationToken);
        var created = 0;
        foreach (var user in people)
        {
            var key = $"digest:{day:yyyyMMdd}:{user:N}";
            if (await db.Notifications.AnyAsync(n => n.DedupeKey == key, cancellationToken))
            {
                continue;
            }
            var todo = await TasksApi.Todo(db, user).CountAsync(cancellationToken);
            var overdue = await TasksApi.Todo(db, user).CountAsync(t => t.DueAt != null && t.DueAt < now, cancellationToken);
            var unread = await db.Notifications.Where(n => n.UserId == user && n.ReadAt == null).OrderByDescending(n => n.CreatedAt).Take(20)
                .Select(n => n.Title).ToListAsync(cancellationToken);
            if (todo == 0 && unread.Count == 0)
            {
                continue;
            }
            var body = $"您有 {todo} 件待办（其中 {overdue} 件已超期）。\n" + string.Join("\n", unread.Select(t => "· " + t));
            db.Notifications.Add(new Notification
            {
                Id = Guid.CreateVersion7(), UserId = user, Kind = "digest", Title = $"每日摘要 {day:yyyy-MM-dd}", Body = body.Length <= 2000 ? body : body[..2000],
                DedupeKey = key, CreatedAt = now, ReadAt = now, EmailStatus = DeliveryStatus.Pending, EmailNextAttemptAt = now,
            });
            created++;
        }
        await db.SaveChangesAsync(cancellationToken);
        return created;
    }
}
