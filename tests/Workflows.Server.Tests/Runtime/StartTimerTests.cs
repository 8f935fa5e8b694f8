using Microsoft.EntityFrameworkCore;
using Workflows.Data.Organisation;
using Workflows.Data.Runtime;
using Workflows.Server.Runtime;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Runtime;

/// <summary>A yearly report window opens on 1 March: one case per county, once, and the next year is scheduled.</summary>
public sealed class StartTimerTests : IAsyncLifetime
{
    private readonly WorkflowsServer _server = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_timer_start_event_starts_one_case_per_county_once_and_schedules_the_next_year()
    {
        _server.CreateClient();
        var pending = await _server.WithDbAsync(db => db.ScheduledTimers.Where(t => t.Kind == TimerKind.Start && t.Status == TimerStatus.Pending && t.ElementId == "yearly").ToListAsync());
        Assert.Equal(new DateTime(2027, 3, 1, 1, 0, 0, DateTimeKind.Utc), Assert.Single(pending).DueAt);

        _server.Clock.Now = new DateTimeOffset(2027, 3, 1, 1, 1, 0, TimeSpan.Zero);
        var dispatcher = _server.Service<TimerDispatcher>();
        Assert.True(await dispatcher.FireDueAsync() >= 1);
        Assert.Equal(0, await dispatcher.FireDueAsync());

        var counties = await _server.WithDbAsync(db => db.Units.CountAsync(u => u.Level == UnitLevel.County));
        var cases = await _server.WithDbAsync(db => db.WorkflowInstances.Where(i => i.ProcessId == "test-periodic").ToListAsync());
        Assert.Equal(counties, cases.Count);
        Assert.Contains(cases, c => c.BusinessKey == "20270301-231282" && c.Title.StartsWith("肇东市"));
        var zhaodongTask = await _server.WithDbAsync(db => db.WorkTasks.Include(t => t.Candidates).SingleAsync(t => t.BusinessKey == "20270301-231282"));
        Assert.NotEmpty(zhaodongTask.Candidates);

        var next = await _server.WithDbAsync(db => db.ScheduledTimers.Where(t => t.Kind == TimerKind.Start && t.Status == TimerStatus.Pending && t.ElementId == "yearly").Select(t => t.DueAt).ToListAsync());
        Assert.Equal(new DateTime(2028, 3, 1, 1, 0, 0, DateTimeKind.Utc), Assert.Single(next));
    }
}
