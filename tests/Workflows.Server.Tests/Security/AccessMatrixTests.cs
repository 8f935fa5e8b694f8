using System.Net;
using Microsoft.EntityFrameworkCore;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Security;

/// <summary>
/// Who may read and act on a piece of work from county A (肇东市, under 绥化市, 黑龙江省), through the API.
/// The item is the demo application of 东升社区 (东城街道, 肇东市).
/// </summary>
public sealed class AccessMatrixTests(WorkflowsServer server) : IClassFixture<WorkflowsServer>
{
    public static TheoryData<string, string, bool, bool> Matrix => new()
    {
        // user, who they are, may read, may act
        { "dongsheng", "applicant of the item's own community", true, true },
        { "xiangyang", "applicant of another community in county A", false, false },
        { "dongcheng.reviewer", "reviewer of the item's street office", true, true },
        { "zhaodong.approver", "county approver of county A", true, true },
        { "zhaodong.reviewer", "county reviewer of county A", true, true },
        { "qingan.approver", "county approver of county B, same city", false, false },
        { "keshan.approver", "county approver of a county in another city", false, false },
        { "suihua.approver", "city approver of county A's city", true, true },
        { "hlj.approver", "province approver of county A's province", true, true },
        { "ln.approver", "province approver of another province", false, false },
        { "hlj.admin", "unit administrator of the province", false, false },
        { "admin", "system administrator", true, false },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_role_reads_and_acts_only_where_the_tree_allows(string user, string who, bool mayRead, bool mayAct)
    {
        var item = await CountyAItemAsync();
        var client = await server.SignInAsync(user);

        var read = await client.GetAsync($"/api/v1/applications/{item}");
        Assert.True((read.StatusCode == HttpStatusCode.OK) == mayRead, $"{user} ({who}) read: {read.StatusCode}");
        if (!mayRead)
        {
            Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        }

        var act = await client.PostJsonAsync($"/api/v1/applications/{item}/comments", new { text = $"{who}：已阅" });
        Assert.True((act.StatusCode == HttpStatusCode.Created) == mayAct, $"{user} ({who}) act: {act.StatusCode}");
        if (!mayAct)
        {
            Assert.Equal(HttpStatusCode.Forbidden, act.StatusCode);
        }

        var list = await (await client.GetAsync("/api/v1/applications?pageSize=200")).ExpectAsync(HttpStatusCode.OK);
        var listed = list.GetProperty("items").EnumerateArray().Any(a => a.GetProperty("id").GetGuid() == item);
        Assert.True(listed == mayRead, $"{user} ({who}) sees the item in the list: {listed}");
    }

    [Fact]
    public async Task A_denied_attempt_is_written_to_the_security_audit_log()
    {
        var item = await CountyAItemAsync();
        var client = await server.SignInAsync("qingan.approver");
        await client.GetAsync($"/api/v1/applications/{item}");

        var denials = await server.WithDbAsync(db => db.SecurityAuditEvents
            .Where(e => e.Kind == Data.Audit.SecurityAuditKind.PermissionDenied && e.UserName == "qingan.approver")
            .CountAsync());
        Assert.True(denials >= 1);
    }

    [Fact]
    public async Task An_applicant_cannot_start_work_for_another_unit()
    {
        var client = await server.SignInAsync("dongsheng");
        var otherCommunity = await server.UnitIdAsync("231282001002");
        var response = await client.PostJsonAsync("/api/v1/applications", new { unitId = otherCommunity, formId = "facility-application" });
        await response.ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_applicant_starts_a_draft_for_their_own_unit_and_the_county_sees_it()
    {
        var applicant = await server.SignInAsync("xiangyang");
        var created = await (await applicant.PostJsonAsync("/api/v1/applications", new { formId = "facility-application" }))
            .ExpectAsync(HttpStatusCode.Created);
        var id = created.GetProperty("application").GetProperty("id").GetGuid();
        Assert.Equal("Draft", created.GetProperty("application").GetProperty("status").GetString());

        var county = await server.SignInAsync("zhaodong.approver");
        await (await county.GetAsync($"/api/v1/applications/{id}")).ExpectAsync(HttpStatusCode.OK);
        var otherCounty = await server.SignInAsync("qingan.approver");
        await (await otherCounty.GetAsync($"/api/v1/applications/{id}")).ExpectAsync(HttpStatusCode.Forbidden);
    }

    private Task<Guid> CountyAItemAsync() => server.WithDbAsync(db =>
        db.Applications.Where(a => a.Unit!.Code == "231282001001").Select(a => a.Id).FirstAsync());
}
