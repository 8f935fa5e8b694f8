using System.Net;
using Workflows.Server.Tests.Infrastructure;
using static Workflows.Server.Tests.Runtime.Cases;

namespace Workflows.Server.Tests.Runtime;

public sealed class InboxTests(WorkflowsServer server) : IClassFixture<WorkflowsServer>
{
    [Fact]
    public async Task Keyset_pages_cover_every_task_once_newest_first()
    {
        var applicant = await server.SignInAsync("heping");
        var started = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            started.Add(await StartAsync(applicant, $"和平村 分页 {i}"));
            server.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        var county = await server.SignInAsync("qingan.approver");
        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await (await county.GetAsync("/api/v1/tasks?pageSize=2" + (cursor is null ? "" : "&cursor=" + cursor))).ExpectAsync(HttpStatusCode.OK);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("instanceId").GetGuid()));
            cursor = page.GetProperty("nextCursor").ValueKind == System.Text.Json.JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        Assert.Equal(Enumerable.Reverse(started), seen.Where(started.Contains));
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task Search_filters_and_counts_answer_for_the_caller_only()
    {
        var applicant = await server.SignInAsync("heping");
        await StartAsync(applicant, "和平村 文化广场建设申请");
        var county = await server.SignInAsync("qingan.approver");
        var found = await TodoAsync(county, "&search=" + Uri.EscapeDataString("文化广场"));
        Assert.All(found, t => Assert.Contains("文化广场", t.GetProperty("title").GetString()));
        Assert.NotEmpty(found);
        Assert.Empty(await TodoAsync(county, "&processId=no-such-process"));

        var counts = await (await county.GetAsync("/api/v1/tasks/counts")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(counts.GetProperty("todo").GetInt32() >= 1);
        var other = await (await (await server.SignInAsync("keshan.approver")).GetAsync("/api/v1/tasks/counts")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, other.GetProperty("todo").GetInt32());
    }

    [Fact]
    public async Task Bad_inbox_parameters_are_named()
    {
        var county = await server.SignInAsync("qingan.approver");
        var problem = await (await county.GetAsync("/api/v1/tasks?view=everything&sort=random&pageSize=1000&cursor=%%%")).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.ErrorsFor("view"));
        Assert.NotEmpty(problem.ErrorsFor("sort"));
        Assert.NotEmpty(problem.ErrorsFor("pageSize"));
        Assert.NotEmpty(problem.ErrorsFor("cursor"));
    }

    [Fact]
    public async Task My_applications_lists_what_I_started()
    {
        var applicant = await server.SignInAsync("yonghuan");
        var id = await StartAsync(applicant, "永环社区 健身广场建设申请");
        var mine = await (await applicant.GetAsync("/api/v1/instances/mine")).ExpectAsync(HttpStatusCode.OK);
        var entry = mine.EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == id);
        Assert.Equal("县级审核", entry.GetProperty("currentSteps").GetString());
    }
}
