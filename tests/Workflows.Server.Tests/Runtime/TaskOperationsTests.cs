using System.Net;
using Microsoft.EntityFrameworkCore;
using Workflows.Server.Tests.Infrastructure;
using static Workflows.Server.Tests.Runtime.Cases;

namespace Workflows.Server.Tests.Runtime;

public sealed class TaskOperationsTests(WorkflowsServer server) : IClassFixture<WorkflowsServer>
{
    private Task<Guid> UserAsync(string userName) => server.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    private async Task<HttpClient> SecondCountyApproverAsync()
    {
        var admin = await server.SignInAsync("admin");
        var user = await UserAsync("zhaodong.reviewer");
        if (!await server.WithDbAsync(db => db.RoleAssignments.AnyAsync(a => a.UserId == user && a.Role == Workflows.Data.Accounts.Role.Approver)))
        {
            await (await admin.PostJsonAsync($"/api/v1/users/{user}/roles", new { unitId = await server.UnitIdAsync("231282"), role = "Approver" })).ExpectAsync(HttpStatusCode.Created);
        }
        return await server.SignInAsync("zhaodong.reviewer");
    }

    [Fact]
    public async Task A_claimed_task_leaves_the_other_candidates_inbox_until_it_is_released()
    {
        var second = await SecondCountyApproverAsync();
        var first = await server.SignInAsync("zhaodong.approver");
        var id = await StartAsync(await server.SignInAsync("dongsheng"), "签收测试");
        var task = await TaskOfAsync(first, id);
        await (await first.PostAsync($"/api/v1/tasks/{task}/claim", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(await TodoAsync(second), t => t.GetProperty("id").GetGuid() == task);
        await (await second.PostAsync($"/api/v1/tasks/{task}/claim", null)).ExpectAsync(HttpStatusCode.Forbidden);
        await (await first.PostAsync($"/api/v1/tasks/{task}/release", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(await TodoAsync(second), t => t.GetProperty("id").GetGuid() == task);
    }

    [Fact]
    public async Task A_transferred_task_goes_to_the_new_person_only_and_never_outside_the_area()
    {
        var second = await SecondCountyApproverAsync();
        var first = await server.SignInAsync("zhaodong.approver");
        var id = await StartAsync(await server.SignInAsync("dongsheng"), "转办测试");
        var task = await TaskOfAsync(first, id);
        var outside = await (await first.PostJsonAsync($"/api/v1/tasks/{task}/transfer", new { toUserId = await UserAsync("qingan.approver") })).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(outside.ErrorsFor("toUserId"));
        await (await first.PostJsonAsync($"/api/v1/tasks/{task}/transfer", new { toUserId = await UserAsync("zhaodong.reviewer"), comment = "请你办理" })).ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(await TodoAsync(first), t => t.GetProperty("id").GetGuid() == task);
        await (await CompleteAsync(second, task, "approve")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_signer_added_before_must_sign_first()
    {
        var first = await server.SignInAsync("zhaodong.approver");
        var id = await StartAsync(await server.SignInAsync("dongsheng"), "前加签测试");
        var task = await TaskOfAsync(first, id);
        var signerTask = await (await first.PostJsonAsync($"/api/v1/tasks/{task}/add-signer", new { userId = await UserAsync("zhaodong.reviewer"), position = "before", comment = "请先核实面积" }))
            .ExpectAsync(HttpStatusCode.OK);
        var blocked = await (await CompleteAsync(first, task, "approve")).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("waiting-for-signers", blocked.GetProperty("code").GetString());
        var reviewer = await server.SignInAsync("zhaodong.reviewer");
        await (await CompleteAsync(reviewer, signerTask.GetProperty("id").GetGuid(), "approve", "面积属实")).ExpectAsync(HttpStatusCode.OK);
        var done = await (await CompleteAsync(first, task, "approve")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("市级审核", done.GetProperty("nextTasks")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_signer_added_after_decides_the_step()
    {
        var first = await server.SignInAsync("zhaodong.approver");
        var id = await StartAsync(await server.SignInAsync("dongsheng"), "后加签测试");
        var task = await TaskOfAsync(first, id);
        var noOpinion = await (await first.PostJsonAsync($"/api/v1/tasks/{task}/add-signer", new { userId = await UserAsync("zhaodong.reviewer"), position = "after" })).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(noOpinion.ErrorsFor("outcome"));
        var signer = await (await first.PostJsonAsync($"/api/v1/tasks/{task}/add-signer", new { userId = await UserAsync("zhaodong.reviewer"), position = "after", outcome = "approve", comment = "同意，请分管领导签批" }))
            .ExpectAsync(HttpStatusCode.OK);
        var reviewer = await server.SignInAsync("zhaodong.reviewer");
        var decided = await (await CompleteAsync(reviewer, signer.GetProperty("id").GetGuid(), "reject", "不符合条件")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Completed", decided.GetProperty("instance").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_copy_is_a_read_only_item_that_lets_the_recipient_read_the_case()
    {
        var applicant = await server.SignInAsync("dongsheng");
        var id = await StartAsync(applicant, "抄送测试");
        var outsider = await server.SignInAsync("yonghuan");
        await (await outsider.GetAsync($"/api/v1/instances/{id}")).ExpectAsync(HttpStatusCode.Forbidden);
        var copies = await (await applicant.PostJsonAsync($"/api/v1/instances/{id}/copy", new { userIds = new[] { await UserAsync("yonghuan") }, comment = "供参考" }))
            .ExpectAsync(HttpStatusCode.OK);
        var copyId = copies.GetProperty("copyIds")[0].GetGuid();
        var copied = await (await outsider.GetAsync("/api/v1/tasks?view=copied")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(copied.GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetGuid() == copyId);
        await (await outsider.GetAsync($"/api/v1/instances/{id}")).ExpectAsync(HttpStatusCode.OK);
        await (await CompleteAsync(outsider, copyId, "approve")).ExpectAsync(HttpStatusCode.BadRequest);
        await (await outsider.PostAsync($"/api/v1/tasks/{copyId}/acknowledge", null)).ExpectAsync(HttpStatusCode.NoContent);
        await (await outsider.PostJsonAsync($"/api/v1/instances/{id}/copy", new { userIds = new[] { await UserAsync("admin") } })).ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Urging_notifies_the_current_holders_once_an_hour_at_most()
    {
        var applicant = await server.SignInAsync("xiangyang");
        var id = await StartAsync(applicant, "催办测试");
        var urged = await (await applicant.PostJsonAsync($"/api/v1/instances/{id}/urge", new { comment = "请尽快审核" })).ExpectAsync(HttpStatusCode.OK);
        Assert.True(urged.GetProperty("notified").GetInt32() >= 1);
        var again = await applicant.PostJsonAsync($"/api/v1/instances/{id}/urge", new { comment = "再催" });
        await again.ExpectAsync(HttpStatusCode.TooManyRequests);
        Assert.NotNull(again.Headers.RetryAfter);
        var stranger = await server.SignInAsync("yonghuan");
        await (await stranger.PostJsonAsync($"/api/v1/instances/{id}/urge", new { })).ExpectAsync(HttpStatusCode.Forbidden);
        var city = await server.SignInAsync("suihua.approver");
        await (await city.PostJsonAsync($"/api/v1/instances/{id}/urge", new { comment = "市局督办" })).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_delegate_acts_on_the_delegators_tasks_within_the_dates()
    {
        var county = await server.SignInAsync("zhaodong.approver");
        var delegate_ = await UserAsync("keshan.approver");
        await (await county.PostJsonAsync("/api/v1/account/delegations", new { toUserId = delegate_, startsOn = "2026-11-23", endsOn = "2026-11-30" })).ExpectAsync(HttpStatusCode.Created);
        var bad = await (await county.PostJsonAsync("/api/v1/account/delegations", new { toUserId = delegate_, startsOn = "2026-11-30", endsOn = "2026-11-01" })).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(bad.ErrorsFor("endsOn"));

        var id = await StartAsync(await server.SignInAsync("dongsheng"), "委托测试");
        var keshan = await server.SignInAsync("keshan.approver");
        var task = await TaskOfAsync(keshan, id);
        await (await CompleteAsync(keshan, task, "approve", "代为办理")).ExpectAsync(HttpStatusCode.OK);
        var delegations = await (await county.GetAsync("/api/v1/account/delegations")).ExpectAsync(HttpStatusCode.OK);
        var delegationId = delegations[0].GetProperty("id").GetGuid();
        await (await county.DeleteAsync($"/api/v1/account/delegations/{delegationId}")).ExpectAsync(HttpStatusCode.NoContent);
        var later = await StartAsync(await server.SignInAsync("dongsheng"), "委托撤销后");
        Assert.DoesNotContain(await TodoAsync(await server.SignInAsync("keshan.approver")), t => t.GetProperty("instanceId").GetGuid() == later);
    }
}
