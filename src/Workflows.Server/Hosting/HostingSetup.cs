using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Identity;
using Workflows.Data;
using Workflows.Server.Seeding;

namespace Workflows.Server.Hosting;

public static class HostingSetup
{
    /// <summary>Configuration, database, JSON conventions, problem details, OpenAPI, health.</summary>
    public static WebApplicationBuilder AddHosting(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ServerOptions.Section).Get<ServerOptions>() ?? new ServerOptions();
        builder.Services.Configure<ServerOptions>(builder.Configuration.GetSection(ServerOptions.Section));
        var dataDirectory = Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, options.DataDirectory));
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        builder.Services.AddWorkflowsDatabase(database, dataDirectory);

        // Keys in the database: every node of a cluster reads the same cookies and tokens.
        builder.Services.AddDataProtection().SetApplicationName("Workflows").PersistKeysToDbContext<WorkflowsDbContext>();
        builder.AddClock();
        builder.Services.AddHttpContextAccessor();
        builder.Services.Configure<JsonOptions>(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            // An unknown field is an error, not something silently dropped.
            json.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails(problem => problem.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions.TryAdd("requestId", context.HttpContext.TraceIdentifier));
        builder.Services.AddExceptionHandler<ErrorHandling>();
        builder.Services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Workflows API";
            document.Info.Description = "民政社区建设 工作流与表单服务 / Workflow and forms server for community-building administration. " +
                "Errors are RFC 9457 problem details in zh-CN, or in English with Accept-Language: en.";
            return Task.CompletedTask;
        }));
        // Behind a reverse proxy, the client address (rate limits, audit) comes from X-Forwarded-For.
        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in builder.Configuration.GetSection("Workflows:TrustedProxies").Get<string[]>() ?? [])
            {
                if (System.Net.IPAddress.TryParse(proxy, out var address))
                {
                    forwarded.KnownProxies.Add(address);
                }
            }
        });
        builder.AddHealth();
        return builder;
    }

    /// <summary>Migrates the database and, on an empty one, seeds the demo data; then says where to go.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var options = app.Configuration.GetSection(ServerOptions.Section).Get<ServerOptions>() ?? new ServerOptions();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
            await db.MigrateWorkflowsDatabaseAsync();
            if (options.SeedDemoData)
            {
                await scope.ServiceProvider.GetRequiredService<DemoData>().SeedIfEmptyAsync();
            }
            if (!await db.CalendarDays.AnyAsync())
            {
                db.CalendarDays.AddRange(Runtime.WorkingCalendars.Official2026());
                await db.SaveChangesAsync();
            }
            var folder = Runtime.RuntimeSetup.WorkflowsFolder(app.Configuration, app.Environment);
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Workflows.Deployment");
            foreach (var (file, outcome) in await scope.ServiceProvider.GetRequiredService<Runtime.DefinitionStore>().DeployFolderAsync(folder))
            {
                if (outcome.Record is null)
                {
                    logger.LogError("Workflow {File} was not deployed: {Problems}", file, string.Join("; ", outcome.Problems.Select(p => p.ToString())));
                }
                else
                {
                    if (outcome.Created)
                    {
                        logger.LogInformation("Deployed workflow {File} as {ProcessId} v{Version}", file, outcome.Record.ProcessId, outcome.Record.Version);
                    }
                    await scope.ServiceProvider.GetRequiredService<Runtime.StartTimerScheduler>().ScheduleAsync(outcome.Record.ProcessId);
                }
            }
        }
        app.Lifetime.ApplicationStarted.Register(() => PrintWelcome(app, options));
    }

    private static void PrintWelcome(WebApplication app, ServerOptions options)
    {
        var urls = app.Urls.Count > 0 ? string.Join(", ", app.Urls) : "(test host)";
        Console.WriteLine();
        Console.WriteLine($"Workflows 已启动 / is running: {urls}");
        Console.WriteLine($"  API 文档 / API reference: {app.Urls.FirstOrDefault()}/scalar");
        if (options.SeedDemoData)
        {
            Console.WriteLine($"  演示账号 / demo logins (password 密码: {DemoData.Password}):");
            foreach (var person in DemoData.Users.GroupBy(u => u.UserName))
            {
                Console.WriteLine($"    {person.Key,-20} {person.First().DisplayName}");
            }
        }
        Console.WriteLine();
    }
}
