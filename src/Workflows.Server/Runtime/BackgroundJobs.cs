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
                hangfire.UsePostgreSqlStorage(pg => pg.UseNpgsqlConnection(database.ConnectionString), new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true });
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

/// <summary>What the recurring jobs call. Each job is skipped while its previous run is still going.</summary>
public sealed class JobRunner(TimerDispatcher timers, OutboxDispatcher outbox, EmailDispatcher email, DailyDigest digest)
{
    [DisableConcurrentExecution(60)]
    [AutomaticRetry(Attempts = 0)]
    public Task FireTimersAsync() => timers.FireDueAsync();

    [DisableConcurrentExecution(60)]
    [AutomaticRetry(Attempts = 0)]
    public Task DrainOutboxAsync() => outbox.DrainAsync();

    [DisableConcurrentExecution(60)]
    [AutomaticRetry(Attempts = 0)]
    public Task SendEmailAsync() => email.SendPendingAsync();

    [DisableConcurrentExecution(300)]
    public Task DailyDigestAsync() => digest.SendAsync();
}
