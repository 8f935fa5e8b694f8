using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Accounts;
using Workflows.Data.Forms;
using Workflows.Forms.Schema;
using Workflows.Server.Applications;
using Workflows.Server.Hosting;
using Workflows.Server.Security;
using ValidationProblem = Microsoft.AspNetCore.Http.HttpResults.ValidationProblem;

namespace Workflows.Server.Forms;

/// <summary>Form definitions and their versions, the form as the viewer opens it, and option lists.</summary>
public static class FormsApi
{
    public const int MaxUploadBytes = FormDefinition.MaxSchemaChars;

    public static void MapFormDefinitions(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/forms").WithTags("Forms");
        group.MapGet("/", List).WithSummary("Every form with its latest version and the workflow it starts.");
        group.MapGet("/options/{name}", Options).WithSummary("An option list the form viewer reads by valuesKey; unit_chain is the applicant unit's chain from the province down.");
        group.MapGet("/{formId}", Open).WithSummary("A form as the viewer opens it: the schema (latest, or ?version=) with initialData for the caller's applicant unit (?unitId=).");
        group.MapGet("/{formId}/versions", Versions).WithSummary("The versions of one form, newest first.");
        group.MapGet("/{formId}/versions/{version:int}", Json).WithSummary("The JSON of one version.");
        group.MapPost("/", Deploy).DisableAntiforgery()
            .WithSummary("Deploy a form definition (body application/json, or multipart field 'file'). Checked first; nothing is stored when there is an error. The same file again makes no new version.");
    }

    public sealed record FormView(string FormId, string Title, int LatestVersion, int Versions, string? ProcessId);

    public sealed record FormVersionView(Guid Id, string FormId, int Version, string Title, string Sha256, string Source, DateTime DeployedAt);

    public sealed record OpenFormView(string FormId, int Version, string Title, string? ProcessId, Guid? UnitId, JsonElement Schema, JsonElement InitialData);

    public sealed record DeployView(FormVersionView Version, bool Created, IReadOnlyList<ProblemView> Warnings);

    public sealed record ProblemView(string Code, string Location, string? ComponentId, string? Key, string Message);

    public sealed record OptionView(string Value, string Label, string LabelEn);

    public sealed record OptionListView(string Name, string Title, IReadOnlyList<OptionView> Entries);

    private static async Task<Ok<List<FormView>>> List(WorkflowsDbContext db, CallerAccessor callers, ApplicationForms forms)
    {
        await callers.RequireAsync();
        await forms.RefreshStartFormsAsync();
        var versions = await db.FormDefinitions.AsNoTracking().Select(f => new { f.FormId, f.Version, f.Title }).ToListAsync();
        return TypedResults.Ok(versions.GroupBy(v => v.FormId).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var latest = g.MaxBy(v => v.Version)!;
            return new FormView(g.Key, latest.Title, latest.Version, g.Count(), forms.WorkflowFor(g.Key)?.ProcessId);
        }).ToList());
    }

    private static async Task<Results<Ok<OpenFormView>, ValidationProblem, ProblemHttpResult>> Open(string formId, HttpContext http, CallerAccessor callers,
        WorkflowsDbContext db, FormStore store, ApplicationForms forms, int? version = null, Guid? unitId = null)
    {
        var caller = await callers.RequireAsync();
        var record = version is null ? await store.LatestAsync(formId) : await store.VersionAsync(formId, version.Value);
        if (record is null)
        {
            return Problems.NotFound(http, NoSuchForm);
        }
        var unit = await UnitForAsync(http, caller, db, unitId);
        if (unit.Failure is not null)
        {
            return unit.Failure;
        }
        var definition = store.Parsed(record);
        var initialData = unit.Id is { } id && await forms.ForAsync(record, id) is { } form
            ? form.InitialData
            : Workflows.Forms.Options.OptionLists.InitialDataFor(definition, ApplicantOptionLists.ForDeployment);
        await forms.RefreshStartFormsAsync();
        return TypedResults.Ok(new OpenFormView(record.FormId, record.Version, record.Title, forms.WorkflowFor(record.FormId)?.ProcessId, unit.Id,
            JsonDocument.Parse(record.Json).RootElement.Clone(), JsonSerializer.SerializeToElement(initialData)));
    }

    /// <summary>The unit a form is opened for: the one asked for if the caller may see its work, else the caller's only applicant unit.</summary>
    private static async Task<(Guid? Id, ProblemHttpResult? Failure)> UnitForAsync(HttpContext http, Caller caller, WorkflowsDbContext db, Guid? unitId)
    {
        if (unitId is null)
        {
            var own = caller.GrantsOf(Role.Applicant).Select(g => g.UnitId).Distinct().ToList();
            return (own.Count >= 1 ? own[0] : null, null);
        }
        var path = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Path).SingleOrDefaultAsync();
        if (path is null)
        {
            return (null, Problems.NotFound(http, new("单位不存在", "No such unit")));
        }
        return AccessPolicy.CanReadWork(caller, path) || AccessPolicy.CanApplyFor(caller, unitId.Value)
            ? (unitId, null)
            : (null, Problems.Forbidden(http, new("该单位不在您的管辖范围内", "This unit is outside your area")));
    }

    private static async Task<Results<Ok<OptionListView>, ProblemHttpResult>> Options(string name, HttpContext http, CallerAccessor callers, WorkflowsDbContext db, Guid? unitId = null)
    {
        var caller = await callers.RequireAsync();
        var unit = await UnitForAsync(http, caller, db, unitId);
        if (unit.Failure is not null)
        {
            return unit.Failure;
        }
        var applicant = unit.Id is { } id ? await ApplicantUnit.LoadAsync(db, id) : null;
        var list = ApplicantOptionLists.For(applicant).Find(name);
        if (list is null)
        {
            return Problems.NotFound(http, new("没有这个选项列表", "No such option list"));
        }
        var english = Languages.Of(http) == Language.English;
        return TypedResults.Ok(new OptionListView(list.Name, english ? list.TitleEn : list.TitleZh,
            list.Entries.Select(e => new OptionView(e.Value, e.LabelZh, e.LabelEn)).ToList()));
    }

    private static async Task<Results<Ok<List<FormVersionView>>, ProblemHttpResult>> Versions(string formId, HttpContext http, WorkflowsDbContext db, CallerAccessor callers)
    {
        await callers.RequireAsync();
        var versions = await db.FormDefinitions.AsNoTracking().Where(f => f.FormId == formId).OrderByDescending(f => f.Version).ToListAsync();
        return versions.Count == 0 ? Problems.NotFound(http, NoSuchForm) : TypedResults.Ok(versions.Select(View).ToList());
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Json(string formId, int version, HttpContext http, WorkflowsDbContext db, CallerAccessor callers)
    {
        await callers.RequireAsync();
        var json = await db.FormDefinitions.AsNoTracking().Where(f => f.FormId == formId && f.Version == version).Select(f => f.Json).SingleOrDefaultAsync();
        return json is null
            ? Problems.NotFound(http, new("没有这个表单版本", "No such form version"))
            : TypedResults.Content(json, "application/json; charset=utf-8");
    }

    private static async Task<Results<Created<DeployView>, Ok<DeployView>, ValidationProblem, ProblemHttpResult>> Deploy(
        HttpContext http, CallerAccessor callers, FormStore store, SecurityAudit audit)
    {
        var caller = await callers.RequireAsync();
        if (!caller.IsSystemAdministrator)
        {
            await audit.DeniedAsync(caller, "deploy form", "/forms");
            return Problems.Forbidden(http, new("只有系统管理员可以发布表单", "Only system administrators can deploy forms"));
        }
        var json = await ReadTextAsync(http, MaxUploadBytes);
        if (json is null)
        {
            return Problems.Validation(http, "file", new($"请上传表单定义文件（不超过 {MaxUploadBytes / 1024 / 1024} MB）",
                $"upload a form definition (at most {MaxUploadBytes / 1024 / 1024} MB)"));
        }
        var outcome = await store.DeployAsync(json, "upload", caller.UserId, http.RequestAborted);
        if (outcome.Record is null)
        {
            return FormProblems.Schema(http, outcome.Problems);
        }
        var english = Languages.Of(http) == Language.English;
        var view = new DeployView(View(outcome.Record), outcome.Created, outcome.Problems.Where(p => p.Severity == Severity.Warning)
            .Select(p => new ProblemView(p.Code, p.Location, p.ComponentId, p.Key, english ? p.MessageEn : p.MessageZh)).ToList());
        return outcome.Created
            ? TypedResults.Created($"/api/v1/forms/{outcome.Record.FormId}/versions/{outcome.Record.Version}", view)
            : TypedResults.Ok(view);
    }

    /// <summary>The body as text (or the multipart field 'file'); null when missing or too large.</summary>
    public static async Task<string?> ReadTextAsync(HttpContext http, int maxBytes)
    {
        if (http.Request.ContentLength > maxBytes)
        {
            return null;
        }
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var file = form.Files.GetFile("file");
            if (file is null || file.Length == 0 || file.Length > maxBytes)
            {
                return null;
            }
            using var reader = new StreamReader(file.OpenReadStream());
            return await reader.ReadToEndAsync(http.RequestAborted);
        }
        var bytes = await FormBodies.ReadAsync(http, maxBytes);
        return bytes is null or { Length: 0 } ? null : System.Text.Encoding.UTF8.GetString(bytes);
    }

    private static FormVersionView View(FormDefinitionRecord f) => new(f.Id, f.FormId, f.Version, f.Title, f.Sha256, f.Source, f.DeployedAt);

    private static readonly Text NoSuchForm = new("没有这个表单", "No such form");
}
