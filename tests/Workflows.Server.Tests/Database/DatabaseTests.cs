using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Database;

/// <summary>Runs on whichever provider the test command selects (SQLite, then PostgreSQL).</summary>
public sealed class DatabaseTests(WorkflowsServer server) : IClassFixture<WorkflowsServer>
{
    [Fact]
    public async Task Every_migration_is_applied_at_start_up()
    {
        server.CreateClient();
        var pending = await server.WithDbAsync(async db => (await db.Database.GetPendingMigrationsAsync()).ToList());
        Assert.Empty(pending);
        var applied = await server.WithDbAsync(async db => (await db.Database.GetAppliedMigrationsAsync()).ToList());
        Assert.NotEmpty(applied);
    }

    [Fact]
    public async Task Utc_timestamps_survive_a_round_trip_with_their_kind_and_ticks()
    {
        server.CreateClient();
        var at = new DateTime(2026, 11, 23, 15, 4, 5, DateTimeKind.Utc).AddTicks(1230); // microsecond precision on PostgreSQL
        var id = await server.WithDbAsync(async db =>
        {
            var application = await db.Applications.FirstAsync();
            application.UpdatedAt = at;
            await db.SaveChangesAsync();
            return application.Id;
        });
        var read = await server.WithDbAsync(db => db.Applications.AsNoTracking().Where(a => a.Id == id).Select(a => a.UpdatedAt).SingleAsync());
        Assert.Equal(DateTimeKind.Utc, read.Kind);
        Assert.Equal(at, read);

        var ordered = await server.WithDbAsync(db => db.Applications.AsNoTracking().Where(a => a.UpdatedAt >= at).Select(a => a.Id).ToListAsync());
        Assert.Contains(id, ordered);
    }

    [Fact]
    public async Task A_local_time_is_stored_as_utc()
    {
        server.CreateClient();
        var local = new DateTime(2026, 1, 1, 8, 0, 0, DateTimeKind.Local);
        var id = await server.WithDbAsync(async db =>
        {
            var application = await db.Applications.FirstAsync();
            application.CreatedAt = local;
            await db.SaveChangesAsync();
            return application.Id;
        });
        var read = await server.WithDbAsync(db => db.Applications.AsNoTracking().Where(a => a.Id == id).Select(a => a.CreatedAt).SingleAsync());
        Assert.Equal(local.ToUniversalTime(), read);
    }

    [Fact]
    public async Task Two_writers_of_the_same_row_cannot_both_win()
    {
        server.CreateClient();
        var id = await server.WithDbAsync(db => db.Applications.Select(a => a.Id).FirstAsync());
        await using var scope1 = server.Services.CreateAsyncScope();
        await using var scope2 = server.Services.CreateAsyncScope();
        var db1 = scope1.ServiceProvider.GetRequiredService<Workflows.Data.WorkflowsDbContext>();
        var db2 = scope2.ServiceProvider.GetRequiredService<Workflows.Data.WorkflowsDbContext>();
        var first = await db1.Applications.SingleAsync(a => a.Id == id);
        var second = await db2.Applications.SingleAsync(a => a.Id == id);
        first.Title = "第一个"; first.Version++;
        second.Title = "第二个"; second.Version++;
        await db1.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db2.SaveChangesAsync());
        Assert.Equal("第一个", await server.WithDbAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.Title).SingleAsync()));
    }

    [Fact]
    public async Task The_demo_seed_runs_once_and_not_again_on_a_restart()
    {
        server.CreateClient();
        var units = await server.WithDbAsync(db => db.Units.CountAsync());
        var seeded = await server.WithDbAsync(async db =>
        {
            await using var scope = server.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<Workflows.Server.Seeding.DemoData>().SeedIfEmptyAsync();
        });
        Assert.False(seeded);
        Assert.Equal(units, await server.WithDbAsync(db => db.Units.CountAsync()));
        Assert.True(units >= 100);
    }
}
