using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Server.Hosting;
using Workflows.Server.Security;

namespace Workflows.Server.Designer;

/// <summary>
/// The workflow designer's API (system administrators only): drafts, check, publish with the
/// optimistic version check, compare, roll back, and the element templates. BPMN goes in the
/// request body as XML (or a multipart field <c>file</c>), at most 20 MB.
/// </summary>
public static class DesignerApi
{
    public static void MapDesigner(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/designer").WithTags("Workflow designer").DisableAntiforgery();
        group.MapGet("/element-templates", Templates).WithSummary("The element templates (Camunda 8 schema) from workflows/templates.");
        group.MapPost("/validate", ValidateXml).WithSummary("Check a BPMN file as publishing would, storing nothing; problems name their elements.");
        group.MapPost("/compare", CompareXml).WithSummary("Compare two BPMN files given as multipart fields 'before' and 'after'.");
        group.MapGet("/workflows/{processId}", Get).WithSummary("The latest version, the draft (if any) and the versions of a workflow.");
        group.MapPut("/workflows/{processId}/draft", SaveDraft)
            .WithSummary("Save the body as the workflow's draft. ?basedOn= is the version the draft started from; 409 when a newer one was published.");
        group.MapDelete("/workflows/{processId}/draft", DiscardDraft).WithSummary("Throw the draft away.");
        group.MapPost("/workflows/{processId}/publish", Publish)
            .WithSummary("Publish the body as the next version (?basedOn= as for drafts). Nothing is published when there is an error.");
        group.MapPost("/workflows/{processId}/rollback/{version:int}", RollBack)
            .WithSummary("Publish an older version's XML again as the next version (?basedOn= as for drafts).");
        group.MapGet("/workflows/{processId}/compare", Compare)
            .WithSummary("Which elements changed from version ?from= to version ?to= (or to the draft when ?to= is left out).");
    }

    public sealed record WorkflowDesignView(string ProcessId, string? Name, int? LatestVersion, DraftView? Draft, IReadOnlyList<VersionSummary> Versions);

    public sealed record CheckView(string? ProcessId, bool Valid, IReadOnlyList<DesignProblem> Problems);

    public sealed record PublishView(int Version, bool Created, IReadOnlyList<DesignProblem> Warnings);

    private static readonly Text AdministratorsOnly = new("只有系统管理员可以设计和发布流程", "Only system administrators design and publish workflows");

    private static async Task<Caller?> AdministratorAsync(HttpContext http, CallerAccessor callers, SecurityAudit audit, string action)
    {
        var caller = await callers.RequireAsync();
        if (AccessPolicy.CanDesignWorkflows(caller))
        {
            return caller;
        }
        await audit.DeniedAsync(caller, action, http.Request.Path);
        return null;
    }

    private static async Task<Results<Ok<JsonArray>, ProblemHttpResult>> Templates(HttpContext http, CallerAccessor callers, SecurityAudit audit, ElementTemplates templates) =>
        await AdministratorAsync(http, callers, audit, "read element templates") is null
            ? Problems.Forbidden(http, AdministratorsOnly)
            : TypedResults.Ok(templates.All);

    private static async Task<IResult> ValidateXml(HttpContext http, CallerAccessor callers, SecurityAudit audit)
    {
        if (await AdministratorAsync(http, callers, audit, "validate workflow") is null)
        {
            return Problems.Forbidden(http, AdministratorsOnly);
        }
        var (xml, refusal) = await ReadXmlAsync(http);
        if (xml is null)
        {
            return refusal!;
        }
        var problems = WorkflowDesign.Validate(xml);
        return TypedResults.Ok(new CheckView(ProcessIdOf(xml), !problems.Any(p => p.IsError), problems));
    }

    private static async Task<IResult> CompareXml(HttpContext http, CallerAccessor callers, SecurityAudit audit)
    {
        if (await AdministratorAsync(http, callers, audit, "compare workflows") is null)
        {
            return Problems.Forbidden(http, AdministratorsOnly);
        }
        if (!http.Request.HasFormContentType)
        {
            return Problems.Validation(http, "before", new("请以 multipart 字段 before 和 after 上传两个 BPMN 文件", "upload two BPMN files as multipart fields 'before' and 'after'"));
        }
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var texts = new Dictionary<string, string>();
        foreach (var field in new[] { "before", "after" })
        {
            var file = form.Files.GetFile(field);
            if (file is null || file.Length > WorkflowDesign.MaxFileBytes)
            {
                return file is null ? Problems.Validation(http, field, new("缺少文件", "the file is missing")) : TooLarge(http);
            }
            using var reader = new StreamReader(file.OpenReadStream());
            texts[field] = await reader.ReadToEndAsync(http.RequestAborted);
            if (!WorkflowComparison.TryRead(texts[field], out var error))
            {
                return Problems.Validation(http, field, new($"这不是 BPMN 文件：{error}", $"This is not a BPMN file: {error}"));
            }
        }
        return TypedResults.Ok(WorkflowComparison.Compare(texts["before"], texts["after"]));
    }

    private static async Task<Results<Ok<WorkflowDesignView>, ProblemHttpResult>> Get(string processId, HttpContext http, CallerAccessor callers, SecurityAudit audit, WorkflowDesign design)
    {
        if (await AdministratorAsync(http, callers, audit, "open workflow design") is null)
        {
            return Problems.Forbidden(http, AdministratorsOnly);
        }
        var versions = await design.VersionsAsync(processId, http.RequestAborted);
        var draft = await design.DraftAsync(processId, http.RequestAborted);
        if (versions.Count == 0 && draft is null)
        {
            return Problems.NotFound(http, new("没有这个流程", "No such workflow"));
        }
        return TypedResults.Ok(new WorkflowDesignView(processId, versions.FirstOrDefault()?.Name, versions.FirstOrDefault()?.Version, draft, versions));
    }

    private static async Task<IResult> SaveDraft(string processId, HttpContext http, CallerAccessor callers, SecurityAudit audit, WorkflowDesign design, int? basedOn = null)
    {
        var caller = await AdministratorAsync(http, callers, audit, "save workflow draft");
        if (caller is null)
        {
            return Problems.Forbidden(http, AdministratorsOnly);
        }
        var (xml, refusal) = await ReadXmlAsync(http);
        if (xml is null)
        {
            return refusal!;
        }
        var outcome = await design.SaveDraftAsync(processId, xml, basedOn, caller, http.RequestAborted);
        if (outcome.Conflict is { } newer)
        {
            return Conflict(http, newer);
        }
        if (outcome.Problems.Any(p => p.Code == "not-xml"))
        {
            return Refused(http, outcome.Problems);
        }
        return TypedResults.Ok(new CheckView(processId, !outcome.HasErrors, outcome.Problems));
    }

    private static async Task<Results<NoContent, NotFound<object>, ProblemHttpResult>> DiscardDraft(string processId, HttpContext http, CallerAccessor callers, SecurityAudit audit, WorkflowDesign design)
    {
        if (await AdministratorAsync(http, callers, audit, "discard workflow draft") is null)
        {
            return Problems.Forbidden(http, AdministratorsOnly);
        }
        return await design.DiscardDraftAsync(processId, http.RequestAborted)
            ? TypedResults.NoContent()
            : Problems.NotFound(http, new("这个流程没有草稿", "This workflow has no draft"));
    }

    private static async Task<IResult> Publish(string processId, HttpContext http, CallerAccessor callers, SecurityAudit audit, WorkflowDesign design, int? basedOn = null)
    {
        var caller = await AdministratorAsync(http, callers, audit, "publish workflow");
        if (caller is null)
        {
            return Problems.Forbidden(http, AdministratorsOnly);
        }
        var (xml, refusal) = await ReadXmlAsync(http);
        if (xml is null)
        {
            return refusal!;
        }
        return Published(http, processId, await design.PublishAsync(processId, xml, basedOn, caller, cancellationToken: http.RequestAborted));
    }

    private static async Task<IResult> RollBack(string processId, int version, HttpContext http, CallerAccessor callers, SecurityAudit audit, WorkflowDesign design, int? basedOn = null)
    {
        var caller = await AdministratorAsync(http, callers, audit, "roll back workflow");
        if (caller is null)
        {
            return Problems.Forbidden(http, AdministratorsOnly);
        }
        var outcome = await design.RollBackAsync(processId, version, basedOn, caller, http.RequestAborted);
        return outcome is null
            ? Problems.NotFound(http, new("没有这个流程版本", "No such workflow version"))
            : Published(http, processId, outcome);
    }

    private static async Task<IResult> Compare(string processId, int from, HttpContext http, CallerAccessor callers, SecurityAudit audit, WorkflowDesign design, int? to = null)
    {
        if (await AdministratorAsync(http, callers, audit, "compare workflow versions") is null)
        {
            return Problems.Forbidden(http, AdministratorsOnly);
        }
        var before = await design.VersionXmlAsync(processId, from, http.RequestAborted);
        var after = to is { } v ? await design.VersionXmlAsync(processId, v, http.RequestAborted) : (await design.DraftAsync(processId, http.RequestAborted))?.Xml;
        if (before is null || after is null)
        {
            return Problems.NotFound(http, new("没有这个流程版本或草稿", "No such workflow version or draft"));
        }
        return TypedResults.Ok(WorkflowComparison.Compare(before, after));
    }

    private static IResult Published(HttpContext http, string processId, DesignOutcome outcome)
    {
        if (outcome.Conflict is { } newer)
        {
            return Conflict(http, newer);
        }
        if (outcome.Published is not { } record)
        {
            return Refused(http, outcome.Problems);
        }
        var view = new PublishView(record.Version, outcome.Created, outcome.Problems.Where(p => !p.IsError).ToList());
        return outcome.Created
            ? TypedResults.Created($"/api/v1/workflows/{processId}/versions/{record.Version}/xml", view)
            : TypedResults.Ok(view);
    }

    /// <summary>400 with every error keyed <c>elements[id]</c> (or <c>definition</c>), and the full list under <c>problems</c>.</summary>
    private static IResult Refused(HttpContext http, IReadOnlyList<DesignProblem> problems)
    {
        var language = Languages.Of(http);
        var errors = problems.Where(p => p.IsError)
            .GroupBy(p => p.ElementId is null ? (p.Code == "not-xml" || p.Code == "not-bpmn" ? "file" : "definition") : $"elements[{p.ElementId}]")
            .ToDictionary(g => g.Key, g => g.Select(p => language == Language.English ? p.MessageEn : p.MessageZh).ToArray());
        return TypedResults.ValidationProblem(errors,
            detail: string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")),
            title: new Text("流程有错误，未发布", "The workflow has errors and was not published").In(language),
            type: Problems.TypeBase + "validation",
            extensions: new Dictionary<string, object?> { ["requestId"] = http.TraceIdentifier, ["problems"] = problems });
    }

    private static IResult Conflict(HttpContext http, NewerVersion newer)
    {
        var language = Languages.Of(http);
        var who = newer.PublishedBy ?? new Text("系统", "the system").In(language);
        var detail = new Text($"已有更新的版本 {newer.LatestVersion}（{who} 于 {newer.PublishedAt:yyyy-MM-dd HH:mm} UTC 发布）。请先查看差异，在新版本基础上修改。",
            $"A newer version {newer.LatestVersion} exists, published by {who} at {newer.PublishedAt:yyyy-MM-dd HH:mm} UTC. Look at the difference and make your change on the newer version.");
        return TypedResults.Problem(detail: detail.In(language), statusCode: StatusCodes.Status409Conflict,
            title: new Text("已有更新的版本", "A newer version exists").In(language), type: Problems.TypeBase + "newer-version",
            extensions: new Dictionary<string, object?>
            {
                ["requestId"] = http.TraceIdentifier, ["code"] = "newer-version", ["latestVersion"] = newer.LatestVersion,
                ["publishedBy"] = newer.PublishedBy, ["publishedAt"] = newer.PublishedAt, ["theirChanges"] = newer.TheirChanges, ["yourChanges"] = newer.YourChanges,
            });
    }

    private static IResult TooLarge(HttpContext http) =>
        Problems.Problem(http, StatusCodes.Status413PayloadTooLarge, "file-too-large", new("文件太大", "File too large"),
            new($"BPMN 文件不能超过 {WorkflowDesign.MaxFileBytes / 1024 / 1024} MB", $"A BPMN file may be at most {WorkflowDesign.MaxFileBytes / 1024 / 1024} MB"));

    /// <summary>The XML of the body or of the multipart field <c>file</c>; 413 over 20 MB, 400 when empty.</summary>
    private static async Task<(string? Xml, IResult? Refusal)> ReadXmlAsync(HttpContext http)
    {
        if (http.Request.ContentLength > WorkflowDesign.MaxFileBytes && !http.Request.HasFormContentType)
        {
            return (null, TooLarge(http));
        }
        Stream source;
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var file = form.Files.GetFile("file");
            if (file is null || file.Length == 0)
            {
                return (null, Problems.Validation(http, "file", new("请上传 BPMN 文件", "upload a BPMN file")));
            }
            if (file.Length > WorkflowDesign.MaxFileBytes)
            {
                return (null, TooLarge(http));
            }
            source = file.OpenReadStream();
        }
        else
        {
            source = http.Request.Body;
        }
        await using (source)
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await source.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > WorkflowDesign.MaxFileBytes)
                {
                    return (null, TooLarge(http));
                }
            }
            if (buffer.Length == 0)
            {
                return (null, Problems.Validation(http, "file", new("请上传 BPMN 文件", "upload a BPMN file")));
            }
            return (Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), null);
        }
    }

    private static string? ProcessIdOf(string xml) => Engine.WorkflowDeployment.Deploy(xml).Definition?.ProcessId;
}
