using System.Net;
using Microsoft.EntityFrameworkCore;
using Workflows.Data.Runtime;
using Workflows.Server.Tests.Infrastructure;
using static Workflows.Server.Tests.Runtime.Cases;

namespace Workflows.Server.Tests.Runtime;

public sealed class ConcurrencyTests(WorkflowsServer server) : IClassFixture<WorkflowsServer>
{
    private async Task<HttpClient> SecondCountyApproverAsync()
    {
        var admin = await server.SignInAsync("admin");
        var user = await server.WithDbAsync(db => db.Users.Where(u => u.UserName == "zhaodong.reviewer").Select(u => u.Id).SingleAsync());
        if (!await server.WithDbAsync(db => db.RoleAssignments.AnyAsync(a => a.UserId == user && a.Role == Workflows.Data.Accounts.Role.Approver)))
        {
            await (await admin.PostJsonAsync($"/api/v1/users/{user}/roles", new { unitId = await server.UnitIdAsync("231282"), role = "Approver" })).ExpectAsync(HttpStatusCode.Created);
        }
        return await server.SignInAsync("zhaodong.reviewer");
    }

    [Fact]
    public async Task Two_approvers_completing_the_same_task_at_once_exactly_one_wins_and_the_other_is_told_by_whom()
    {
        var second = await SecondCountyApproverAsync();
        var first = await server.SignInAsync("zhaodong.approver");
        var applicant = await server.SignInAsync("dongsheng");
        for (var round = 0; round < 5; round++)
        {
            var id = await StartAsync(applicant, $"并发 {round}");
            var task = await TaskOfAsync(first, id);
            var responses = await Task.WhenAll(CompleteAsync(first, task, "approve"), CompleteAsync(second, task, "approve"));
            var statuses = responses.Select(r => r.StatusCode).OrderBy(s => s).ToList();
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], statuses);
            var loser = await responses.Single(r => r.StatusCode == HttpStatusCode.Conflict).JsonAsync();
            Assert.Contains("肇东市民政局", loser.GetProperty("detail").GetString());

            var completions = await server.WithDbAsync(db => db.InstanceEvents.CountAsync(e => e.InstanceId == id && e.Kind == InstanceEventKind.TaskCompleted));
            Assert.Equal(1, completions);
            var cityTasks = await server.WithDbAsync(db => db.WorkTasks.CountAsync(t => t.InstanceId == id && t.ElementId == "city"));
            Assert.Equal(1, cityTasks);
        }
    }

    [Fact]
    public async Task A_retried_request_with_the_same_idempotency_key_acts_once_and_answers_the_same()
    {
        var county = await server.SignInAsync("zhaodong.approver");
        var applicant = await server.SignInAsync("dongsheng");
        var id = await StartAsync(applicant, "幂等");
        var task = await TaskOfAsync(county, id);
        var key = "approve-" + Guid.NewGuid().ToString("N");

        var firstResponse = await CompleteAsync(county, task, "approve", "同意", key: key);
        var first = await firstResponse.ExpectAsync(HttpStatusCode.OK);
        var retry = await CompleteAsync(county, task, "approve", "同意", key: key);
        var replayed = await retry.ExpectAsync(HttpStatusCode.OK);
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(first.GetProperty("task").GetProperty("id").GetGuid(), replayed.GetProperty("task").GetProperty("id").GetGuid());
        Assert.Equal(1, await server.WithDbAsync(db => db.InstanceEvents.CountAsync(e => e.InstanceId == id && e.Kind == InstanceEventKind.TaskCompleted)));

        var reused = await (await CompleteAsync(county, task, "reject", "改主意了", key: key)).ExpectAsync((HttpStatusCode)422);
        Assert.Equal("idempotency-key-reused", reused.GetProperty("code").GetString());
        var malformed = await (await CompleteAsync(county, task, "approve", key: "bad key with spaces")).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(malformed.ErrorsFor("Idempotency-Key"));
    }
}
