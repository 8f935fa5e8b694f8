using System.Net;
using Microsoft.EntityFrameworkCore;
using Workflows.Data.Audit;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Security;

public sealed class AuditLogTests(WorkflowsServer server) : IClassFixture<WorkflowsServer>
{
    [Fact]
    public async Task A_system_administrator_reads_sign_ins_and_denials_newest_first()
    {
        var intruder = await server.SignInAsync("qingan.approver");
        await intruder.GetAsync("/api/v1/audit");
        var admin = await server.SignInAsync("admin");
        var entries = await (await admin.GetAsync("/api/v1/audit?take=50")).ExpectAsync(HttpStatusCode.OK);
        var kinds = entries.EnumerateArray().Select(e => (e.GetProperty("kind").GetString(), e.GetProperty("userName").GetString())).ToList();
        Assert.Contains(("SignedIn", "qingan.approver"), kinds);
        Assert.Contains(("PermissionDenied", "qingan.approver"), kinds);
        var ids = entries.EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(ids.OrderByDescending(i => i), ids);

        var filtered = await (await admin.GetAsync("/api/v1/audit?kind=PermissionDenied")).ExpectAsync(HttpStatusCode.OK);
        Assert.All(filtered.EnumerateArray(), e => Assert.Equal("PermissionDenied", e.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task Only_system_administrators_read_the_audit_log()
    {
        var unitAdmin = await server.SignInAsync("hlj.admin");
        await (await unitAdmin.GetAsync("/api/v1/audit")).ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_audit_log_refuses_updates_and_deletes_even_in_raw_sql()
    {
        var admin = await server.SignInAsync("admin");
        await admin.GetAsync("/api/v1/account/me");
        var count = await server.WithDbAsync(db => db.SecurityAuditEvents.CountAsync());
        Assert.True(count > 0);

        await Assert.ThrowsAnyAsync<Exception>(() => server.WithDbAsync(db =>
            db.Database.ExecuteSqlRawAsync("UPDATE \"SecurityAuditEvents\" SET \"Detail\" = 'tampered'")));
        await Assert.ThrowsAnyAsync<Exception>(() => server.WithDbAsync(db =>
            db.Database.ExecuteSqlRawAsync("DELETE FROM \"SecurityAuditEvents\"")));
        await Assert.ThrowsAsync<InvalidOperationException>(() => server.WithDbAsync(async db =>
        {
            var entry = await db.SecurityAuditEvents.FirstAsync();
            entry.Detail = "tampered";
            return await db.SaveChangesAsync();
        }));

        Assert.Equal(count, await server.WithDbAsync(db => db.SecurityAuditEvents.CountAsync()));
        Assert.False(await server.WithDbAsync(db => db.SecurityAuditEvents.AnyAsync(e => e.Detail == "tampered")));
    }

    [Fact]
    public async Task A_bad_filter_is_a_400_naming_the_parameter()
    {
        var admin = await server.SignInAsync("admin");
        var problem = await (await admin.GetAsync("/api/v1/audit?kind=Nonsense&take=5000")).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.ErrorsFor("kind"));
        Assert.NotEmpty(problem.ErrorsFor("take"));
    }
}
