using System.Net;
using System.Net.Http.Headers;
using Workflows.Server.Seeding;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Accounts;

public sealed class SignInTests(WorkflowsServer server) : IClassFixture<WorkflowsServer>
{
    [Fact]
    public async Task A_demo_user_signs_in_and_sees_their_units_and_roles()
    {
        var client = await server.SignInAsync("zhaodong.approver");
        var me = await (await client.GetAsync("/api/v1/account/me")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("肇东市民政局审批员", me.GetProperty("displayName").GetString());
        var roles = me.GetProperty("roles").EnumerateArray().Select(r => (r.GetProperty("role").GetString(), r.GetProperty("unitName").GetString())).ToList();
        Assert.Contains(("Approver", "肇东市"), roles);
        Assert.Contains(("UnitAdministrator", "肇东市"), roles);
    }

    [Fact]
    public async Task A_wrong_password_is_a_401_problem_and_is_audited()
    {
        var client = server.CreateClient();
        var problem = await (await client.PostJsonAsync("/api/v1/account/sign-in", new { userName = "heping", password = "wrong-password-1" }))
            .ExpectAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("bad-credentials", problem.GetProperty("code").GetString());
        Assert.True(await server.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(
            db.SecurityAuditEvents, e => e.Kind == Data.Audit.SecurityAuditKind.SignInFailed && e.UserName == "heping")));
    }

    [Fact]
    public async Task Five_failures_lock_the_account_even_for_the_right_password()
    {
        var client = server.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await client.PostJsonAsync("/api/v1/account/sign-in", new { userName = "keshan.approver", password = "wrong-password-" + i });
        }
        var problem = await (await client.PostJsonAsync("/api/v1/account/sign-in", new { userName = "keshan.approver", password = DemoData.Password }))
            .ExpectAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("locked-out", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Without_signing_in_the_api_answers_401_with_a_problem_not_a_redirect()
    {
        var client = server.CreateClient(new() { AllowAutoRedirect = false });
        var problem = await (await client.GetAsync("/api/v1/applications")).ExpectAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task An_access_token_works_as_a_bearer_until_it_is_revoked()
    {
        var browser = await server.SignInAsync("suihua.approver");
        var created = await (await browser.PostJsonAsync("/api/v1/account/tokens", new { name = "统计脚本", expiresInDays = 30 })).ExpectAsync(HttpStatusCode.Created);
        var secret = created.GetProperty("secret").GetString()!;
        var tokenId = created.GetProperty("token").GetProperty("id").GetGuid();

        var api = server.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var me = await (await api.GetAsync("/api/v1/account/me")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("suihua.approver", me.GetProperty("userName").GetString());

        var listed = await (await browser.GetAsync("/api/v1/account/tokens")).ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(secret, listed.GetRawText());

        await (await browser.DeleteAsync($"/api/v1/account/tokens/{tokenId}")).ExpectAsync(HttpStatusCode.NoContent);
        await (await api.GetAsync("/api/v1/account/me")).ExpectAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_expired_access_token_is_refused()
    {
        var browser = await server.SignInAsync("changchun.approver");
        var created = await (await browser.PostJsonAsync("/api/v1/account/tokens", new { name = "短期", expiresInDays = 1 })).ExpectAsync(HttpStatusCode.Created);
        var api = server.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.GetProperty("secret").GetString());
        await (await api.GetAsync("/api/v1/account/me")).ExpectAsync(HttpStatusCode.OK);
        server.Clock.Advance(TimeSpan.FromDays(2));
        try
        {
            await (await api.GetAsync("/api/v1/account/me")).ExpectAsync(HttpStatusCode.Unauthorized);
        }
        finally
        {
            server.Clock.Advance(TimeSpan.FromDays(-2));
        }
    }

    [Fact]
    public async Task A_garbage_bearer_token_is_a_401_not_a_500()
    {
        var api = server.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "wfp_" + new string('x', 40));
        await (await api.GetAsync("/api/v1/account/me")).ExpectAsync(HttpStatusCode.Unauthorized);
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        await (await api.GetAsync("/api/v1/account/me")).ExpectAsync(HttpStatusCode.Unauthorized);
    }
}

/// <summary>A server that allows only three sign-in attempts a minute per address.</summary>
public sealed class StrictSignInServer : WorkflowsServer
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Workflows:SignInAttemptsPerMinute"] = "3" };
}

public sealed class SignInRateLimitTests(StrictSignInServer server) : IClassFixture<StrictSignInServer>
{
    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_get_429_with_retry_after()
    {
        var client = server.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            await client.PostJsonAsync("/api/v1/account/sign-in", new { userName = "nobody", password = "whatever-123" });
        }
        var response = await client.PostJsonAsync("/api/v1/account/sign-in", new { userName = "nobody", password = "whatever-123" });
        var problem = await response.ExpectAsync(HttpStatusCode.TooManyRequests);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal("too-many-requests", problem.GetProperty("code").GetString());
    }
}
