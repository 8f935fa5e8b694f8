using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Workflows.Data;
using Workflows.Server.Notifications;
using Workflows.Server.Security;

namespace Workflows.Server.Runtime;

/// <summary>The <c>Workflows:BackgroundJobs</c> section.</summary>
public sealed class BackgroundJobOptions
{
    public const string Section = "Workflows:BackgroundJobs";

    /// <summary>Run timers, the outbox and e-mail in this process. Tests switch it off and drive the dispatchers themselves.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often due timers, the outbox and e-mail are looked at (6-field cron, seconds).</summary>
    public int PollSeconds { get; set; } = 15;

    /// <summary>When the daily digest goes out, China time.</summary>
    public string DigestCron { get; set; } = "0 0 8 * * *";
}

/// <summary>
/// Hangfire runs the recurring jobs that fire timers, drain the outbox and send e-mail: in memory
/// on one machine, in PostgreSQL when the database is PostgreSQL, so several nodes share one schedule.
/// The timers and messages themselves live in the application database, so nothing is lost with Hangfire's storage.
/// </summary>
public static class BackgroundJobs
{
    public static WebApplicationBuilder AddBackgroundJobs(this WebApplicationBuilder builder, DatabaseOptions database)
    {
        var options = builder.Configuration.GetSection(BackgroundJobOptions.Section).Get<BackgroundJobOptions>() ?? new BackgroundJobOptions();
        builder.Services.Configure<BackgroundJobOptions>(builder.Configuration.GetSection(BackgroundJobOptions.Section));
        builder.Services.AddHangfire(hangfire =>
        {
            hangfire.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
            if (database.Provider == DatabaseProvider.PostgreSql)
            {
                // A lock row left by a killed process blocks its job until it is this old (default 10 min).
                hangfire.UsePostgreSqlStorage(pg => pg.UseNpgsqlConnection(database.ConnectionString),
                    new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true, DistributedLockTimeout = TimeSpan.FromMinutes(1) });
            }
            else
            {
                hangfire.UseInMemoryStorage();
            }
        });
        if (options.Enabled)
        {
            builder.Services.AddHangfireServer(server =>
            {
                server.WorkerCount = Math.Max(2, Environment.ProcessorCount);
                server.SchedulePollingInterval = TimeSpan.FromSeconds(Math.Max(1, options.PollSeconds));
            });
        }
        return builder;
    }

    public static void UseBackgroundJobs(this WebApplication app)
    {
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [],
            AsyncAuthorization = [new SystemAdministratorsOnly()],
            DisplayStorageConnectionString = false,
        });
        var options = app.Configuration.GetSection(BackgroundJobOptions.Section).Get<BackgroundJobOptions>() ?? new BackgroundJobOptions();
        if (!options.Enabled)
        {
            return;
        }
        var every = $"*/{Math.Clamp(options.PollSeconds, 1, 59)} * * * * *";
        var jobs = app.Services.GetRequiredService<IRecurringJobManager>();
        var china = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        jobs.AddOrUpdate<JobRunner>("fire-timers", r => r.FireTimersAsync(), every);
        jobs.AddOrUpdate<JobRunner>("drain-outbox", r => r.DrainOutboxAsync(), every);
        jobs.AddOrUpdate<JobRunner>("send-email", r => r.SendEmailAsync(), every);
        jobs.AddOrUpdate<JobRunner>("daily-digest", r => r.DailyDigestAsync(), options.DigestCron, new RecurringJobOptions { TimeZone = china });
    }

    private sealed class SystemAdministratorsOnly : IDashboardAsyncAuthorizationFilter
    {
        public async Task<bool> AuthorizeAsync(DashboardContext context)
        {
            var http = context.GetHttpContext();
            var caller = await http.RequestServices.GetRequiredService<CallerAccessor>().GetAsync();
            return caller?.IsSystemAdministrator == true;
        }
    }
}

/// <summary>
/// What the recurring jobs call. The frequent ones are skipped in a process while their previous
/// run there is still going. Across nodes they need no lock: a timer, an outbox row and a batch of
/// mails are each taken by one run only, guarded by their revision in the database. (A Hangfire lock
/// would outlive a killed process and hold the job back until it expires.)
/// </summary>
public sealed class JobRunner(TimerDispatcher timers, OutboxDispatcher outbox, EmailDispatcher email, DailyDigest digest)
{
    private static readonly SemaphoreSlim Timers = new(1, 1);
    private static readonly SemaphoreSlim Outbox = new(1, 1);
    private static readonly SemaphoreSlim Email = new(1, 1);

    [AutomaticRetry(Attempts = 0)]
    public Task FireTimersAsync() => OneAtATimeAsync(Timers, () => timers.FireDueAsync());

    [AutomaticRetry(Attempts = 0)]
    public Task DrainOutboxAsync() => OneAtATimeAsync(Outbox, () => outbox.DrainAsync());

    [AutomaticRetry(Attempts = 0)]
    public Task SendEmailAsync() => OneAtATimeAsync(Email, () => email.SendPendingAsync());

    private static async Task OneAtATimeAsync(SemaphoreSlim gate, Func<Task<int>> run)
    {
        if (!await gate.WaitAsync(0))
        {
            return;
        }
        try
        {
            await run();
        }
        finally
        {
            gate.Release();
        }
    }

    [DisableConcurrentExecution(300)]
    public Task DailyDigestAsync() => digest.SendAsync();
}
