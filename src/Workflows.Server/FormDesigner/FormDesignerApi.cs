using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Forms.Schema;
using Workflows.Server.Forms;
using Workflows.Server.Hosting;
using Workflows.Server.Security;
using ValidationProblem = Microsoft.AspNetCore.Http.HttpResults.ValidationProblem;

namespace Workflows.Server.FormDesigner;

/// <summary>
/// The form designer's API, for system administrators only: drafts, validation, publishing with the
/// check for a newer version, comparing versions, rolling back, option lists and sample data.
/// </summary>
public static class FormDesignerApi
{
    public static void MapFormDesigner(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/form-designer").WithTags("Form designer").DisableAntiforgery();
        group.MapGet("/forms", List).WithSummary("Every form with its latest version, how many versions it has and its draft.");
        group.MapPost("/validate", Validate).WithSummary("Checks a schema ({\"schema\": …}) as publishing would, without saving anything.");
        group.MapGet("/option-lists", OptionLists).WithSummary("The option lists a select, radio, checklist or taglist can take its values from (valuesKey).");
        group.MapGet("/sample-data", SampleData).WithSummary("What the preview opens a form with: every option list and a sample community's data.");
        group.MapGet("/forms/{formId}/draft", Draft).WithSummary("The saved draft of a form.");
        group.MapPut("/forms/{formId}/draft", SaveDraft)
            .WithSummary("Saves the draft ({\"schema\": …, \"basedOnVersion\": n, \"revision\": n}); the schema's problems come back. 409 when someone else saved the draft since.");
        group.MapDelete("/forms/{formId}/draft", Discard).WithSummary("Throws the draft away.");
        group.MapPost("/forms/{formId}/publish", Publish)
            .WithSummary("Publishes the draft as the next version. 400 with the problems when it has errors; 409 with the differences when a newer version was published since the draft was started.");
        group.MapGet("/forms/{formId}/versions", Versions).WithSummary("The versions, newest first, with who published each and how many applications and cases use it.");
        group.MapGet("/forms/{formId}/compare", Compare).WithSummary("What changed between two versions (?from=1&to=2; to=draft compares with the draft), field by field.");
        group.MapPost("/forms/{formId}/versions/{version:int}/roll-back", RollBack)
            .WithSummary("Publishes an older version again as the newest (?basedOnVersion= to be told when someone published since).");
    }

    public sealed record ProblemView(string Severity, string Code, string Location, string? ComponentId, string? Key, string? Label, string Message);

    public sealed record CheckView(bool Valid, IReadOnlyList<ProblemView> Problems);

    public sealed record DraftResponse(string FormId, JsonElement Schema, DraftInfo Draft, IReadOnlyList<ProblemView> Problems);

    public sealed record PublishedView(string FormId, int Version, string Title, DateTime PublishedAt, bool Created, IReadOnlyList<ProblemView> Warnings);

    public sealed record OptionListSummary(string Name, string Title, int Entries, IReadOnlyList<FormsApi.OptionView> Sample);

    private static async Task<Results<Ok<IReadOnlyList<DesignedForm>>, ProblemHttpResult>> List(HttpContext http, CallerAccessor callers, SecurityAudit audit, FormDrafts drafts)
    {
        if (await AdministratorAsync(http, callers, audit, "list forms") is { Failure: { } failure })
        {
            return failure;
        }
        return TypedResults.Ok(await drafts.ListAsync(http.RequestAborted));
    }

    private static async Task<Results<Ok<CheckView>, ValidationProblem, ProblemHttpResult>> Validate(HttpContext http, CallerAccessor callers, SecurityAudit audit)
    {
        if (await AdministratorAsync(http, callers, audit, "validate form") is { Failure: { } failure })
        {
            return failure;
        }
        var body = await ReadAsync(http);
        if (body.Failure is not null)
        {
            return body.Failure;
        }
        var check = DesignerSchema.Check(body.Schema!, null);
        return TypedResults.Ok(new CheckView(!check.HasErrors, Views(check.Problems, http)));
    }

    private static async Task<Results<Ok<List<OptionListSummary>>, ProblemHttpResult>> OptionLists(HttpContext http, CallerAccessor callers, SecurityAudit audit)
    {
        if (await AdministratorAsync(http, callers, audit, "option lists") is { Failure: { } failure })
        {
            return failure;
        }
        var english = Languages.Of(http) == Language.English;
        return TypedResults.Ok(FormDrafts.OptionLists().Select(l => new OptionListSummary(l.Name, english ? l.TitleEn : l.TitleZh, l.Entries.Count,
            l.Entries.Take(5).Select(e => new FormsApi.OptionView(e.Value, e.LabelZh, e.LabelEn)).ToList())).ToList());
    }

    private static async Task<Results<Ok<System.Text.Json.Nodes.JsonObject>, ProblemHttpResult>> SampleData(HttpContext http, CallerAccessor callers, SecurityAudit audit, FormDrafts drafts)
    {
        if (await AdministratorAsync(http, callers, audit, "sample data") is { Failure: { } failure })
        {
            return failure;
        }
        return TypedResults.Ok(await drafts.SampleDataAsync(http.RequestAborted));
    }

    private static async Task<Results<Ok<DraftResponse>, ProblemHttpResult>> Draft(string formId, HttpContext http, CallerAccessor callers, SecurityAudit audit, FormDrafts drafts)
    {
        if (await AdministratorAsync(http, callers, audit, "open form draft") is { Failure: { } failure })
        {
            return failure;
        }
        var draft = await drafts.DraftAsync(formId, http.RequestAborted);
        if (draft is null)
        {
            return Problems.NotFound(http, new("这个表单没有草稿", "This form has no draft"));
        }
        var check = DesignerSchema.Check(draft.Json, formId);
        return TypedResults.Ok(new DraftResponse(formId, Element(draft.Json), draft.Info, Views(check.Problems, http)));
    }

    private static async Task<Results<Ok<DraftResponse>, ValidationProblem, ProblemHttpResult>> SaveDraft(string formId, HttpContext http, CallerAccessor callers, SecurityAudit audit, FormDrafts drafts)
    {
        var access = await AdministratorAsync(http, callers, audit, "save form draft");
        if (access.Failure is not null)
        {
            return access.Failure;
        }
        if (!DesignerSchema.IsValidFormId(formId))
        {
            return Problems.Validation(http, "formId", new("表单 id 只能由小写字母、数字、连字符和下划线组成，以字母开头，最多 100 个字符",
                "a form id is lower-case letters, digits, hyphens and underscores, starts with a letter and has at most 100 characters"));
        }
        var body = await ReadAsync(http);
        if (body.Failure is not null)
        {
            return body.Failure;
        }
        var outcome = await drafts.SaveAsync(formId, body.Schema!, body.BasedOnVersion, body.Revision, access.Caller!, http.RequestAborted);
        if (outcome.Conflict is { } conflict)
        {
            var problem = Problems.Conflict(http, new($"{conflict.SavedBy} 在 {conflict.SavedAt:yyyy-MM-dd HH:mm} (UTC) 保存了这个表单的草稿，请重新打开后再保存",
                $"{conflict.SavedBy} saved this form's draft at {conflict.SavedAt:yyyy-MM-dd HH:mm} UTC; open it again before saving"));
            problem.ProblemDetails.Extensions["savedBy"] = conflict.SavedBy;
            problem.ProblemDetails.Extensions["savedAt"] = conflict.SavedAt;
            problem.ProblemDetails.Extensions["revision"] = conflict.Revision;
            return problem;
        }
        if (outcome.Draft is null)
        {
            return SchemaProblem(http, outcome.Check.Problems);
        }
        return TypedResults.Ok(new DraftResponse(formId, Element(outcome.Draft.Json), outcome.Draft.Info, Views(outcome.Check.Problems, http)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Discard(string formId, HttpContext http, CallerAccessor callers, SecurityAudit audit, FormDrafts drafts)
    {
        if (await AdministratorAsync(http, callers, audit, "discard form draft") is { Failure: { } failure })
        {
            return failure;
        }
        return await drafts.DiscardAsync(formId, http.RequestAborted)
            ? TypedResults.NoContent()
            : Problems.NotFound(http, new("这个表单没有草稿", "This form has no draft"));
    }

    private static async Task<Results<Created<PublishedView>, Ok<PublishedView>, ValidationProblem, ProblemHttpResult>> Publish(string formId, HttpContext http,
        CallerAccessor callers, SecurityAudit audit, FormDrafts drafts)
    {
        var access = await AdministratorAsync(http, callers, audit, "publish form");
        if (access.Failure is not null)
        {
            return access.Failure;
        }
        return Outcome(http, await drafts.PublishAsync(formId, access.Caller!, http.RequestAborted));
    }

    private static async Task<Results<Created<PublishedView>, Ok<PublishedView>, ValidationProblem, ProblemHttpResult>> RollBack(string formId, int version, HttpContext http,
        CallerAccessor callers, SecurityAudit audit, FormDrafts drafts, int? basedOnVersion = null)
    {
        var access = await AdministratorAsync(http, callers, audit, "roll back form");
        if (access.Failure is not null)
        {
            return access.Failure;
        }
        return Outcome(http, await drafts.RollBackAsync(formId, version, basedOnVersion, access.Caller!, http.RequestAborted));
    }

    private static Results<Created<PublishedView>, Ok<PublishedView>, ValidationProblem, ProblemHttpResult> Outcome(HttpContext http, PublishOutcome outcome)
    {
        switch (outcome.Status)
        {
            case PublishStatus.NoDraft:
                return Problems.NotFound(http, new("这个表单没有可发布的草稿，请先保存", "This form has no draft to publish; save it first"));
            case PublishStatus.NoSuchVersion:
                return Problems.NotFound(http, new("没有这个表单版本", "No such form version"));
            case PublishStatus.Invalid:
                return SchemaProblem(http, outcome.Check!.Problems);
            case PublishStatus.Newer:
                var newer = outcome.Newer!;
                var problem = Problems.Conflict(http, new(
                    $"已有更新的版本：{newer.PublishedBy} 在您开始编辑后发布了 v{newer.LatestVersion}（您的草稿基于 v{newer.BasedOnVersion}），未发布任何内容。请查看差异并在最新版本上修改。",
                    $"A newer version exists: {newer.PublishedBy} published v{newer.LatestVersion} after you started from v{newer.BasedOnVersion}; nothing was published. See the difference and make your change on the latest version."));
                problem.ProblemDetails.Extensions["code"] = "newer-version";
                problem.ProblemDetails.Extensions["latestVersion"] = newer.LatestVersion;
                problem.ProblemDetails.Extensions["basedOnVersion"] = newer.BasedOnVersion;
                problem.ProblemDetails.Extensions["publishedBy"] = newer.PublishedBy;
                problem.ProblemDetails.Extensions["publishedAt"] = newer.PublishedAt;
                problem.ProblemDetails.Extensions["theirChanges"] = newer.TheirChanges;
                problem.ProblemDetails.Extensions["yourChanges"] = newer.YourChanges;
                return problem;
        }
        var record = outcome.Record!;
        var warnings = Views(outcome.Check?.Problems.Where(p => p.Severity == Severity.Warning) ?? [], http);
        var view = new PublishedView(record.FormId, record.Version, record.Title, record.DeployedAt, outcome.Status == PublishStatus.Published, warnings);
        return outcome.Status == PublishStatus.Published
            ? TypedResults.Created($"/api/v1/forms/{record.FormId}/versions/{record.Version}", view)
            : TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<IReadOnlyList<VersionInfo>>, ProblemHttpResult>> Versions(string formId, HttpContext http, CallerAccessor callers, SecurityAudit audit, FormDrafts drafts)
    {
        if (await AdministratorAsync(http, callers, audit, "form versions") is { Failure: { } failure })
        {
            return failure;
        }
        var versions = await drafts.VersionsAsync(formId, http.RequestAborted);
        return versions.Count == 0 ? Problems.NotFound(http, new("没有这个表单", "No such form")) : TypedResults.Ok(versions);
    }

    private static async Task<Results<Ok<FormDifference>, ValidationProblem, ProblemHttpResult>> Compare(string formId, HttpContext http, CallerAccessor callers, SecurityAudit audit,
        FormDrafts drafts, string? from = null, string? to = null)
    {
        if (await AdministratorAsync(http, callers, audit, "compare form versions") is { Failure: { } failure })
        {
            return failure;
        }
        var errors = new FieldErrors();
        errors.Required("from", from);
        errors.Required("to", to);
        if (errors.Any)
        {
            return Problems.Validation(http, errors);
        }
        var difference = await drafts.CompareAsync(formId, from!, to!, http.RequestAborted);
        return difference is null
            ? Problems.NotFound(http, new("没有要比较的版本（版本号或 draft）", "No such version to compare (a version number or draft)"))
            : TypedResults.Ok(difference);
    }

    private sealed record Access(Caller? Caller, ProblemHttpResult? Failure);

    private static async Task<Access> AdministratorAsync(HttpContext http, CallerAccessor callers, SecurityAudit audit, string action)
    {
        var caller = await callers.RequireAsync();
        if (AccessPolicy.CanDesignForms(caller))
        {
            return new Access(caller, null);
        }
        await audit.DeniedAsync(caller, action, http.Request.Path);
        return new Access(null, Problems.Forbidden(http, new("只有系统管理员可以设计表单", "Only system administrators can design forms")));
    }

    private sealed record Body(string? Schema, int? BasedOnVersion, int? Revision, ValidationProblem? Failure);

    /// <summary>
    /// The request <c>{"schema": …, "basedOnVersion": n, "revision": n}</c>; the schema is an object
    /// or the JSON text of one (as a file holds it). Too large, not JSON, or no schema: a problem naming the field.
    /// </summary>
    private static async Task<Body> ReadAsync(HttpContext http)
    {
        var maxBytes = DesignerSchema.MaxChars + 64 * 1024;
        var bytes = await FormBodies.ReadAsync(http, maxBytes);
        if (bytes is null)
        {
            return Fail("schema", new($"表单定义过大（请求不能超过 {maxBytes / 1024 / 1024} MB）", $"the form definition is too large (the request must be at most {maxBytes / 1024 / 1024} MB)"));
        }
        if (bytes.Length == 0)
        {
            return Fail("schema", Messages.BodyMissing);
        }
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = FormDefinition.MaxComponentDepth * 4 + 32 });
            root = document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            return Fail("$", new("请求体不是有效的 JSON：" + exception.Message, "the request body is not valid JSON: " + exception.Message));
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Fail("$", new("请求体应为 JSON 对象 {\"schema\": …}", "the request body must be a JSON object {\"schema\": …}"));
        }
        var errors = new FieldErrors();
        string? schema = null;
        if (!root.TryGetProperty("schema", out var schemaElement) || schemaElement.ValueKind == JsonValueKind.Null)
        {
            errors.Add("schema", Messages.Required);
        }
        else if (schemaElement.ValueKind == JsonValueKind.String)
        {
            schema = schemaElement.GetString();
        }
        else if (schemaElement.ValueKind == JsonValueKind.Object)
        {
            schema = schemaElement.GetRawText();
        }
        else
        {
            errors.Add("schema", new("应为 form-js 表单定义（JSON 对象或其文本）", "must be a form-js schema (a JSON object or its text)"));
        }
        var basedOn = Integer(root, "basedOnVersion", errors);
        var revision = Integer(root, "revision", errors);
        if (schema is not null && schema.Length > DesignerSchema.MaxChars)
        {
            errors.Add("schema", new($"表单定义过大（最多 {DesignerSchema.MaxChars} 个字符）", $"the form definition is too large (at most {DesignerSchema.MaxChars} characters)"));
        }
        return errors.Any ? new Body(null, null, null, Problems.Validation(http, errors)) : new Body(schema, basedOn, revision, null);

        Body Fail(string field, Text message) => new(null, null, null, Problems.Validation(http, field, message));
    }

    private static int? Integer(JsonElement root, string name, FieldErrors errors)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= 0)
        {
            return number;
        }
        errors.Add(name, Messages.WrongType("integer ≥ 0"));
        return null;
    }

    /// <summary>A schema that cannot be saved or published: each problem under <c>schema.</c> plus its place, and all of them under <c>problems</c>.</summary>
    private static ValidationProblem SchemaProblem(HttpContext http, IReadOnlyList<SchemaProblem> problems)
    {
        var errors = new FieldErrors();
        foreach (var problem in problems.Where(p => p.Severity == Severity.Error))
        {
            var field = problem.Location == "$" ? "schema" : "schema." + problem.Location;
            var name = problem.Key ?? problem.ComponentId ?? problem.Label;
            errors.Add(field, name is null
                ? new Text($"{problem.MessageZh} [{problem.Code}]", $"{problem.MessageEn} [{problem.Code}]")
                : new Text($"组件「{name}」：{problem.MessageZh} [{problem.Code}]", $"component \"{name}\": {problem.MessageEn} [{problem.Code}]"));
        }
        var result = Problems.Validation(http, errors);
        result.ProblemDetails.Extensions["code"] = "invalid-form";
        result.ProblemDetails.Extensions["problems"] = Views(problems, http);
        return result;
    }

    public static List<ProblemView> Views(IEnumerable<SchemaProblem> problems, HttpContext http) => Views(problems, Languages.Of(http) == Language.English);

    public static List<ProblemView> Views(IEnumerable<SchemaProblem> problems, bool english) => problems
        .OrderBy(p => p.Severity == Severity.Error ? 0 : 1)
        .Select(p => new ProblemView(p.Severity == Severity.Error ? "error" : "warning", p.Code, p.Location, p.ComponentId, p.Key, p.Label, english ? p.MessageEn : p.MessageZh))
        .ToList();

    private static JsonElement Element(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
