using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Runtime;
using Workflows.Engine.Validation;
using ValidationProblem = Microsoft.AspNetCore.Http.HttpResults.ValidationProblem;
using DefinitionProblem = Workflows.Engine.Validation.ValidationProblem;
using Workflows.Server.Hosting;
using Workflows.Server.Security;

namespace Workflows.Server.Runtime;

/// <summary>Deployed workflow definitions and their versions.</summary>
public static class WorkflowsApi
{
    public static void MapWorkflows(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/workflows").WithTags("Workflows");
        group.MapGet("/", List).WithSummary("Every workflow with its latest version and how many instances run on each version.");
        group.MapGet("/{processId}/versions", Versions).WithSummary("The versions of one workflow, newest first.");
        group.MapGet("/{processId}/versions/{version:int}/xml", Xml).WithSummary("The BPMN XML of one version.");
        group.MapPost("/", Deploy).DisableAntiforgery()
            .WithSummary("Deploy a BPMN file (body application/xml, or multipart field 'file'). Checked first; nothing is stored when there is an error. The same file again makes no new version.");
    }

    public sealed record ProblemView(string Severity, string Code, string? ElementId, string? ElementName, string Message);

    public sealed record VersionView(Guid Id, string ProcessId, int Version, string Name, string Sha256, string Source, DateTime DeployedAt, int RunningInstances, string? PublishedBy = null);

    public sealed record WorkflowView(string ProcessId, string Name, int LatestVersion, int Versions, int RunningInstances);

    public sealed record DeployView(VersionView Version, bool Created, IReadOnlyList<ProblemView> Warnings);

    private static async Task<Ok<List<WorkflowView>>> List(WorkflowsDbContext db, CallerAccessor callers)
    {
        await callers.RequireAsync();
        var versions = await db.WorkflowDefinitions.AsNoTracking()
            .Select(d => new { d.ProcessId, d.Version, d.Name }).ToListAsync();
        var running = await db.WorkflowInstances.AsNoTracking().Where(i => i.Status == InstanceStatus.Active)
            .GroupBy(i => i.ProcessId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        return TypedResults.Ok(versions.GroupBy(v => v.ProcessId).OrderBy(g => g.Key)
            .Select(g =>
            {
                var latest = g.MaxBy(v => v.Version)!;
                return new WorkflowView(g.Key, latest.Name, latest.Version, g.Count(), running.GetValueOrDefault(g.Key));
            }).ToList());
    }

    private static async Task<Results<Ok<List<VersionView>>, ProblemHttpResult>> Versions(string processId, HttpContext http, WorkflowsDbContext db, CallerAccessor callers)
    {
        await callers.RequireAsync();
        var versions = await db.WorkflowDefinitions.AsNoTracking().Where(d => d.ProcessId == processId).OrderByDescending(d => d.Version).ToListAsync();
        if (versions.Count == 0)
        {
            return Problems.NotFound(http, new("没有这个流程", "No such workflow"));
        }
        var running = await db.WorkflowInstances.AsNoTracking().Where(i => i.ProcessId == processId && i.Status == InstanceStatus.Active)
            .GroupBy(i => i.DefinitionVersion).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var publisherIds = versions.Select(v => v.DeployedById).OfType<Guid>().Distinct().ToList();
        var publishers = await db.Users.AsNoTracking().Where(u => publisherIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        return TypedResults.Ok(versions.Select(v => View(v, running.GetValueOrDefault(v.Version))
            with { PublishedBy = v.DeployedById is { } by ? publishers.GetValueOrDefault(by) : null }).ToList());
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Xml(string processId, int version, HttpContext http, WorkflowsDbContext db, CallerAccessor callers)
    {
        await callers.RequireAsync();
        var xml = await db.WorkflowDefinitions.AsNoTracking().Where(d => d.ProcessId == processId && d.Version == version).Select(d => d.Xml).SingleOrDefaultAsync();
        return xml is null
            ? Problems.NotFound(http, new("没有这个流程版本", "No such workflow version"))
            : TypedResults.Content(xml, "application/xml; charset=utf-8");
    }

    private static async Task<Results<Created<DeployView>, Ok<DeployView>, ValidationProblem, ProblemHttpResult>> Deploy(
        HttpContext http, CallerAccessor callers, DefinitionStore store, StartTimerScheduler startTimers, SecurityAudit audit)
    {
        var caller = await callers.RequireAsync();
        if (!caller.IsSystemAdministrator)
        {
            await audit.DeniedAsync(caller, "deploy workflow", "/workflows");
            return Problems.Forbidden(http, new("只有系统管理员可以发布流程", "Only system administrators can deploy workflows"));
        }
        var xml = await ReadXmlAsync(http);
        if (xml is null)
        {
            return Problems.Validation(http, "file", new($"请上传 BPMN 文件（不超过 {DefinitionStore.MaxXmlLength / 1024 / 1024} MB）",
                $"upload a BPMN file (at most {DefinitionStore.MaxXmlLength / 1024 / 1024} MB)"));
        }
        var outcome = await store.DeployAsync(xml, "upload", caller.UserId, http.RequestAborted);
        var language = Languages.Of(http);
        if (outcome.Record is null)
        {
            var errors = new FieldErrors();
            foreach (var problem in outcome.Problems.Where(p => p.Severity == ProblemSeverity.Error))
            {
                errors.Add(problem.ElementId is null ? "definition" : $"elements[{problem.ElementId}]", new(problem.MessageZh, problem.MessageEn));
            }
            return Problems.Validation(http, errors);
        }
        await startTimers.ScheduleAsync(outcome.Record.ProcessId, http.RequestAborted);
        var view = new DeployView(View(outcome.Record, 0), outcome.Created,
            outcome.Problems.Where(p => p.Severity == ProblemSeverity.Warning).Select(p => ProblemOf(p, language)).ToList());
        return outcome.Created
            ? TypedResults.Created($"/api/v1/workflows/{outcome.Record.ProcessId}/versions", view)
            : TypedResults.Ok(view);
    }

    private static async Task<string?> ReadXmlAsync(HttpContext http)
    {
        if (http.Request.ContentLength > DefinitionStore.MaxXmlLength)
        {
            return null;
        }
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var file = form.Files.GetFile("file");
            if (file is null || file.Length == 0 || file.Length > DefinitionStore.MaxXmlLength)
            {
                return null;
            }
            using var reader = new StreamReader(file.OpenReadStream());
            return await reader.ReadToEndAsync(http.RequestAborted);
        }
        using var body = new StreamReader(http.Request.Body);
        var buffer = new char[DefinitionStore.MaxXmlLength + 1];
        var read = await body.ReadBlockAsync(buffer, http.RequestAborted);
        return read is 0 or > DefinitionStore.MaxXmlLength ? null : new string(buffer, 0, read);
    }

    private static ProblemView ProblemOf(DefinitionProblem p, Language language) =>
        new(p.Severity.ToString(), p.Code, p.ElementId, p.ElementName, language == Language.English ? p.MessageEn : p.MessageZh);

    private static VersionView View(WorkflowDefinitionRecord d, int running) =>
        new(d.Id, d.ProcessId, d.Version, d.Name, d.Sha256, d.Source, d.DeployedAt, running);
}
