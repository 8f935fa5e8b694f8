using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Audit;
using Workflows.Data.Documents;
using Workflows.Documents.Fonts;
using Workflows.Documents.Numbering;
using Workflows.Pdf.Images;
using Workflows.Server.Hosting;
using Workflows.Server.Security;

namespace Workflows.Server.Documents;

/// <summary>
/// What documents are made with besides templates: fonts mapped to roles (system administrators),
/// each unit's seal image and 文号 patterns (that unit's administrators). Every upload is recorded
/// in the security audit log.
/// </summary>
public static class DocumentAssetsApi
{
    public const long MaxFontBytes = 64 * 1024 * 1024;
    public const long MaxSealBytes = 2 * 1024 * 1024;

    public static void MapDocumentAssets(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/documents").WithTags("Document fonts and seals");
        group.MapGet("/fonts", Fonts).WithSummary("System administrators: the uploaded font in force for each role (标题, 正文, 黑体, 楷体).");
        group.MapPost("/fonts", UploadFont).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(MaxFontBytes))
            .WithSummary("System administrators: upload a TrueType font (form fields file, role, faceIndex) and map it to a role; broken or CFF-only files are refused with the reason.");
        group.MapPost("/seals/{unitId:guid}", UploadSeal).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(MaxSealBytes))
            .WithSummary("Unit administrators: upload the unit's seal (PNG with transparency, form field file), pressed on its official documents from now on.");
        group.MapGet("/number-patterns/{unitId:guid}", Patterns).WithSummary("Unit administrators: the unit's 文号 patterns.");
        group.MapPut("/number-patterns/{unitId:guid}", SetPattern)
            .WithSummary("Unit administrators: set the unit's 文号 pattern for one template (or all, without templateKey), e.g. {unitAbbr}民发〔{year}〕{seq}号.");
    }

    public sealed record FontView(Guid Id, string Role, string RoleName, string FileName, string FamilyName, int FaceIndex, string Sha256, DateTime UploadedAt);

    public sealed record SealView(Guid Id, Guid UnitId, string Sha256, int Width, int Height, DateTime UploadedAt);

    public sealed record PatternView(string? TemplateKey, string Pattern, string Example, DateTime UpdatedAt);

    public sealed record PatternRequest(string? TemplateKey, string? Pattern);

    private static async Task<Results<Ok<List<FontView>>, ProblemHttpResult>> Fonts(HttpContext http, CallerAccessor callers, WorkflowsDbContext db, SecurityAudit audit)
    {
        var caller = await callers.RequireAsync();
        if (!caller.IsSystemAdministrator)
        {
            await audit.DeniedAsync(caller, "list document fonts", null);
            return Problems.Forbidden(http, TemplatesApi.AdministratorsOnly);
        }
        var fonts = await db.DocumentFonts.AsNoTracking().ToListAsync();
        return TypedResults.Ok(fonts.GroupBy(f => f.Role).Select(g => g.OrderByDescending(f => f.UploadedAt).First())
            .OrderBy(f => f.Role, StringComparer.Ordinal).Select(FontViewOf).ToList());
    }

    private static async Task<Results<Created<FontView>, ValidationProblem, ProblemHttpResult>> UploadFont(IFormFile? file, [FromForm] string? role, [FromForm] int? faceIndex,
        HttpContext http, CallerAccessor callers, WorkflowsDbContext db, SecurityAudit audit, IDocumentStore store, TimeProvider clock)
    {
        var caller = await callers.RequireAsync();
        if (!caller.IsSystemAdministrator)
        {
            await audit.DeniedAsync(caller, "upload document font", file?.FileName);
            return Problems.Forbidden(http, TemplatesApi.AdministratorsOnly);
        }
        var errors = new FieldErrors();
        FontRole parsed = default;
        try
        {
            parsed = FontRoles.Parse(role ?? "");
        }
        catch (ArgumentException)
        {
            errors.Add("role", new("请选择字体角色：标题、正文、黑体或楷体", "choose a font role: 标题, 正文, 黑体 or 楷体 (Title, Body, Heiti, Kaiti)"));
        }
        if (faceIndex is < 0 or > 255)
        {
            errors.Add("faceIndex", new("字体序号应在 0 到 255 之间", "the face index is between 0 and 255"));
        }
        if (file is null || file.Length == 0)
        {
            errors.Add("file", new("请上传字体文件（.ttf 或 .ttc）", "upload a font file (.ttf or .ttc)"));
        }
        if (errors.Any)
        {
            return Problems.Validation(http, errors);
        }
        var bytes = await ReadAsync(file!, http);
        var check = FontUpload.Check(bytes, faceIndex ?? 0);
        if (!check.Accepted)
        {
            return Problems.Validation(http, "file", new(check.ReasonZh ?? "字体文件不可用", check.ReasonEn ?? "The font file cannot be used"));
        }
        var key = await store.SaveAsync(bytes, http.RequestAborted);
        var font = new DocumentFontFile
        {
            Id = Guid.NewGuid(), Role = parsed.ToString(), FileName = Truncate(Path.GetFileName(file!.FileName), 200), FamilyName = Truncate(check.FamilyName ?? "", 200),
            FaceIndex = faceIndex ?? 0, Sha256 = key, StorageKey = key, UploadedAt = clock.GetUtcNow().UtcDateTime, UploadedById = caller.UserId,
        };
        db.DocumentFonts.Add(font);
        audit.Add(SecurityAuditKind.DocumentFontUploaded, caller.UserId, caller.UserName, font.FileName,
            $"role {parsed.ChineseName()} ({parsed}), family {font.FamilyName}, sha256 {key}");
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Created("/api/v1/documents/fonts", FontViewOf(font));
    }

    private static async Task<Results<Created<SealView>, ValidationProblem, ProblemHttpResult>> UploadSeal(Guid unitId, IFormFile? file, HttpContext http,
        CallerAccessor callers, WorkflowsDbContext db, SecurityAudit audit, IDocumentStore store, TimeProvider clock)
    {
        var caller = await callers.RequireAsync();
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId);
        if (unit is null)
        {
            return Problems.NotFound(http, new("单位不存在", "No such unit"));
        }
        if (!AccessPolicy.CanManageUnit(caller, unit.Path))
        {
            await audit.DeniedAsync(caller, "upload unit seal", unit.Code, unit.Id);
            return Problems.Forbidden(http, UnitAdministratorsOnly);
        }
        if (file is null || file.Length == 0)
        {
            return Problems.Validation(http, "file", new("请上传印章图片（带透明背景的 PNG）", "upload the seal image (PNG with a transparent background)"));
        }
        var bytes = await ReadAsync(file, http);
        PngImage png;
        try
        {
            png = PngImage.Decode(bytes);
        }
        catch (Exception error) when (error is ImageFormatException or InvalidDataException or ArgumentException or IndexOutOfRangeException)
        {
            return Problems.Validation(http, "file", new("不是有效的 PNG 图片", "the file is not a valid PNG image"));
        }
        if (!png.HasAlpha)
        {
            return Problems.Validation(http, "file", new("印章图片必须有透明背景（带 Alpha 通道或透明色的 PNG），否则会遮住文字",
                "the seal needs a transparent background (a PNG with alpha or a transparent colour), or it would hide the text"));
        }
        var key = await store.SaveAsync(bytes, http.RequestAborted);
        var seal = new UnitSeal { Id = Guid.NewGuid(), UnitId = unit.Id, Sha256 = key, StorageKey = key, UploadedAt = clock.GetUtcNow().UtcDateTime, UploadedById = caller.UserId };
        db.UnitSeals.Add(seal);
        audit.Add(SecurityAuditKind.UnitSealUploaded, caller.UserId, caller.UserName, unit.Code, $"seal {png.Width}×{png.Height}, sha256 {key}", unit.Id);
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Created($"/api/v1/documents/seals/{unit.Id}", new SealView(seal.Id, unit.Id, key, png.Width, png.Height, seal.UploadedAt));
    }

    private static async Task<Results<Ok<List<PatternView>>, ProblemHttpResult>> Patterns(Guid unitId, HttpContext http, CallerAccessor callers,
        WorkflowsDbContext db, SecurityAudit audit)
    {
        var caller = await callers.RequireAsync();
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId);
        if (unit is null)
        {
            return Problems.NotFound(http, new("单位不存在", "No such unit"));
        }
        if (!AccessPolicy.CanManageUnit(caller, unit.Path))
        {
            await audit.DeniedAsync(caller, "read number patterns", unit.Code, unit.Id);
            return Problems.Forbidden(http, UnitAdministratorsOnly);
        }
        var patterns = await db.DocumentNumberPatterns.AsNoTracking().Where(p => p.UnitId == unitId).ToListAsync();
        return TypedResults.Ok(patterns.OrderBy(p => p.TemplateKey, StringComparer.Ordinal).Select(p => PatternViewOf(p, unit)).ToList());
    }

    private static async Task<Results<Ok<PatternView>, ValidationProblem, ProblemHttpResult>> SetPattern(Guid unitId, PatternRequest request, HttpContext http,
        CallerAccessor callers, WorkflowsDbContext db, SecurityAudit audit, TimeProvider clock)
    {
        var caller = await callers.RequireAsync();
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId);
        if (unit is null)
        {
            return Problems.NotFound(http, new("单位不存在", "No such unit"));
        }
        if (!AccessPolicy.CanManageUnit(caller, unit.Path))
        {
            await audit.DeniedAsync(caller, "change number pattern", unit.Code, unit.Id);
            return Problems.Forbidden(http, UnitAdministratorsOnly);
        }
        var errors = new FieldErrors();
        errors.Name("pattern", request.Pattern, DocumentSequence.SeriesMaxLength);
        errors.MaxLength("templateKey", request.TemplateKey, 100);
        if (!errors.Any)
        {
            try
            {
                _ = new DocumentNumber(request.Pattern!);
            }
            catch (FormatException error)
            {
                errors.Add("pattern", new("文号格式无效：" + error.Message, error.Message));
            }
        }
        if (errors.Any)
        {
            return Problems.Validation(http, errors);
        }
        var templateKey = DocumentTemplates.KeyOf(request.TemplateKey ?? "");
        var now = clock.GetUtcNow().UtcDateTime;
        var pattern = await db.DocumentNumberPatterns.SingleOrDefaultAsync(p => p.UnitId == unitId && p.TemplateKey == templateKey);
        if (pattern is null)
        {
            pattern = new DocumentNumberPattern { Id = Guid.NewGuid(), UnitId = unitId, TemplateKey = templateKey };
            db.DocumentNumberPatterns.Add(pattern);
        }
        pattern.Pattern = request.Pattern!.Trim();
        pattern.UpdatedAt = now;
        pattern.Revision++;
        audit.Add(SecurityAuditKind.DocumentNumberPatternChanged, caller.UserId, caller.UserName, unit.Code,
            $"{(templateKey.Length == 0 ? "all templates" : templateKey)}: {pattern.Pattern}", unit.Id);
        try
        {
            await db.SaveChangesAsync(http.RequestAborted);
        }
        catch (DbUpdateException)
        {
            return Problems.Conflict(http, new("文号格式刚被别人修改，请刷新后重试", "Someone has just changed this pattern; reload and try again"));
        }
        return TypedResults.Ok(PatternViewOf(pattern, unit));
    }

    private static PatternView PatternViewOf(DocumentNumberPattern p, Data.Organisation.Unit unit) =>
        new(p.TemplateKey.Length == 0 ? null : p.TemplateKey, p.Pattern, new DocumentNumber(p.Pattern).Format(DocumentNumbering.Abbreviation(unit), 2026, 1), p.UpdatedAt);

    private static FontView FontViewOf(DocumentFontFile f) =>
        new(f.Id, f.Role, Enum.Parse<FontRole>(f.Role).ChineseName(), f.FileName, f.FamilyName, f.FaceIndex, f.Sha256, f.UploadedAt);

    private static async Task<byte[]> ReadAsync(IFormFile file, HttpContext http)
    {
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, http.RequestAborted);
        return buffer.ToArray();
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    private static readonly Text UnitAdministratorsOnly = new("只有本单位的管理员可以管理印章和文号", "Only the unit's administrators manage its seal and document numbers");
}
