using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Workflows.Data;
using Workflows.Data.Runtime;

namespace Workflows.Server.Notifications;

/// <summary>
/// Sends pending notification e-mails over SMTP, with back-off on failure. Each message has a
/// stable Message-Id, so a mail sent just before a crash and sent again after is one message to
/// the reader's client.
/// </summary>
public sealed class EmailDispatcher(IServiceScopeFactory scopes, IOptions<SmtpOptions> options, TimeProvider clock, ILogger<EmailDispatcher> logger)
{
    /// <summary>How long a run owns the mails it picked; after that (a killed process) they are due again.</summary>
    public static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(5);

    public async Task<int> SendPendingAsync(int max = 100, CancellationToken cancellationToken = default)
    {
        var smtp = options.Value;
        if (!smtp.IsConfigured)
        {
            return 0;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Notifications
            .Where(n => n.EmailStatus == DeliveryStatus.Pending && n.EmailNextAttemptAt <= now)
            .OrderBy(n => n.EmailNextAttemptAt).Take(max).ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }
        // Claim the batch first: a run on another node (or an overlapping run) that read the same
        // rows fails here and leaves them alone, and a process killed after claiming sends them when
        // the claim runs out. A mail the SMTP server accepted just before a kill is sent again with
        // the same Message-Id.
        foreach (var notification in due)
        {
            notification.EmailNextAttemptAt = now + ClaimFor;
            notification.Revision++;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return 0;
        }
        var addresses = await db.Users.AsNoTracking().Where(u => due.Select(n => n.UserId).Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => (u.Email, u.DisplayName), cancellationToken);
        var sent = 0;
        using var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(smtp.Host!, smtp.Port, Enum.Parse<SecureSocketOptions>(smtp.Security, ignoreCase: true), cancellationToken);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "SMTP server {Host}:{Port} not reachable", smtp.Host, smtp.Port);
            foreach (var notification in due)
            {
                Failed(notification, ex.Message, now, smtp.MaxAttempts);
            }
            await db.SaveChangesAsync(cancellationToken);
            return 0;
        }
        foreach (var notification in due)
        {
            if (!addresses.TryGetValue(notification.UserId, out var to) || string.IsNullOrWhiteSpace(to.Email))
            {
                notification.EmailStatus = DeliveryStatus.NotSent;
                notification.Revision++;
                continue;
            }
            try
            {
                var message = new MimeMessage { Subject = notification.Title, MessageId = $"{notification.Id:N}@workflows" };
                message.From.Add(new MailboxAddress(smtp.FromName, smtp.From));
                message.To.Add(new MailboxAddress(to.DisplayName, to.Email));
                message.Body = new TextPart("plain") { Text = notification.Body };
                await client.SendAsync(message, cancellationToken);
                notification.EmailStatus = DeliveryStatus.Sent;
                notification.EmailSentAt = now;
                notification.EmailAttempts++;
                notification.EmailNextAttemptAt = null;
                notification.Revision++;
                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Failed(notification, ex.Message, now, smtp.MaxAttempts);
            }
            // Record each delivery at once: a crash after sending must not lose the fact.
            await db.SaveChangesAsync(cancellationToken);
        }
        await client.DisconnectAsync(true, cancellationToken);
        return sent;
    }

    private static void Failed(Notification notification, string error, DateTime now, int maxAttempts)
    {
        notification.EmailAttempts++;
        notification.EmailError = error.Length <= 1000 ? error : error[..1000];
        notification.Revision++;
        if (notification.EmailAttempts >= maxAttempts)
        {
            notification.EmailStatus = DeliveryStatus.Failed;
            notification.EmailNextAttemptAt = null;
        }
        else
        {
            // 1, 2, 4, 8 ... minutes.
            notification.EmailNextAttemptAt = now.AddMinutes(Math.Pow(2, notification.EmailAttempts - 1));
        }
    }
}
