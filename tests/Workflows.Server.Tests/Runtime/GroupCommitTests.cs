using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Workflows.Data;
using Workflows.Data.Runtime;
using Workflows.Data.Storage;
using Workflows.Server.Inbox;
using Workflows.Server.Security;
using Workflows.Server.Tests.Infrastructure;
using static Workflows.Server.Tests.Runtime.Cases;

namespace Workflows.Server.Tests.Runtime;

/// <summary>
/// Steps that arrive while another is being written are committed together; a step that loses a
/// race fails alone, and the others of its batch are saved.
/// </summary>
public sealed class GroupCommitTests(WorkflowsServer server) : IClassFixture<WorkflowsServer>
{
    [Fact]
    public async Task Approvals_queued_behind_a_busy_writer_are_committed_together()
    {
        var (cases, tasks) = await CasesAtCountyAsync("合并提交", 5);
        var committer = server.Service<StepCommitter>();
        var transactionsBefore = committer.Transactions;
        var stepsBefore = committer.Steps;

        var outcomes = await BehindABusyWriterAsync(cases[0], tasks);

        Assert.All(outcomes, o => Assert.Null(o.Failure));
        // Five steps, fewer transactions: at least the queued ones shared one.
        Assert.Equal(5, committer.Steps - stepsBefore);
        Assert.True(committer.Transactions - transactionsBefore < 5, $"{committer.Transactions - transactionsBefore} transactions for 5 steps");
        await AssertAtCityAsync(cases);
    }

    [Fact]
    public async Task A_lost_race_in_a_batch_fails_alone_and_says_who_won_while_the_rest_of_the_batch_is_saved()
    {
        var (cases, tasks) = await CasesAtCountyAsync("合并冲突", 4);
        // The same task twice in one batch: both read it open; only the first write may win.
        var outcomes = await BehindABusyWriterAsync(cases[0], [.. tasks, tasks[2]]);

        Assert.Equal(4, outcomes.Count(o => o.Failure is null));
        var refused = Assert.Single(outcomes, o => o.Failure is not null).Failure!;
        Assert.Equal(409, refused.Status);
        Assert.Equal("already-handled", refused.Code);
        Assert.Contains("肇东市民政局", refused.Message.Zh);
        await AssertAtCityAsync(cases);
    }

    [Fact]
    public async Task On_SQLite_the_log_is_copied_back_into_the_file_beside_the_committer()
    {
        var committer = server.Service<StepCommitter>();
        var applicant = await server.SignInAsync("dongsheng");
        var before = committer.Checkpoints;
        // One case after another: each start is a commit of its own.
        for (var i = 0; i < 70; i++)
        {
            await StartAsync(applicant, $"检查点 {i}");
        }
        if (server.Provider == DatabaseProvider.PostgreSql)
        {
            // PostgreSQL manages its own log: there is no checkpointer.
            Assert.Equal(0, committer.Checkpoints);
            return;
        }
        // Every 64 commits the checkpointer copies the log back, on its own connection.
        await UntilAsync(() => committer.Checkpoints > before);
    }

    private async Task<(List<Guid> Cases, List<Guid> Tasks)> CasesAtCountyAsync(string title, int count)
    {
        var applicant = await server.SignInAsync("dongsheng");
        var county = await server.SignInAsync("zhaodong.approver");
        var cases = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            cases.Add(await StartAsync(applicant, $"{title} {i}"));
        }
        var tasks = new List<Guid>();
        foreach (var id in cases)
        {
            tasks.Add(await TaskOfAsync(county, id));
        }
        return (cases, tasks);
    }

    /// <summary>
    /// Another writer holds the database (SQLite: the file's write lock; PostgreSQL: the first
    /// case's row), so the first approval waits inside its transaction and the rest queue up behind
    /// it; then the writer lets go.
    /// </summary>
    private async Task<(CompleteTaskResult? Result, ActionFailure? Failure)[]> BehindABusyWriterAsync(Guid firstCase, List<Guid> tasks)
    {
        var approver = await server.WithDbAsync(async db =>
            (await CallerAccessor.LoadAsync(db, await db.Users.Where(u => u.UserName == "zhaodong.approver").Select(u => u.Id).SingleAsync(), server.Clock))!);
        var committer = server.Service<StepCommitter>();
        await using var blocker = await BlockAsync(firstCase);
        var first = CompleteAsync(approver, tasks[0]);
        await UntilAsync(() => committer.Pending >= 1);
        var rest = tasks.Skip(1).Select(task => CompleteAsync(approver, task)).ToList();
        await UntilAsync(() => committer.Pending == tasks.Count);
        Assert.False(first.IsCompleted);
        await blocker.DisposeAsync();
        return await Task.WhenAll(rest.Prepend(first));
    }

    private async Task AssertAtCityAsync(List<Guid> cases)
    {
        foreach (var id in cases)
        {
            Assert.Equal(1, await server.WithDbAsync(db => db.InstanceEvents.CountAsync(e => e.InstanceId == id && e.Kind == InstanceEventKind.TaskCompleted)));
            Assert.Equal(1, await server.WithDbAsync(db => db.WorkTasks.CountAsync(t => t.InstanceId == id && t.ElementId == "city" && t.Status == WorkTaskStatus.Open)));
            var countyTask = await server.WithDbAsync(db => db.WorkTasks.AsNoTracking().SingleAsync(t => t.InstanceId == id && t.ElementId == "county"));
            Assert.Equal(WorkTaskStatus.Completed, countyTask.Status);
            Assert.Equal(1, countyTask.Revision);
            // The finished task left the approver's inbox.
            Assert.False(await server.WithDbAsync(db => db.TaskCandidates.AnyAsync(c => c.TaskId == countyTask.Id && c.Open)));
        }
        var instances = await server.WithDbAsync(db => db.WorkflowInstances.AsNoTracking().Where(i => cases.Contains(i.Id)).ToListAsync());
        Assert.All(instances, i => Assert.Equal(2, i.Revision));
    }

    [Fact]
    public async Task A_step_that_breaks_a_constraint_is_refused_and_the_steps_committed_with_it_are_kept()
    {
        var applicant = await server.SignInAsync("dongsheng");
        var committer = server.Service<StepCommitter>();
        var key = "GC-" + Guid.NewGuid().ToString("N")[..8];
        // Two starts with the same business key at once: the unique index lets one through.
        var starts = await Task.WhenAll(
            applicant.PostJsonAsync("/api/v1/instances", new { processId = Process, title = "重复编号 一", businessKey = key }),
            applicant.PostJsonAsync("/api/v1/instances", new { processId = Process, title = "重复编号 二", businessKey = key }),
            applicant.PostJsonAsync("/api/v1/instances", new { processId = Process, title = "另一个编号", businessKey = key + "-B" }));
        Assert.Equal(System.Net.HttpStatusCode.Created, starts[2].StatusCode);
        Assert.Equal(1, starts.Take(2).Count(r => r.StatusCode == System.Net.HttpStatusCode.Created));
        var other = starts.Take(2).Single(r => r.StatusCode != System.Net.HttpStatusCode.Created);
        Assert.True((int)other.StatusCode is 400 or 409, $"{other.StatusCode}: {await other.Content.ReadAsStringAsync()}");
        Assert.Equal(1, await server.WithDbAsync(db => db.WorkflowInstances.CountAsync(i => i.BusinessKey == key)));
        Assert.Equal(1, await server.WithDbAsync(db => db.WorkflowInstances.CountAsync(i => i.BusinessKey == key + "-B")));
        // The refused start left no task, candidate or history row behind.
        var titles = await server.WithDbAsync(db => db.WorkTasks.Where(t => t.BusinessKey == key).Select(t => t.Title).ToListAsync());
        Assert.Single(titles);
        Assert.Equal(0, committer.Pending);
    }

    private async Task<(CompleteTaskResult? Result, ActionFailure? Failure)> CompleteAsync(Caller caller, Guid task)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TaskActions>()
            .CompleteAsync(task, new CompleteTaskRequest("approve", "同意", null, null), caller, null);
    }

    /// <summary>Waits for a condition the committer reaches on its own; fails after 30 s.</summary>
    private static async Task UntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the committer did not reach the expected state");
            await Task.Delay(2);
        }
    }

    private async Task<DbTransaction> BlockAsync(Guid instance)
    {
        var connectionString = await server.WithDbAsync(db => Task.FromResult(db.Database.GetConnectionString()!));
        DbConnection connection = server.Provider == DatabaseProvider.PostgreSql ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        if (server.Provider == DatabaseProvider.PostgreSql)
        {
            command.CommandText = """SELECT 1 FROM "WorkflowInstances" WHERE "Id" = @id FOR UPDATE""";
            command.Parameters.Add(new NpgsqlParameter("id", instance));
        }
        else
        {
            // BEGIN IMMEDIATE took the write lock; a write makes it plain.
            command.CommandText = """UPDATE "Units" SET "Name" = "Name" WHERE 0""";
        }
        await command.ExecuteNonQueryAsync();
        return new Blocker(connection, transaction);
    }

    /// <summary>The other writer: disposing it rolls back and lets the committer in.</summary>
    private sealed class Blocker(DbConnection connection, DbTransaction inner) : DbTransaction
    {
        public override System.Data.IsolationLevel IsolationLevel => inner.IsolationLevel;

        protected override DbConnection DbConnection => connection;

        public override void Commit() => inner.Commit();

        public override void Rollback() => inner.Rollback();

        public override async ValueTask DisposeAsync()
        {
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await inner.RollbackAsync();
                await inner.DisposeAsync();
                await connection.DisposeAsync();
            }
        }
    }
}
