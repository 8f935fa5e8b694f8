using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Server.Hosting;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Hosting;

/// <summary>A server whose test clock is switched on, as the process-level tests run it.</summary>
public sealed class ServerWithTestClock : WorkflowsServer
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Workflows:TestClock:Enabled"] = "true",
        ["Workflows:TestClock:Start"] = "2026-11-23T08:00:00Z",
    };
}

public sealed class TestClockTests
{
    [Fact]
    public async Task Without_the_switch_there_is_no_test_clock_endpoint()
    {
        await using var server = new WorkflowsServer();
        var admin = await server.SignInAsync("admin");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/test-clock")).StatusCode);
        // The browser UI's catch-all page route answers other methods with 405.
        Assert.Contains((await admin.PutAsJsonAsync("/api/v1/test-clock", new { now = DateTimeOffset.UtcNow })).StatusCode,
            new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
    }

    [Fact]
    public void The_switch_is_refused_in_production()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration["Workflows:TestClock:Enabled"] = "true";
        var refused = Assert.Throws<InvalidOperationException>(builder.AddClock);
        Assert.Contains("Production", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Off_by_default_the_system_clock_is_used()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.AddClock();
        var services = builder.Build().Services;
        Assert.Same(TimeProvider.System, services.GetRequiredService<TimeProvider>());
        Assert.Null(services.GetService<SettableClock>());
    }

    [Fact]
    public async Task Only_a_system_administrator_sets_the_test_clock_and_a_missing_time_names_the_field()
    {
        // The test fixture replaces the clock with its own; the switch still maps the endpoint and guards it.
        await using var server = new ServerWithTestClock();
        var approver = await server.SignInAsync("zhaodong.approver");
        await (await approver.PutAsJsonAsync("/api/v1/test-clock", new { now = "2026-11-26T08:00:00Z" })).ExpectAsync(HttpStatusCode.Forbidden);
        var admin = await server.SignInAsync("admin");
        var missing = await (await admin.PutAsJsonAsync("/api/v1/test-clock", new { })).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(missing.ErrorsFor("now"));
        var set = await (await admin.PutAsJsonAsync("/api/v1/test-clock", new { now = "2026-11-26T08:00:00Z" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero), set.GetProperty("now").GetDateTimeOffset());
        var read = await (await admin.GetAsync("/api/v1/test-clock")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero), read.GetProperty("now").GetDateTimeOffset());
    }
}
