using Microsoft.Extensions.Options;
using Workflows.Server.Applications;
using Workflows.Server.Hosting;

namespace Workflows.Server.Forms;

/// <summary>Form definitions, submissions and drafts, attachments, rule sets and option lists.</summary>
public static class FormsSetup
{
    public static WebApplicationBuilder AddForms(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<FormsOptions>(builder.Configuration.GetSection(FormsOptions.Section));
        builder.Services.AddSingleton<FormCache>();
        builder.Services.AddSingleton<StartForms>();
        builder.Services.AddSingleton<RuleSetCache>();
        builder.Services.AddScoped<FormStore>();
        builder.Services.AddScoped<RuleSetStore>();
        builder.Services.AddScoped<ApplicationForms>();
        builder.Services.AddScoped<FormDesigner.FormDrafts>();
        builder.Services.AddScoped<ApplicationSubmission>();
        builder.Services.AddSingleton<IAttachmentStore>(services =>
        {
            var server = services.GetRequiredService<IOptions<ServerOptions>>().Value;
            var forms = services.GetRequiredService<IOptions<FormsOptions>>().Value;
            var environment = services.GetRequiredService<IHostEnvironment>();
            var dataDirectory = Path.GetFullPath(Path.Combine(environment.ContentRootPath, server.DataDirectory));
            return new FolderAttachmentStore(Path.Combine(dataDirectory, forms.AttachmentsDirectory), services.GetRequiredService<TimeProvider>());
        });
        builder.Services.AddHostedService<FormsDeployment>();
        return builder;
    }

    public static void MapForms(this WebApplication app, IEndpointRouteBuilder api)
    {
        api.MapFormDefinitions();
        api.MapRuleSets();
        api.MapAttachments();
        FormDesigner.FormDesignerApi.MapFormDesigner(api);
    }

    /// <summary>Where the shipped <c>*.form.json</c> files are: configured, next to the program, or the repository's <c>forms/</c> when run from source.</summary>
    public static string FormsFolder(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration[$"{FormsOptions.Section}:Directory"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(Path.Combine(environment.ContentRootPath, configured));
        }
        var beside = Path.Combine(AppContext.BaseDirectory, "forms");
        return Directory.Exists(beside) ? beside : Path.GetFullPath(Path.Combine(environment.ContentRootPath, "..", "..", "forms"));
    }
}

/// <summary>
/// At start-up, after the database is migrated: deploys the shipped forms (a file already deployed
/// makes no new version) and seeds the shipped rule sets (a version already stored is left alone).
/// </summary>
public sealed class FormsDeployment(IServiceProvider services, IConfiguration configuration, IHostEnvironment environment, ILogger<FormsDeployment> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var folder = FormsSetup.FormsFolder(configuration, environment);
        await using var scope = services.CreateAsyncScope();
        foreach (var (file, outcome) in await scope.ServiceProvider.GetRequiredService<FormStore>().DeployFolderAsync(folder, cancellationToken))
        {
            if (outcome.Record is null)
            {
                logger.LogError("Form {File} was not deployed: {Problems}", file, string.Join("; ", outcome.Problems.Select(p => p.ToString())));
            }
            else if (outcome.Created)
            {
                logger.LogInformation("Deployed form {File} as {FormId} v{Version}", file, outcome.Record.FormId, outcome.Record.Version);
            }
        }
        foreach (var (file, outcome) in await scope.ServiceProvider.GetRequiredService<RuleSetStore>().SeedFolderAsync(Path.Combine(folder, "rulesets"), cancellationToken))
        {
            if (outcome.Record is null)
            {
                logger.LogError("Rule set {File} was not stored: {Problems}", file,
                    outcome.Conflict?.ToString() ?? string.Join("; ", outcome.Problems.Select(p => p.ToString())));
            }
            else if (outcome.Created)
            {
                logger.LogInformation("Stored rule set {File} as {SetId} v{Version}", file, outcome.Record.SetId, outcome.Record.Version);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
