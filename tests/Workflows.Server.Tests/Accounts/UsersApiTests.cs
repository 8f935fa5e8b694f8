using System.Net;
using Microsoft.EntityFrameworkCore;
using Workflows.Data.Audit;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Accounts;

public sealed class UsersApiTests(WorkflowsServer server) : IClassFixture<WorkflowsServer>
{
    [Fact]
    public async Task A_county_administrator_creates_a_reviewer_for_a_street_in_their_county_and_it_is_audited()
    {
        var admin = await server.SignInAsync("zhaodong.approver");
        var street = await server.UnitIdAsync("231282003");
        var created = await (await admin.PostJsonAsync("/api/v1/users", new
        {
            userName = "nancheng.reviewer", displayName = "南城街道审核员", password = "nancheng-2026-x",
            roles = new[] { new { unitId = street, role = "Reviewer" } },
        })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("Reviewer", Assert.Single(created.GetProperty("roles").EnumerateArray()).GetProperty("role").GetString());

        var reviewer = server.CreateClient();
        await (await reviewer.PostJsonAsync("/api/v1/account/sign-in", new { userName = "nancheng.reviewer", password = "nancheng-2026-x" })).ExpectAsync(HttpStatusCode.OK);

        Assert.True(await server.WithDbAsync(db => db.SecurityAuditEvents.AnyAsync(e => e.Kind == SecurityAuditKind.RoleGranted && e.Target == "nancheng.reviewer")));
    }

    [Fact]
    public async Task A_county_administrator_cannot_grant_roles_in_another_county_or_make_system_administrators()
    {
        var admin = await server.SignInAsync("zhaodong.approver");
        var otherCounty = await server.UnitIdAsync("231224");
        await (await admin.PostJsonAsync("/api/v1/users", new
        {
            userName = "intruder1", displayName = "越权", password = "intruder-2026-x",
            roles = new[] { new { unitId = otherCounty, role = "Approver" } },
        })).ExpectAsync(HttpStatusCode.Forbidden);
        await (await admin.PostJsonAsync("/api/v1/users", new
        {
            userName = "intruder2", displayName = "越权", password = "intruder-2026-x",
            roles = new[] { new { unitId = (Guid?)null, role = "SystemAdministrator" } },
        })).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.False(await server.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName!.StartsWith("intruder"))));
    }

    [Fact]
    public async Task A_weak_password_is_refused_naming_the_password_field()
    {
        var admin = await server.SignInAsync("admin");
        var unit = await server.UnitIdAsync("231282");
        var problem = await (await admin.PostJsonAsync("/api/v1/users", new
        {
            userName = "weak.user", displayName = "弱密码", password = "short",
            roles = new[] { new { unitId = unit, role = "Reviewer" } },
        })).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.ErrorsFor("password"));
        Assert.False(await server.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "weak.user")));
    }

    [Fact]
    public async Task An_unknown_unit_and_an_unknown_role_are_named_with_their_index()
    {
        var admin = await server.SignInAsync("admin");
        var problem = await (await admin.PostJsonAsync("/api/v1/users", new
        {
            userName = "someone", displayName = "某人", password = "someone-2026-x",
            roles = new object[] { new { unitId = Guid.NewGuid(), role = "Approver" }, new { unitId = Guid.NewGuid(), role = "Emperor" } },
        })).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.ErrorsFor("roles[0].unitId"));
        Assert.NotEmpty(problem.ErrorsFor("roles[1].role"));
    }

    [Fact]
    public async Task A_person_can_hold_roles_in_several_units_and_lose_one()
    {
        var admin = await server.SignInAsync("admin");
        var user = await server.WithDbAsync(db => db.Users.Where(u => u.UserName == "xiangyang").Select(u => u.Id).SingleAsync());
        var street = await server.UnitIdAsync("231282001");
        var granted = await (await admin.PostJsonAsync($"/api/v1/users/{user}/roles", new { unitId = street, role = "Reviewer", startsOn = "2026-01-01", endsOn = "2028-12-31" }))
            .ExpectAsync(HttpStatusCode.Created);
        var roles = granted.GetProperty("roles").EnumerateArray().ToList();
        Assert.Equal(2, roles.Count);
        var reviewerRole = roles.Single(r => r.GetProperty("role").GetString() == "Reviewer").GetProperty("id").GetGuid();
        await (await admin.DeleteAsync($"/api/v1/users/{user}/roles/{reviewerRole}")).ExpectAsync(HttpStatusCode.NoContent);
        Assert.True(await server.WithDbAsync(db => db.SecurityAuditEvents.AnyAsync(e => e.Kind == SecurityAuditKind.RoleRevoked && e.Target == "xiangyang")));
    }

    [Fact]
    public async Task A_role_outside_its_dates_gives_no_access()
    {
        var admin = await server.SignInAsync("admin");
        var user = await server.WithDbAsync(db => db.Users.Where(u => u.UserName == "heping").Select(u => u.Id).SingleAsync());
        var county = await server.UnitIdAsync("231282");
        await (await admin.PostJsonAsync($"/api/v1/users/{user}/roles", new { unitId = county, role = "Approver", startsOn = "2030-01-01" })).ExpectAsync(HttpStatusCode.Created);
        var item = await server.WithDbAsync(db => db.Applications.Where(a => a.Unit!.Code == "231282001001").Select(a => a.Id).FirstAsync());
        var client = await server.SignInAsync("heping");
        await (await client.GetAsync($"/api/v1/applications/{item}")).ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_applicant_cannot_list_users()
    {
        var applicant = await server.SignInAsync("dongsheng");
        await (await applicant.GetAsync("/api/v1/users")).ExpectAsync(HttpStatusCode.Forbidden);
    }
}
