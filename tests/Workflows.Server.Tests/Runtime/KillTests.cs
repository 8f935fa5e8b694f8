using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;
using Workflows.Server.Notifications;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Runtime;

/// <summary>
/// The real server in its own process, with its background jobs on, killed with SIGKILL while it
/// fires timers and sends e-mail, then started again on the same database: every timer fires exactly
/// once and every notification exists once and is mailed once (a mail that reached the SMTP server
/// just before the kill may be sent again with the same Message-Id, which a mail client shows as one).
/// The process runs on the test clock (<c>Workflows:TestClock</c>), which the test sets through the API.
/// </summary>
public sealed partial class KillTests(ITestOutputHelper output)
{
    private const int Cases = 30;
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_server_killed_while_firing_timers_fires_each_once_after_a_restart_and_mails_every_notification_once()
    {
        await using var smtp = new TestSmtpServer();
        await using var node = new ServerProcess(smtp.Port, "test-timers");
        try
        {
            await node.StartAsync();
            // Everyone gets an address, so that every notification is also an e-mail.
            await node.ExecuteAsync("UPDATE \"Users\" SET \"Email\" = \"UserName\" || '@example.test'");
            var applicant = await node.SignInAsync("dongsheng");
            var ids = new List<Guid>();
            for (var i = 0; i < Cases; i++)
            {
                var created = await (await applicant.PostJsonAsync("/api/v1/instances", new { processId = "test-timers", title = $"强制结束 {i}" })).ExpectAsync(HttpStatusCode.Created);
                ids.Add(created.GetProperty("instance").GetProperty("id").GetGuid());
            }
            // Per case: the four-hour nudge (an engine timer), the reminder, the due notice and the escalation.
            Assert.Equal(Cases * 4, await node.CountAsync("SELECT COUNT(*) FROM \"Timers\" WHERE \"Status\" = 'Pending'"));
            Assert.Equal(0, await node.CountAsync("SELECT COUNT(*) FROM \"Notifications\""));

            // Three days on, every timer is due; kill the process as soon as it has started on them.
            var admin = await node.SignInAsync("admin");
            await (await admin.PutAsJsonAsync("/api/v1/test-clock", new { now = Start.AddDays(3) })).ExpectAsync(HttpStatusCode.OK);
            var started = await node.WaitForAsync("SELECT COUNT(*) FROM \"Timers\" WHERE \"Status\" = 'Fired'", n => n > 0, TimeSpan.FromSeconds(60));
            node.Kill();
            var firedBeforeKill = await node.CountAsync("SELECT COUNT(*) FROM \"Timers\" WHERE \"Status\" = 'Fired'");
            var mailedBeforeKill = smtp.Messages.Count;
            output.WriteLine($"killed after {firedBeforeKill} of {Cases * 4} timers fired and {mailedBeforeKill} mails sent");
            Assert.True(started > 0);
            Assert.True(firedBeforeKill < Cases * 4 || mailedBeforeKill < Cases * 4,
                $"the process finished everything before it was killed ({firedBeforeKill} timers fired, {mailedBeforeKill} mails)");

            // The same database, a new process; its clock starts where the first one started and is
            // set again, past the time for which the killed process had claimed the mails it picked.
            await node.StartAsync();
            admin = await node.SignInAsync("admin");
            await (await admin.PutAsJsonAsync("/api/v1/test-clock", new { now = Start.AddDays(3) + EmailDispatcher.ClaimFor + TimeSpan.FromMinutes(1) }))
                .ExpectAsync(HttpStatusCode.OK);
            await node.WaitForAsync(
                "SELECT (SELECT COUNT(*) FROM \"Timers\" WHERE \"Status\" = 'Pending') + (SELECT COUNT(*) FROM \"Outbox\" WHERE \"ProcessedAt\" IS NULL) " +
                "+ (SELECT COUNT(*) FROM \"Notifications\" WHERE \"EmailStatus\" <> 'Sent')",
                n => n == 0, TimeSpan.FromSeconds(180));

            Assert.Equal(Cases * 4, await node.CountAsync("SELECT COUNT(*) FROM \"Timers\" WHERE \"Status\" = 'Fired'"));
            Assert.Equal(Cases, await node.CountAsync("SELECT COUNT(*) FROM \"InstanceEvents\" WHERE \"Kind\" = 'TimerFired'"));
            Assert.Equal(Cases, await node.CountAsync("SELECT COUNT(*) FROM \"Outbox\" WHERE \"ProcessedAt\" IS NOT NULL"));
            // County approver: nudge, reminder, due notice; city approver: escalation. One row each.
            Assert.Equal(Cases * 4, await node.CountAsync("SELECT COUNT(*) FROM \"Notifications\""));
            Assert.Equal(Cases * 4, await node.CountAsync("SELECT COUNT(DISTINCT \"DedupeKey\") FROM \"Notifications\""));
            Assert.Equal(ids.Order().Select(id => id.ToString()), (await node.StringsAsync("SELECT DISTINCT \"InstanceId\" FROM \"Notifications\""))
                .Select(id => Guid.Parse(id)).Order().Select(id => id.ToString()));
            Assert.Equal(Cases * 4, await node.CountAsync("SELECT COUNT(*) FROM \"Notifications\" WHERE \"EmailStatus\" = 'Sent' AND \"EmailAttempts\" = 1"));

            // Every notification reached the SMTP server under its own Message-Id; at most the one in
            // flight at the kill reached it twice.
            var messageIds = smtp.Messages.Select(m => MessageId().Match(m.Data).Groups[1].Value).ToList();
            var notificationIds = (await node.StringsAsync("SELECT \"Id\" FROM \"Notifications\""))
                .Select(id => Guid.Parse(id).ToString("N") + "@workflows").Order().ToList();
            Assert.Equal(notificationIds, messageIds.Distinct().Order().ToList());
            output.WriteLine($"{messageIds.Count} mails received for {notificationIds.Count} notifications");
            Assert.InRange(messageIds.Count - notificationIds.Count, 0, 1);
        }
        catch
        {
            // The servers' output says what went wrong inside them.
            Console.WriteLine(node.Log);
            throw;
        }
    }

    [GeneratedRegex(@"^Message-Id:\s*<([^>]+)>", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex MessageId();
}
