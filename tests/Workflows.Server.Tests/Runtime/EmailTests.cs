using System.Net;
using Microsoft.EntityFrameworkCore;
using Workflows.Data.Runtime;
using Workflows.Server.Notifications;
using Workflows.Server.Runtime;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Runtime;

/// <summary>A server that sends e-mail to an SMTP server the test runs.</summary>
public sealed class MailingServer : WorkflowsServer
{
    public TestSmtpServer Smtp { get; } = new();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Workflows:Smtp:Host"] = "127.0.0.1",
        ["Workflows:Smtp:Port"] = Smtp.Port.ToString(),
        ["Workflows:Smtp:Security"] = "None",
        ["Workflows:Smtp:From"] = "noreply@workflows.test",
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

public sealed class EmailTests(MailingServer server) : IClassFixture<MailingServer>
{
    private async Task GiveEmailAsync(string userName, string email) => await server.WithDbAsync(async db =>
    {
        var user = await db.Users.SingleAsync(u => u.UserName == userName);
        user.Email = email;
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task A_notification_is_mailed_once_and_a_refused_mail_is_retried_with_back_off()
    {
        await GiveEmailAsync("dongsheng", "dongsheng@example.test");
        var applicant = await server.SignInAsync("dongsheng");
        var county = await server.SignInAsync("zhaodong.approver");
        var created = await (await applicant.PostJsonAsync("/api/v1/instances", new { processId = "test-timers", title = "邮件测试" })).ExpectAsync(HttpStatusCode.Created);
        var id = created.GetProperty("instance").GetProperty("id").GetGuid();
        await (await Cases.CompleteAsync(county, await Cases.TaskOfAsync(county, id), "approve")).ExpectAsync(HttpStatusCode.OK);

        server.Smtp.RefuseMessages = true;
        await server.Service<OutboxDispatcher>().DrainAsync();
        var mailer = server.Service<EmailDispatcher>();
        Assert.Equal(0, await mailer.SendPendingAsync());
        var failedOnce = await server.WithDbAsync(db => db.Notifications.SingleAsync(n => n.InstanceId == id));
        Assert.Equal(DeliveryStatus.Pending, failedOnce.EmailStatus);
        Assert.Equal(1, failedOnce.EmailAttempts);
        server.Smtp.RefuseMessages = false;
        Assert.Contains("refused", failedOnce.EmailError);

        Assert.Equal(0, await mailer.SendPendingAsync());        // still waiting for its back-off
        server.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await mailer.SendPendingAsync());
        Assert.Equal(0, await mailer.SendPendingAsync());
        var (to, data) = Assert.Single(server.Smtp.Messages);
        Assert.Equal("dongsheng@example.test", to);
        Assert.Contains("Message-Id", data, StringComparison.OrdinalIgnoreCase);
        var sent = await server.WithDbAsync(db => db.Notifications.SingleAsync(n => n.InstanceId == id));
        Assert.Equal(DeliveryStatus.Sent, sent.EmailStatus);
    }

    [Fact]
    public async Task People_who_chose_the_digest_get_one_summary_a_day()
    {
        await GiveEmailAsync("suihua.approver", "suihua@example.test");
        var city = await server.SignInAsync("suihua.approver");
        await (await city.PutAsJsonAsync("/api/v1/account/preferences", new { dailyDigest = true })).ExpectAsync(HttpStatusCode.NoContent);
        var applicant = await server.SignInAsync("xiangyang");
        var county = await server.SignInAsync("zhaodong.approver");
        var created = await (await applicant.PostJsonAsync("/api/v1/instances", new { processId = Cases.Process, title = "摘要测试" })).ExpectAsync(HttpStatusCode.Created);
        await (await Cases.CompleteAsync(county, await Cases.TaskOfAsync(county, created.GetProperty("instance").GetProperty("id").GetGuid()), "approve")).ExpectAsync(HttpStatusCode.OK);

        var digest = server.Service<DailyDigest>();
        Assert.True(await digest.SendAsync() >= 1);
        Assert.Equal(0, await digest.SendAsync());
        await server.Service<EmailDispatcher>().SendPendingAsync();
        Assert.Contains(server.Smtp.Messages, m => m.To == "suihua@example.test");
    }
}

internal static class JsonPut
{
    public static Task<HttpResponseMessage> PutAsJsonAsync(this HttpClient client, string url, object body) =>
        System.Net.Http.Json.HttpClientJsonExtensions.PutAsJsonAsync(client, url, body);
}
