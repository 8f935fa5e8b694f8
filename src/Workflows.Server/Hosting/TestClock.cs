using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Server.Security;

namespace Workflows.Server.Hosting;

/// <summary>
/// The <c>Workflows:TestClock</c> section. Off unless switched on; refused in the Production
/// environment. With it on, the server's time starts at <see cref="Start"/> and moves only when a
/// system administrator sets it through <c>/api/v1/test-clock</c>: tests that run the real server as
/// a separate process use it to make timers due without waiting for them.
/// </summary>
public sealed class TestClockOptions
{
    public const string Section = "Workflows:TestClock";

    public bool Enabled { get; set; }

    /// <summary>Where the clock starts (UTC); the real time when empty.</summary>
    public DateTimeOffset? Start { get; set; }
}

/// <summary>A clock that stands still until it is set. Only for tests (see <see cref="TestClockOptions"/>).</summary>
public sealed class SettableClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref _ticks, now.UtcTicks);
}

public static class TestClockSetup
{
    /// <summary>The system clock, or the settable test clock when it is switched on outside Production.</summary>
    public static void AddClock(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TestClockOptions.Section).Get<TestClockOptions>() ?? new TestClockOptions();
        if (!options.Enabled)
        {
            builder.Services.AddSingleton(TimeProvider.System);
            return;
        }
        if (builder.Environment.IsProduction())
        {
            throw new InvalidOperationException(
                $"{TestClockOptions.Section}:Enabled is for tests only and is refused in the Production environment (set ASPNETCORE_ENVIRONMENT to Testing).");
        }
        var clock = new SettableClock(options.Start ?? DateTimeOffset.UtcNow);
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton<TimeProvider>(clock);
    }

    public sealed record ClockView(DateTimeOffset Now);

    public sealed record SetClockRequest(DateTimeOffset? Now);

    /// <summary><c>GET/PUT /test-clock</c>, mapped only when the test clock is on; system administrators only.</summary>
    public static void MapTestClock(this IEndpointRouteBuilder api)
    {
        if (api.ServiceProvider.GetService<SettableClock>() is null)
        {
            return;
        }
        var group = api.MapGroup("/test-clock").WithTags("Testing").ExcludeFromDescription();
        group.MapGet("/", async Task<Results<Ok<ClockView>, ProblemHttpResult>> (HttpContext http, CallerAccessor callers, SettableClock clock) =>
            (await callers.RequireAsync()).IsSystemAdministrator
                ? TypedResults.Ok(new ClockView(clock.GetUtcNow()))
                : Problems.Forbidden(http, new("只有系统管理员可以查看测试时钟", "Only system administrators can read the test clock")));
        group.MapPut("/", async Task<Results<Ok<ClockView>, ValidationProblem, ProblemHttpResult>> (SetClockRequest request, HttpContext http, CallerAccessor callers, SettableClock clock) =>
        {
            if (!(await callers.RequireAsync()).IsSystemAdministrator)
            {
                return Problems.Forbidden(http, new("只有系统管理员可以设置测试时钟", "Only system administrators can set the test clock"));
            }
            if (request.Now is not { } now)
            {
                return Problems.Validation(http, "now", Messages.Required);
            }
            clock.Set(now);
            return TypedResults.Ok(new ClockView(clock.GetUtcNow()));
        });
    }
}
