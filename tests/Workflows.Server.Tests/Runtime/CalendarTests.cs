using System.Net;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Runtime;

public sealed class CalendarTests(WorkflowsServer server) : IClassFixture<WorkflowsServer>
{
    [Fact]
    public async Task The_official_2026_schedule_is_seeded_and_an_administrator_publishes_another_year()
    {
        var admin = await server.SignInAsync("admin");
        var year2026 = await (await admin.GetAsync("/api/v1/calendar/2026")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(year2026.EnumerateArray(), d => d.GetProperty("date").GetString() == "2026-10-01" && d.GetProperty("kind").GetString() == "Holiday");
        Assert.Contains(year2026.EnumerateArray(), d => d.GetProperty("date").GetString() == "2026-02-14" && d.GetProperty("kind").GetString() == "WorkingDay");

        var days = new[] { new { date = "2027-01-01", kind = "Holiday", name = "元旦" }, new { date = "2027-01-04", kind = "Holiday", name = "测试" } };
        await (await admin.PutAsJsonAsync("/api/v1/calendar/2027", new { days })).ExpectAsync(HttpStatusCode.OK);
        var year2027 = await (await admin.GetAsync("/api/v1/calendar/2027")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, year2027.GetArrayLength());

        // Monday 2027-01-04 is now a holiday: two working days from Thursday 2026-12-31 end on Wednesday 2027-01-06 (Tuesday without it).
        var run = await (await admin.PostJsonAsync("/api/v1/workflows/dry-run", new { processId = "test-timers", now = "2026-12-31T09:00:00+08:00" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("2027-01-06", run.GetProperty("openTasks")[0].GetProperty("dueAt").GetDateTimeOffset().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd"));
    }

    [Fact]
    public async Task Bad_calendar_entries_are_named_and_only_administrators_change_it()
    {
        var admin = await server.SignInAsync("admin");
        var problem = await (await admin.PutAsJsonAsync("/api/v1/calendar/2028", new { days = new[] { new { date = "2029-01-01", kind = "Party", name = "x" } } })).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.ErrorsFor("days[0].date"));
        Assert.NotEmpty(problem.ErrorsFor("days[0].kind"));
        var approver = await server.SignInAsync("hlj.approver");
        await (await approver.PutAsJsonAsync("/api/v1/calendar/2028", new { days = Array.Empty<object>() })).ExpectAsync(HttpStatusCode.Forbidden);
    }
}
