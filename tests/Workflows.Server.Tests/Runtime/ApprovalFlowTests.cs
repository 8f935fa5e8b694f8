using System.Net;
using Microsoft.EntityFrameworkCore;
using Workflows.Data.Runtime;
using Workflows.Server.Tests.Infrastructure;
using static Workflows.Server.Tests.Runtime.Cases;

namespace Workflows.Server.Tests.Runtime;

public sealed class ApprovalFlowTests(WorkflowsServer server) : IClassFixture<WorkflowsServer>
{
    [Fact]
    public async Task A_case_goes_through_county_city_and_province_approval_to_the_end()
    {
        var applicant = await server.SignInAsync("dongsheng");
        var id = await StartAsync(applicant, "东升社区 社区服务站建设申请");

        var county = await server.SignInAsync("zhaodong.approver");
        var countyTask = await TaskOfAsync(county, id);
        var afterCounty = await (await CompleteAsync(county, countyTask, "approve", "同意上报")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("市级审核", Assert.Single(afterCounty.GetProperty("nextTasks").EnumerateArray()).GetProperty("name").GetString());

        var city = await server.SignInAsync("suihua.approver");
        await (await CompleteAsync(city, await TaskOfAsync(city, id), "approve")).ExpectAsync(HttpStatusCode.OK);
        var province = await server.SignInAsync("hlj.approver");
        var last = await (await CompleteAsync(province, await TaskOfAsync(province, id), "approve")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Completed", last.GetProperty("instance").GetProperty("status").GetString());

        var detail = await CaseAsync(applicant, id);
        Assert.Empty(detail.GetProperty("openTasks").EnumerateArray());
        Assert.Contains("province", detail.GetProperty("completedElements").EnumerateArray().Select(e => e.GetString()));

        var history = await (await applicant.GetAsync($"/api/v1/instances/{id}/history")).ExpectAsync(HttpStatusCode.OK);
        var kinds = history.EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal("Started", kinds[0]);
        Assert.Equal(3, kinds.Count(k => k == "TaskCompleted"));
        Assert.Equal("Completed", kinds[^1]);
        var countyStep = history.EnumerateArray().First(e => e.GetProperty("kind").GetString() == "TaskCompleted");
        Assert.Equal("肇东市民政局审批员", countyStep.GetProperty("actorName").GetString());
        Assert.Equal("同意上报", countyStep.GetProperty("comment").GetString());

        var done = await (await county.GetAsync("/api/v1/tasks?view=done")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(done.GetProperty("items").EnumerateArray(), t => t.GetProperty("instanceId").GetGuid() == id);
    }

    [Fact]
    public async Task The_county_task_goes_to_the_applicants_county_only()
    {
        var applicant = await server.SignInAsync("xiangyang");
        var id = await StartAsync(applicant, "向阳社区 活动广场建设申请");
        var ownCounty = await server.SignInAsync("zhaodong.approver");
        var otherCounty = await server.SignInAsync("qingan.approver");
        Assert.Contains(await TodoAsync(ownCounty), t => t.GetProperty("instanceId").GetGuid() == id);
        Assert.DoesNotContain(await TodoAsync(otherCounty), t => t.GetProperty("instanceId").GetGuid() == id);
        await (await otherCounty.GetAsync($"/api/v1/instances/{id}")).ExpectAsync(HttpStatusCode.Forbidden);
        await (await otherCounty.GetAsync($"/api/v1/instances/{id}/history")).ExpectAsync(HttpStatusCode.Forbidden);
        var task = await TaskOfAsync(ownCounty, id);
        await (await CompleteAsync(otherCounty, task, "approve")).ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Returned_to_the_applicant_the_case_comes_back_to_the_county_after_resubmission()
    {
        var applicant = await server.SignInAsync("dongsheng");
        var id = await StartAsync(applicant, "东升社区 需要修改的申请");
        var county = await server.SignInAsync("zhaodong.approver");
        await (await CompleteAsync(county, await TaskOfAsync(county, id), "return", "请补充房屋产权证明")).ExpectAsync(HttpStatusCode.OK);

        var revise = await TaskOfAsync(applicant, id);
        await (await CompleteAsync(applicant, revise, "approve")).ExpectAsync(HttpStatusCode.BadRequest);
        await (await CompleteAsync(applicant, revise, "submit")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(await TodoAsync(county), t => t.GetProperty("instanceId").GetGuid() == id);
    }

    [Fact]
    public async Task The_city_can_return_the_case_to_the_county_step()
    {
        var applicant = await server.SignInAsync("dongsheng");
        var id = await StartAsync(applicant, "东升社区 退回县级的申请");
        var county = await server.SignInAsync("zhaodong.approver");
        await (await CompleteAsync(county, await TaskOfAsync(county, id), "approve")).ExpectAsync(HttpStatusCode.OK);
        var city = await server.SignInAsync("suihua.approver");
        var cityTask = await TaskOfAsync(city, id);

        var never = await (await CompleteAsync(city, cityTask, "return", "请核实", returnTo: "province")).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(never.ErrorsFor("returnTo"));
        await (await CompleteAsync(city, cityTask, "return", "请县里核实面积", returnTo: "county")).ExpectAsync(HttpStatusCode.OK);

        var countyAgain = await TaskOfAsync(county, id);
        Assert.NotEqual(Guid.Empty, countyAgain);
        var history = await (await applicant.GetAsync($"/api/v1/instances/{id}/history")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(history.EnumerateArray(), e => e.GetProperty("kind").GetString() == "Returned" && e.GetProperty("comment").GetString() == "请县里核实面积");
    }

    [Fact]
    public async Task Reject_and_return_need_a_comment_and_an_unknown_outcome_is_named()
    {
        var applicant = await server.SignInAsync("dongsheng");
        var id = await StartAsync(applicant, "东升社区 无意见的申请");
        var county = await server.SignInAsync("zhaodong.approver");
        var task = await TaskOfAsync(county, id);
        Assert.NotEmpty((await (await CompleteAsync(county, task, "reject")).ExpectAsync(HttpStatusCode.BadRequest)).ErrorsFor("comment"));
        Assert.NotEmpty((await (await CompleteAsync(county, task, "return", "  ")).ExpectAsync(HttpStatusCode.BadRequest)).ErrorsFor("comment"));
        Assert.NotEmpty((await (await CompleteAsync(county, task, "maybe")).ExpectAsync(HttpStatusCode.BadRequest)).ErrorsFor("outcome"));
        var rejected = await (await CompleteAsync(county, task, "reject", "不符合条件")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Completed", rejected.GetProperty("instance").GetProperty("status").GetString());
        var again = await (await CompleteAsync(county, task, "approve")).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("already-handled", again.GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_applicant_withdraws_before_review_but_not_after()
    {
        var applicant = await server.SignInAsync("dongsheng");
        var first = await StartAsync(applicant, "东升社区 撤回的申请");
        var withdrawn = await (await applicant.PostJsonAsync($"/api/v1/instances/{first}/withdraw", new { reason = "材料有误" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Cancelled", withdrawn.GetProperty("instance").GetProperty("status").GetString());
        var county = await server.SignInAsync("zhaodong.approver");
        Assert.DoesNotContain(await TodoAsync(county), t => t.GetProperty("instanceId").GetGuid() == first);

        var second = await StartAsync(applicant, "东升社区 已审核的申请");
        await (await CompleteAsync(county, await TaskOfAsync(county, second), "approve")).ExpectAsync(HttpStatusCode.OK);
        await (await applicant.PostJsonAsync($"/api/v1/instances/{second}/withdraw", new { })).ExpectAsync(HttpStatusCode.Conflict);
        var stranger = await server.SignInAsync("yonghuan");
        await (await stranger.PostJsonAsync($"/api/v1/instances/{second}/withdraw", new { })).ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_task_nobody_can_take_becomes_an_incident_instead_of_disappearing()
    {
        var admin = await server.SignInAsync("admin");
        var community = await server.UnitIdAsync("230321100001"); // 鸡东县 has no approver in the demo data
        await (await admin.PostJsonAsync("/api/v1/users", new
        {
            userName = "dongfeng", displayName = "东风社区申报员", password = "dongfeng-2026-x",
            roles = new[] { new { unitId = community, role = "Applicant" } },
        })).ExpectAsync(HttpStatusCode.Created);
        var applicant = server.CreateClient();
        await (await applicant.PostJsonAsync("/api/v1/account/sign-in", new { userName = "dongfeng", password = "dongfeng-2026-x" })).ExpectAsync(HttpStatusCode.OK);

        var id = await StartAsync(applicant, "东风社区 无人审核的申请");
        var detail = await CaseAsync(applicant, id);
        Assert.True(detail.GetProperty("instance").GetProperty("hasIncident").GetBoolean());
        Assert.Contains("县级审核", Assert.Single(detail.GetProperty("incidents").EnumerateArray()).GetProperty("message").GetString());
    }

    [Fact]
    public async Task Bulk_approval_reports_each_task_on_its_own()
    {
        var applicant = await server.SignInAsync("xiangyang");
        var a = await StartAsync(applicant, "批量一");
        var b = await StartAsync(applicant, "批量二");
        var county = await server.SignInAsync("zhaodong.approver");
        var taskA = await TaskOfAsync(county, a);
        var taskB = await TaskOfAsync(county, b);
        var strangerTask = await server.WithDbAsync(db => db.WorkTasks.Where(t => t.Status != WorkTaskStatus.Open).Select(t => t.Id).FirstOrDefaultAsync());

        var results = await (await county.PostJsonAsync("/api/v1/tasks/bulk-complete", new { taskIds = new[] { taskA, taskB, Guid.NewGuid() }, outcome = "approve", comment = "同意" }))
            .ExpectAsync(HttpStatusCode.OK);
        var items = results.EnumerateArray().ToList();
        Assert.True(items[0].GetProperty("succeeded").GetBoolean());
        Assert.True(items[1].GetProperty("succeeded").GetBoolean());
        Assert.False(items[2].GetProperty("succeeded").GetBoolean());
        Assert.Equal(404, items[2].GetProperty("status").GetInt32());
        Assert.NotEqual(Guid.Empty, strangerTask == Guid.Empty ? taskA : strangerTask);
    }
}
