using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Workflows.Server.Tests.Infrastructure;
using static Workflows.Server.Tests.Runtime.Cases;

namespace Workflows.Server.Tests.Runtime;

public sealed class AdministrationTests(WorkflowsServer server) : IClassFixture<WorkflowsServer>
{
    [Fact]
    public async Task An_unassignable_task_is_retried_once_someone_holds_the_role()
    {
        var admin = await server.SignInAsync("admin");
        var community = await server.UnitIdAsync("230321100002");
        await (await admin.PostJsonAsync("/api/v1/users", new
        {
            userName = "hongqi", displayName = "红旗社区申报员", password = "hongqi-2026-x",
            roles = new[] { new { unitId = community, role = "Applicant" } },
        })).ExpectAsync(HttpStatusCode.Created);
        var applicant = server.CreateClient();
        await (await applicant.PostJsonAsync("/api/v1/account/sign-in", new { userName = "hongqi", password = "hongqi-2026-x" })).ExpectAsync(HttpStatusCode.OK);
        var id = await StartAsync(applicant, "红旗社区 无人审核");

        var incidents = await (await admin.GetAsync("/api/v1/admin/cases/incidents")).ExpectAsync(HttpStatusCode.OK);
        var entry = incidents.EnumerateArray().Single(i => i.GetProperty("instanceId").GetGuid() == id);
        var key = entry.GetProperty("incidents")[0].GetProperty("key").GetInt64();

        var keshan = await server.WithDbAsync(db => db.Users.Where(u => u.UserName == "keshan.approver").Select(u => u.Id).SingleAsync());
        await (await admin.PostJsonAsync($"/api/v1/users/{keshan}/roles", new { unitId = await server.UnitIdAsync("230321"), role = "Approver" })).ExpectAsync(HttpStatusCode.Created);
        var retried = await (await admin.PostJsonAsync($"/api/v1/admin/cases/{id}/incidents/{key}/retry", new { comment = "已配置鸡东县审批人" })).ExpectAsync(HttpStatusCode.OK);
        Assert.False(retried.GetProperty("hasIncident").GetBoolean());
        Assert.Contains(await TodoAsync(await server.SignInAsync("keshan.approver")), t => t.GetProperty("instanceId").GetGuid() == id);
    }

    [Fact]
    public async Task Only_system_administrators_cancel_cases_and_a_reason_is_required()
    {
        var id = await StartAsync(await server.SignInAsync("dongsheng"), "取消测试");
        await (await (await server.SignInAsync("hlj.approver")).PostJsonAsync($"/api/v1/admin/cases/{id}/cancel", new { reason = "x" })).ExpectAsync(HttpStatusCode.Forbidden);
        var admin = await server.SignInAsync("admin");
        var missing = await (await admin.PostJsonAsync($"/api/v1/admin/cases/{id}/cancel", new { })).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(missing.ErrorsFor("reason"));
        var cancelled = await (await admin.PostJsonAsync($"/api/v1/admin/cases/{id}/cancel", new { reason = "重复申报" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Cancelled", cancelled.GetProperty("status").GetString());
        Assert.DoesNotContain(await TodoAsync(await server.SignInAsync("zhaodong.approver")), t => t.GetProperty("instanceId").GetGuid() == id);
    }

    [Fact]
    public async Task A_dry_run_walks_a_definition_without_storing_anything()
    {
        var admin = await server.SignInAsync("admin");
        var before = await server.WithDbAsync(db => db.WorkflowInstances.CountAsync());
        var run = await (await admin.PostJsonAsync("/api/v1/workflows/dry-run", new
        {
            processId = Process,
            now = "2026-11-23T09:00:00+08:00",
            actions = new object[]
            {
                new { complete = "county", outcome = "approve" },
                new { complete = "city", outcome = "approve" },
                new { complete = "nowhere", outcome = "approve" },
                new { complete = "province", outcome = "approve" },
            },
        })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Completed", run.GetProperty("status").GetString());
        var steps = run.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(5, steps.Count);
        Assert.False(steps[3].GetProperty("accepted").GetBoolean());
        Assert.Contains("+approved", steps[4].GetProperty("trace").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(before, await server.WithDbAsync(db => db.WorkflowInstances.CountAsync()));
    }

    [Fact]
    public async Task A_dry_run_advances_the_clock_through_timers()
    {
        var admin = await server.SignInAsync("admin");
        var run = await (await admin.PostJsonAsync("/api/v1/workflows/dry-run", new
        {
            processId = "test-timers", now = "2026-11-23T09:00:00+08:00",
            actions = new object[] { new { advance = "PT5H" } },
        })).ExpectAsync(HttpStatusCode.OK);
        var effects = run.GetProperty("steps").EnumerateArray().SelectMany(s => s.GetProperty("effects").EnumerateArray().Select(e => e.GetString()!)).ToList();
        Assert.Contains(effects, e => e.StartsWith("service notify at urge"));
        Assert.Equal("2026-11-25", run.GetProperty("openTasks")[0].GetProperty("dueAt").GetDateTimeOffset().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd"));
    }

    [Fact]
    public async Task A_dry_run_of_a_broken_upload_names_the_elements()
    {
        var admin = await server.SignInAsync("admin");
        var xml = "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"d\"><bpmn:process id=\"p\" isExecutable=\"true\"><bpmn:startEvent id=\"s\"/><bpmn:sequenceFlow id=\"f\" sourceRef=\"s\" targetRef=\"gone\"/></bpmn:process></bpmn:definitions>";
        var problem = await (await admin.PostJsonAsync("/api/v1/workflows/dry-run", new { xml })).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains(problem.GetProperty("errors").EnumerateObject(), e => e.Name.StartsWith("elements["));
        var applicant = await server.SignInAsync("dongsheng");
        await (await applicant.PostJsonAsync("/api/v1/workflows/dry-run", new { processId = Process })).ExpectAsync(HttpStatusCode.Forbidden);
    }
}

public sealed class MigrationTests(WorkflowsServer server) : IClassFixture<WorkflowsServer>
{
    [Fact]
    public async Task Running_cases_move_to_a_new_version_after_a_dry_run_with_renamed_steps()
    {
        var admin = await server.SignInAsync("admin");
        var applicant = await server.SignInAsync("dongsheng");
        var id = await StartAsync(applicant, "迁移测试");
        var original = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Workflows", "test-three-level.bpmn"));
        var renamed = original.Replace("id=\"county\"", "id=\"countyReview\"").Replace("targetRef=\"county\"", "targetRef=\"countyReview\"").Replace("sourceRef=\"county\"", "sourceRef=\"countyReview\"");
        var deployed = await (await admin.PostAsync("/api/v1/workflows", new StringContent(renamed, Encoding.UTF8, "application/xml"))).ExpectAsync(HttpStatusCode.Created);
        var toVersion = deployed.GetProperty("version").GetProperty("version").GetInt32();

        var withoutMap = await (await admin.PostJsonAsync($"/api/v1/workflows/{Process}/migrate", new { fromVersion = toVersion - 1, toVersion })).ExpectAsync(HttpStatusCode.OK);
        var report = withoutMap.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("instanceId").GetGuid() == id);
        Assert.False(report.GetProperty("canMove").GetBoolean());
        Assert.Contains("county", report.GetProperty("problems")[0].GetString());

        var mapping = new Dictionary<string, string> { ["county"] = "countyReview" };
        var dry = await (await admin.PostJsonAsync($"/api/v1/workflows/{Process}/migrate", new { fromVersion = toVersion - 1, toVersion, mapping })).ExpectAsync(HttpStatusCode.OK);
        Assert.True(dry.GetProperty("dryRun").GetBoolean());
        Assert.Equal(0, dry.GetProperty("moved").GetInt32());
        Assert.Equal(toVersion - 1, (await CaseAsync(applicant, id)).GetProperty("instance").GetProperty("version").GetInt32());

        var applied = await (await admin.PostJsonAsync($"/api/v1/workflows/{Process}/migrate", new { fromVersion = toVersion - 1, toVersion, mapping, dryRun = false })).ExpectAsync(HttpStatusCode.OK);
        Assert.True(applied.GetProperty("moved").GetInt32() >= 1);
        Assert.Equal(toVersion, (await CaseAsync(applicant, id)).GetProperty("instance").GetProperty("version").GetInt32());

        var county = await server.SignInAsync("zhaodong.approver");
        var done = await (await CompleteAsync(county, await TaskOfAsync(county, id), "approve")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("市级审核", done.GetProperty("nextTasks")[0].GetProperty("name").GetString());
    }
}
