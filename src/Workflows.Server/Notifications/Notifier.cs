using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Data;
using Workflows.Data.Runtime;

namespace Workflows.Server.Notifications;

/// <summary>
/// Adds notifications to the current unit of work, once per dedupe key: a step that is retried
/// never notifies twice, and a notification is saved with the step that caused it.
/// </summary>
public sealed class Notifier(WorkflowsDbContext db, IOptions<SmtpOptions> smtp, TimeProvider clock)
{
    public async Task<int> NotifyAsync(IEnumerable<Guid> users, string kind, string title, string body, Guid? instanceId, Guid? taskId, string dedupePrefix,
        CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var recipients = users.Distinct().ToList();
        var keys = recipients.ToDictionary(u => u, u => $"{dedupePrefix}:{u:N}");
        var keyList = keys.Values.ToList();
        var existing = (await db.Notifications.Where(n => keyList.Contains(n.DedupeKey)).Select(n => n.DedupeKey).ToListAsync(cancellationToken))
            .Concat(db.Notifications.Local.Select(n => n.DedupeKey)).ToHashSet();
        var people = await db.Users.AsNoTracking().Where(u => recipients.Contains(u.Id) && u.IsActive)
            .Select(u => new { u.Id, u.Email, u.DailyDigest }).ToDictionaryAsync(u => u.Id, cancellationToken);
        var added = 0;
        foreach (var user in recipients)
        {
            if (existing.Contains(keys[user]) || !people.TryGetValue(user, out var person))
            {
                continue;
            }
            var email = smtp.Value.IsConfigured && !string.IsNullOrWhiteSpace(person.Email) && !person.DailyDigest;
            db.Notifications.Add(new Notification
            {
                Id = Guid.CreateVersion7(), UserId = user, Kind = kind,
                Title = Clip(title, Notification.TitleMaxLength), Body = Clip(body, Notification.BodyMaxLength),
                InstanceId = instanceId, TaskId = taskId, DedupeKey = keys[user], CreatedAt = now,
                EmailStatus = email ? DeliveryStatus.Pending : DeliveryStatus.NotSent,
                EmailNextAttemptAt = email ? now : null,
            });
            added++;
        }
        return added;
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];
}
