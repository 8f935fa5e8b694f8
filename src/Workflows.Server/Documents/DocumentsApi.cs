using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Data;
using Workflows.Data.Documents;
using Workflows.Server.Hosting;
using Workflows.Server.Runtime;
using Workflows.Server.Security;

namespace Workflows.Server.Documents;

/// <summary>Issued documents: a case's documents, the PDF download, and the public verification check.</summary>
public static class DocumentsApi
{
    public const string VerificationRateLimit = "document-verification";
    public const long MaxVerificationUploadBytes = 20 * 1024 * 1024;

    public static void MapIssuedDocuments(this IEndpointRouteBuilder api)
    {
        api.MapGet("/instances/{id:guid}/documents", ForCase).WithTags("Documents")
            .WithSummary("The documents issued for a case, oldest first.");
        var group = api.MapGroup("/documents").WithTags("Documents");
        group.MapGet("/{id:guid}", Get).WithSummary("One issued document: title, number, issuer, date, digest.");
        group.MapGet("/{id:guid}/pdf", Download).WithSummary("The issued PDF, exactly as issued.");
        group.MapGet("/verify/{code}", VerifyCode).AllowAnonymous()
            .WithSummary("Public: what the short code on a document stands for (title, number, issuer, date, SHA-256).");
        group.MapPost("/verify", VerifyFile).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(VerificationRateLimit)
            .WithMetadata(new RequestSizeLimitAttribute(MaxVerificationUploadBytes))
            .WithSummary("Public: is this PDF file (form field 'file') exactly a document that was issued? Altered copies are not.");
    }

    public sealed record DocumentView(Guid Id, string Code, string Title, string Number, Guid IssuerUnitId, string IssuerName, DateOnly IssuedOn,
        string TemplateKey, int TemplateVersion, Guid? InstanceId, string Sha256, long Size, DateTime CreatedAt, string VerificationUrl);

    public sealed record VerificationView(string Code, string Title, string Number, string Issuer, DateOnly IssuedOn, string Sha256, string VerificationUrl);

    public sealed record FileCheckView(bool Genuine, string Sha256, string Message, VerificationView? Document);

    private static async Task<Results<Ok<List<DocumentView>>, ProblemHttpResult>> ForCase(Guid id, HttpContext http, CallerAccessor callers,
        WorkflowsDbContext db, SecurityAudit audit, IOptions<DocumentOptions> options)
    {
        var caller = await callers.RequireAsync();
        var instance = await db.WorkflowInstances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id);
        if (instance is null)
        {
            return Problems.NotFound(http, NoSuchCase);
        }
        if (!await InstancesApi.MayReadAsync(db, caller, instance))
        {
            await audit.DeniedAsync(caller, "list case documents", $"case {id}", instance.UnitId);
            return Problems.Forbidden(http, OutsideArea);
        }
        var documents = await db.IssuedDocuments.AsNoTracking().Where(d => d.InstanceId == id).ToListAsync();
        return TypedResults.Ok(documents.OrderBy(d => d.CreatedAt).ThenBy(d => d.Sequence).Select(d => View(d, options.Value)).ToList());
    }

    private static async Task<Results<Ok<DocumentView>, ProblemHttpResult>> Get(Guid id, HttpContext http, CallerAccessor callers,
        WorkflowsDbContext db, SecurityAudit audit, IOptions<DocumentOptions> options)
    {
        var (document, problem) = await ReadableAsync(id, http, callers, db, audit, "read document");
        return document is null ? problem! : TypedResults.Ok(View(document, options.Value));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Download(Guid id, HttpContext http, CallerAccessor callers,
        WorkflowsDbContext db, SecurityAudit audit, IDocumentStore store)
    {
        var (document, problem) = await ReadableAsync(id, http, callers, db, audit, "download document");
        if (document is null)
        {
            return problem!;
        }
        var bytes = await store.ReadAsync(document.StorageKey, http.RequestAborted);
        if (bytes is null || FileDocumentStore.Sha256Hex(bytes) != document.Sha256)
        {
            // Never hand out something other than what was issued.
            return Problems.Problem(http, StatusCodes.Status500InternalServerError, "document-unavailable",
                new("文书文件不可用", "Document file unavailable"),
                new("文书文件缺失或与签发时的摘要不符", "The stored file is missing or does not match the digest recorded at issue"));
        }
        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(bytes, "application/pdf", SafeFileName(document));
    }

    private static async Task<Results<Ok<VerificationView>, ProblemHttpResult>> VerifyCode(string code, HttpContext http, WorkflowsDbContext db,
        IOptions<DocumentOptions> options)
    {
        var document = await FindByCodeAsync(db, code);
        return document is null ? Problems.NotFound(http, NoSuchCode) : TypedResults.Ok(Public(document, options.Value));
    }

    private static async Task<Results<Ok<FileCheckView>, ValidationProblem>> VerifyFile(IFormFile? file, HttpContext http, WorkflowsDbContext db,
        IOptions<DocumentOptions> options)
    {
        if (file is null || file.Length == 0)
        {
            return Problems.Validation(http, "file", new("请上传要核验的 PDF 文件", "upload the PDF file to check"));
        }
        if (file.Length > MaxVerificationUploadBytes)
        {
            return Problems.Validation(http, "file", new("文件过大", "the file is too large"));
        }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, http.RequestAborted);
        var digest = FileDocumentStore.Sha256Hex(buffer.ToArray());
        var document = await db.IssuedDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Sha256 == digest, http.RequestAborted);
        var language = Languages.Of(http);
        return TypedResults.Ok(document is null
            ? new FileCheckView(false, digest, new Text("该文件与任何已签发文书都不一致：可能不是本系统签发的，或签发后被修改过。",
                "This file matches no issued document: it was not issued here, or it was changed after issue.").In(language), null)
            : new FileCheckView(true, digest, new Text("该文件与已签发文书完全一致。", "This file is exactly the document as issued.").In(language),
                Public(document, options.Value)));
    }

    public static async Task<IssuedDocument?> FindByCodeAsync(WorkflowsDbContext db, string? typed)
    {
        var code = ShortCodes.Normalise(typed);
        return code is null ? null : await db.IssuedDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Code == code);
    }

    /// <summary>A document the caller may see: through its case, or else as work of the issuing unit.</summary>
    private static async Task<(IssuedDocument? Document, ProblemHttpResult? Problem)> ReadableAsync(Guid id, HttpContext http, CallerAccessor callers,
        WorkflowsDbContext db, SecurityAudit audit, string action)
    {
        var caller = await callers.RequireAsync();
        var document = await db.IssuedDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id);
        if (document is null)
        {
            return (null, Problems.NotFound(http, NoSuchDocument));
        }
        var instance = document.InstanceId is null ? null
            : await db.WorkflowInstances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == document.InstanceId);
        var allowed = instance is not null
            ? await InstancesApi.MayReadAsync(db, caller, instance)
            : await db.Units.AsNoTracking().Where(u => u.Id == document.IssuerUnitId).Select(u => u.Path).SingleOrDefaultAsync() is { } path
              && AccessPolicy.CanReadWork(caller, path);
        if (!allowed)
        {
            await audit.DeniedAsync(caller, action, $"document {id}", instance?.UnitId ?? document.IssuerUnitId);
            return (null, Problems.Forbidden(http, OutsideArea));
        }
        return (document, null);
    }

    public static DocumentView View(IssuedDocument d, DocumentOptions options) => new(d.Id, ShortCodes.Display(d.Code), d.Title, d.Number,
        d.IssuerUnitId, d.IssuerName, d.IssuedOn, d.TemplateKey, d.TemplateVersion, d.InstanceId, d.Sha256, d.Size, d.CreatedAt, options.VerificationUrl(d.Code));

    public static VerificationView Public(IssuedDocument d, DocumentOptions options) =>
        new(ShortCodes.Display(d.Code), d.Title, d.Number, d.IssuerName, d.IssuedOn, d.Sha256, options.VerificationUrl(d.Code));

    /// <summary>肇民发〔2026〕1号 关于同意….pdf, without characters that file systems or headers refuse.</summary>
    public static string SafeFileName(IssuedDocument document)
    {
        var name = new StringBuilder();
        foreach (var c in $"{document.Number} {document.Title}")
        {
            name.Append(char.IsControl(c) || Path.GetInvalidFileNameChars().Contains(c) || c is '"' or '\\' or '/' or ':' or '*' or '?' or '<' or '>' or '|' or ';' ? '_' : c);
        }
        var text = name.ToString().Trim().TrimEnd('.');
        if (text.Length > 120)
        {
            text = text[..120];
        }
        return (text.Length == 0 ? "document" : text) + ".pdf";
    }

    private static readonly Text NoSuchCase = new("没有这个案件", "No such case");
    private static readonly Text NoSuchDocument = new("没有这份文书", "No such document");
    private static readonly Text NoSuchCode = new("没有与该验证码对应的文书", "No document has this verification code");
    private static readonly Text OutsideArea = new("该文书不在您的管辖范围内", "This document is outside your area");
}
