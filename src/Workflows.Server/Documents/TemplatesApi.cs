using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Audit;
using Workflows.Data.Documents;
using Workflows.Documents;
using Workflows.Documents.Fonts;
using Workflows.Documents.Templates;
using Workflows.Documents.Verification;
using Workflows.Server.Hosting;
using Workflows.Server.Security;

namespace Workflows.Server.Documents;

/// <summary>
/// Document templates: anyone signed in lists and reads them; system administrators add versions
/// (never editing one in place) and preview a template with sample data.
/// </summary>
public static partial class TemplatesApi
{
    public static void MapDocumentTemplates(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/documents/templates").WithTags("Document templates");
        group.MapGet("/", List).WithSummary("Every template with its versions; the highest version is used for new documents.");
        group.MapGet("/{key}", Get).WithSummary("A template's JSON: the version in force, or ?version=n.");
        group.MapPost("/{key}/versions", CreateVersion)
            .WithSummary("System administrators: store the JSON body as the template's next version (checked by the document library first).");
        group.MapPost("/{key}/preview", Preview)
            .WithSummary("System administrators: the PDF of a template (the body's 'template', else the version in force) filled with the body's 'data'.");
    }

    public sealed record TemplateView(string Key, int Version, string Name, string Kind, JsonElement Json);

    public sealed record PreviewRequest(JsonElement? Template, JsonElement? Data);

    private static async Task<Ok<List<TemplateSummary>>> List(DocumentTemplates templates, HttpContext http) =>
        TypedResults.Ok(await templates.ListAsync(http.RequestAborted));

    private static async Task<Results<Ok<TemplateView>, ProblemHttpResult>> Get(string key, HttpContext http, DocumentTemplates templates, int? version = null)
    {
        var template = version is { } v ? await templates.VersionAsync(key, v, http.RequestAborted) : await templates.CurrentAsync(key, http.RequestAborted);
        return template is null
            ? Problems.NotFound(http, NoSuchTemplate)
            : TypedResults.Ok(new TemplateView(template.Id, template.Version, template.Name, DocumentTemplates.KindOf(template),
                JsonDocument.Parse(template.ToJson()).RootElement.Clone()));
    }

    private static async Task<Results<Created<TemplateView>, ValidationProblem, ProblemHttpResult>> CreateVersion(string key, JsonElement body, HttpContext http,
        CallerAccessor callers, WorkflowsDbContext db, SecurityAudit audit, TimeProvider clock)
    {
        var caller = await callers.RequireAsync();
        if (!caller.IsSystemAdministrator)
        {
            await audit.DeniedAsync(caller, "create template version", key);
            return Problems.Forbidden(http, AdministratorsOnly);
        }
        if (!KeyPattern().IsMatch(key))
        {
            return Problems.Validation(http, "key", new("模板标识只能包含小写字母、数字和连字符", "a template key holds lower-case letters, digits and hyphens only"));
        }
        var (template, error) = Read(body);
        if (template is null)
        {
            return Problems.Validation(http, "template", error!.Value);
        }
        if (template.Id != key)
        {
            return Problems.Validation(http, "id", new($"模板中的 id（{template.Id}）与地址中的 {key} 不一致", $"the template's id ({template.Id}) differs from {key} in the address"));
        }
        var highest = await db.DocumentTemplateVersions.Where(t => t.TemplateKey == key).MaxAsync(t => (int?)t.Version) ?? (DocumentTemplates.IsShipped(key) ? 1 : 0);
        var version = template with { Version = highest + 1 };
        var json = version.ToJson();
        db.DocumentTemplateVersions.Add(new DocumentTemplateVersion
        {
            Id = Guid.NewGuid(), TemplateKey = key, Version = version.Version, Name = version.Name, Json = json,
            CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedById = caller.UserId,
        });
        audit.Add(SecurityAuditKind.DocumentTemplateVersionCreated, caller.UserId, caller.UserName, $"{key} v{version.Version}");
        try
        {
            await db.SaveChangesAsync(http.RequestAborted);
        }
        catch (DbUpdateException)
        {
            return Problems.Conflict(http, new("另一位管理员刚刚保存了该模板的新版本，请刷新后重试", "Another administrator has just saved a new version of this template; reload and try again"));
        }
        return TypedResults.Created($"/api/v1/documents/templates/{key}?version={version.Version}",
            new TemplateView(key, version.Version, version.Name, DocumentTemplates.KindOf(version), JsonDocument.Parse(json).RootElement.Clone()));
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Preview(string key, PreviewRequest request, HttpContext http,
        CallerAccessor callers, DocumentTemplates templates, DocumentFonts fonts, WorkflowsDbContext db, SecurityAudit audit, TimeProvider clock)
    {
        var caller = await callers.RequireAsync();
        if (!caller.IsSystemAdministrator)
        {
            await audit.DeniedAsync(caller, "preview template", key);
            return Problems.Forbidden(http, AdministratorsOnly);
        }
        DocumentTemplate? template;
        if (request.Template is { ValueKind: not JsonValueKind.Null } given)
        {
            (template, var error) = Read(given);
            if (template is null)
            {
                return Problems.Validation(http, "template", error!.Value);
            }
        }
        else
        {
            template = await templates.CurrentAsync(key, http.RequestAborted);
            if (template is null)
            {
                return Problems.NotFound(http, NoSuchTemplate);
            }
        }
        if (request.Data is not { ValueKind: JsonValueKind.Object } sample)
        {
            return Problems.Validation(http, "data", new("请提供示例数据（JSON 对象）", "give sample data as a JSON object"));
        }
        var data = JsonNode.Parse(sample.GetRawText())!.AsObject();
        var document = data["document"] as JsonObject ?? new JsonObject();
        data["document"] = document;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(DocumentIssuer.ChinaOffset).DateTime);
        document["number"] ??= "示例〔" + today.Year + "〕1号";
        document["date"] ??= today.ToString("yyyy-MM-dd");
        var issuer = data["issuer"] as JsonObject ?? new JsonObject();
        data["issuer"] = issuer;
        issuer["name"] ??= "示例单位";
        try
        {
            var pdf = DocumentRenderer.Render(template, JsonSerializer.SerializeToElement(data), new RenderOptions
            {
                Fonts = await fonts.CurrentAsync(db, http.RequestAborted),
                Verification = new VerificationMark("http://localhost/verify/SAMPLE", "样稿 SAMPLE"),
            });
            return TypedResults.File(pdf, "application/pdf", $"{template.Id}-v{template.Version}-preview.pdf");
        }
        catch (TemplateException error)
        {
            return Problems.Validation(http, error.Path is null ? "template" : "data." + error.Path,
                new("模板无法填充：" + error.Message, "The template cannot be filled: " + error.Message));
        }
    }

    /// <summary>A template as the document library reads it, with its font roles checked; or why not.</summary>
    private static (DocumentTemplate? Template, Text? Error) Read(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            return (null, new Text("模板必须是 JSON 对象", "a template is a JSON object"));
        }
        try
        {
            var template = DocumentTemplate.FromJson(json.GetRawText());
            foreach (var (part, role) in template.Fonts)
            {
                try
                {
                    FontRoles.Parse(role);
                }
                catch (ArgumentException)
                {
                    return (null, new Text($"fonts.{part}：“{role}”不是字体角色（标题、正文、黑体、楷体）", $"fonts.{part}: '{role}' is not a font role (标题, 正文, 黑体, 楷体)"));
                }
            }
            return (template, null);
        }
        catch (Exception error) when (error is JsonException or TemplateException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            return (null, new Text("模板无效：" + error.Message, "The template is not valid: " + error.Message));
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,99}$")]
    private static partial Regex KeyPattern();

    private static readonly Text NoSuchTemplate = new("没有这个文书模板", "No such document template");
    internal static readonly Text AdministratorsOnly = new("只有系统管理员可以管理文书模板和字体", "Only system administrators manage document templates and fonts");
}
