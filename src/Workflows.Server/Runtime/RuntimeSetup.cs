using Workflows.Server.Inbox;

namespace Workflows.Server.Runtime;

public static class RuntimeSetup
{
    public static WebApplicationBuilder AddRuntime(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DefinitionCache>();
        builder.Services.AddSingleton<WorkingCalendars>();
        builder.Services.AddSingleton<ReferenceCache>();
        builder.Services.AddScoped<DefinitionStore>();
        builder.Services.AddScoped<Assignment>();
        builder.Services.AddScoped<WorkflowRuntime>();
        builder.Services.AddScoped<TaskActions>();
        builder.Services.AddScoped<TaskOperations>();
        builder.Services.AddScoped<StartTimerScheduler>();
        builder.Services.AddScoped<Notifications.Notifier>();
        builder.Services.AddScoped<Notifications.Recipients>();
        builder.Services.AddScoped<IServiceTaskHandler, NotifyHandler>();
        builder.Services.AddSingleton<TimerDispatcher>();
        builder.Services.AddSingleton<OutboxDispatcher>();
        builder.Services.AddSingleton<Notifications.EmailDispatcher>();
        builder.Services.AddSingleton<Notifications.DailyDigest>();
        builder.Services.AddTransient<JobRunner>();
        builder.Services.Configure<Notifications.SmtpOptions>(builder.Configuration.GetSection(Notifications.SmtpOptions.Section));
        var database = builder.Configuration.GetSection(Data.DatabaseOptions.Section).Get<Data.DatabaseOptions>() ?? new Data.DatabaseOptions();
        builder.AddBackgroundJobs(database);
        return builder;
    }

    public static void MapRuntime(this IEndpointRouteBuilder api)
    {
        api.MapWorkflows();
        api.MapInstances();
        api.MapTasks();
        api.MapDelegations();
        api.MapCaseAdministration();
        api.MapDryRun();
        api.MapMigration();
        api.MapCalendar();
        Notifications.NotificationsApi.MapNotifications(api);
        Expressions.ExpressionsApi.MapExpressions(api);
    }

    /// <summary>Where the shipped <c>*.bpmn</c> files are: next to the program, or the repository's <c>workflows/</c> when run from source.</summary>
    public static string WorkflowsFolder(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["Workflows:WorkflowsDirectory"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(Path.Combine(environment.ContentRootPath, configured));
        }
        var beside = Path.Combine(AppContext.BaseDirectory, "workflows");
        return Directory.Exists(beside) ? beside : Path.GetFullPath(Path.Combine(environment.ContentRootPath, "..", "..", "workflows"));
    }
}
