using System.Net;
using Microsoft.EntityFrameworkCore;
using Workflows.Data.Runtime;
using Workflows.Server.Runtime;
using Workflows.Server.Tests.Infrastructure;
using static Workflows.Server.Tests.Runtime.Cases;

namespace Workflows.Server.Tests.Runtime;

/// <summary>
/// A county review due in two working days, with a non-interrupting four-hour nudge. Started on
/// Monday 2026-11-23 16:00 China time: nudge at 20:00, reminder Tuesday 16:00, due Wednesday 16:00.
/// The clock is moved by hand; the dispatchers are called as the background jobs would.
/// </summary>
public sealed class TimersAndRemindersTests : IAsyncLifetime
{
    private readonly WorkflowsServer _server = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<int> FireAsync() => await _server.Service<TimerDispatcher>().FireDueAsync();

    private async Task<int> DrainAsync() => await _server.Service<OutboxDispatcher>().DrainAsync();

    /// <summary>Signs in afresh: days pass in these tests, and sessions expire.</summary>
    private async Task<List<string>> TitlesAsync(string userName)
    {
        var client = await _server.SignInAsync(userName);
        var list = await (await client.GetAsync("/api/v1/notifications")).ExpectAsync(HttpStatusCode.OK);
        return list.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("title").GetString()!).ToList();
    }

    [Fact]
    public async Task Due_dates_count_working_days_and_reminders_nudges_and_escalation_arrive_once_each()
    {
        var applicant = await _server.SignInAsync("dongsheng");
        var county = await _server.SignInAsync("zhaodong.approver");
        var city = await _server.SignInAsync("suihua.approver");
        var created = await (await applicant.PostJsonAsync("/api/v1/instances", new { processId = "test-timers", title = "东升社区 提醒测试" })).ExpectAsync(HttpStatusCode.Created);
        var id = created.GetProperty("instance").GetProperty("id").GetGuid();
        var task = Assert.Single(created.GetProperty("openTasks").EnumerateArray());
        Assert.Equal(new DateTime(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc), task.GetProperty("dueAt").GetDateTime().ToUniversalTime());

        Assert.Equal(0, await FireAsync());
        _server.Clock.Advance(TimeSpan.FromHours(4) + TimeSpan.FromMinutes(1));
        Assert.Equal(1, await FireAsync());
        Assert.Equal(1, await DrainAsync());
        Assert.Contains("催办：东升社区 提醒测试", await TitlesAsync("zhaodong.approver"));

        _server.Clock.Advance(TimeSpan.FromHours(20));           // Tuesday 16:01 China time
        Assert.Equal(1, await FireAsync());
        Assert.Contains(await TitlesAsync("zhaodong.approver"), t => t.StartsWith("待办提醒"));

        _server.Clock.Advance(TimeSpan.FromDays(1));             // Wednesday 16:01: due and escalated
        Assert.Equal(2, await FireAsync());
        Assert.Contains(await TitlesAsync("zhaodong.approver"), t => t.StartsWith("已超期"));
        Assert.Contains(await TitlesAsync("suihua.approver"), t => t.StartsWith("督办"));
        county = await _server.SignInAsync("zhaodong.approver");
        var overdue = await (await county.GetAsync("/api/v1/tasks?overdue=true")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(overdue.GetProperty("items").EnumerateArray(), t => t.GetProperty("instanceId").GetGuid() == id && t.GetProperty("overdue").GetBoolean());

        Assert.Equal(0, await FireAsync());
        Assert.Equal(0, await DrainAsync());
        var countyNotifications = await TitlesAsync("zhaodong.approver");
        Assert.Equal(countyNotifications.Count, countyNotifications.Distinct().Count());

        await (await CompleteAsync(county, await TaskOfAsync(county, id), "approve", "同意")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, await DrainAsync());
        Assert.Contains("审批结果：东升社区 提醒测试", await TitlesAsync("dongsheng"));
        Assert.Equal("Completed", (await CaseAsync(await _server.SignInAsync("dongsheng"), id)).GetProperty("instance").GetProperty("status").GetString());
        var pending = await _server.WithDbAsync(db => db.ScheduledTimers.CountAsync(t => t.InstanceId == id && t.Status == TimerStatus.Pending));
        Assert.Equal(0, pending);
    }

    [Fact]
    public async Task Completing_a_task_early_cancels_its_reminders()
    {
        var applicant = await _server.SignInAsync("dongsheng");
        var county = await _server.SignInAsync("zhaodong.approver");
        var created = await (await applicant.PostJsonAsync("/api/v1/instances", new { processId = "test-timers", title = "早办完" })).ExpectAsync(HttpStatusCode.Created);
        var id = created.GetProperty("instance").GetProperty("id").GetGuid();
        await (await CompleteAsync(county, await TaskOfAsync(county, id), "approve")).ExpectAsync(HttpStatusCode.OK);
        _server.Clock.Advance(TimeSpan.FromDays(7));
        Assert.Equal(0, await FireAsync());
        await DrainAsync();
        Assert.DoesNotContain(await TitlesAsync("zhaodong.approver"), t => t.StartsWith("待办提醒") || t.StartsWith("已超期"));
    }

    [Fact]
    public async Task Notifications_are_read_one_by_one_or_all_at_once()
    {
        var applicant = await _server.SignInAsync("dongsheng");
        var county = await _server.SignInAsync("zhaodong.approver");
        var created = await (await applicant.PostJsonAsync("/api/v1/instances", new { processId = "test-timers", title = "已读测试" })).ExpectAsync(HttpStatusCode.Created);
        _server.Clock.Advance(TimeSpan.FromHours(5));
        await FireAsync();
        await DrainAsync();
        var list = await (await county.GetAsync("/api/v1/notifications?unreadOnly=true")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(list.GetProperty("unread").GetInt32() >= 1);
        var first = list.GetProperty("items")[0].GetProperty("id").GetGuid();
        await (await county.PostAsync($"/api/v1/notifications/{first}/read", null)).ExpectAsync(HttpStatusCode.NoContent);
        await (await county.PostAsync("/api/v1/notifications/read-all", null)).ExpectAsync(HttpStatusCode.NoContent);
        var after = await (await county.GetAsync("/api/v1/notifications")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, after.GetProperty("unread").GetInt32());
        var stranger = await _server.SignInAsync("yonghuan");
        await (await stranger.PostAsync($"/api/v1/notifications/{first}/read", null)).ExpectAsync(HttpStatusCode.NotFound);
        Assert.NotEqual(Guid.Empty, created.GetProperty("instance").GetProperty("id").GetGuid());
    }
}
