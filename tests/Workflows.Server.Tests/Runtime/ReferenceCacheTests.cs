using System.Net;
using Microsoft.EntityFrameworkCore;
using Workflows.Data.Accounts;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Runtime;

/// <summary>Role holders are kept per process, but a change of roles reaches the very next task.</summary>
public sealed class ReferenceCacheTests
{
    [Fact]
    public async Task A_role_given_or_taken_after_cases_started_reaches_the_next_task_at_once()
    {
        await using var server = new WorkflowsServer();
        var applicant = await server.SignInAsync("dongsheng");
        var qingan = await server.WithDbAsync(db => db.Users.Where(u => u.UserName == "qingan.approver").Select(u => u.Id).SingleAsync());

        var before = await CandidatesOfNewCaseAsync(server, applicant, "缓存 1");
        Assert.DoesNotContain(qingan, before);

        var given = await server.WithDbAsync(async db =>
        {
            var county = await db.RoleAssignments.Where(a => a.User!.UserName == "zhaodong.approver" && a.Role == Role.Approver).Select(a => a.UnitId).FirstAsync();
            var assignment = new RoleAssignment { Id = Guid.NewGuid(), UserId = qingan, UnitId = county, Role = Role.Approver, CreatedAt = DateTime.UtcNow };
            db.RoleAssignments.Add(assignment);
            await db.SaveChangesAsync();
            return assignment.Id;
        });
        Assert.Contains(qingan, await CandidatesOfNewCaseAsync(server, applicant, "缓存 2"));

        await server.WithDbAsync(async db =>
        {
            db.RoleAssignments.Remove(await db.RoleAssignments.SingleAsync(a => a.Id == given));
            return await db.SaveChangesAsync();
        });
        Assert.Equal(before, await CandidatesOfNewCaseAsync(server, applicant, "缓存 3"));
    }

    private static async Task<List<Guid>> CandidatesOfNewCaseAsync(WorkflowsServer server, HttpClient applicant, string title)
    {
        var created = await (await applicant.PostJsonAsync("/api/v1/instances", new { processId = "test-three-level", title })).ExpectAsync(HttpStatusCode.Created);
        var taskId = created.GetProperty("openTasks")[0].GetProperty("id").GetGuid();
        return await server.WithDbAsync(db => db.TaskCandidates.Where(c => c.TaskId == taskId).Select(c => c.UserId).OrderBy(u => u).ToListAsync());
    }
}
