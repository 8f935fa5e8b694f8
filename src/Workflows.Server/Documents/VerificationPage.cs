using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Documents;

namespace Workflows.Server.Documents;

/// <summary>
/// The public pages the QR code on a document leads to, without signing in, in Chinese with
/// English: <c>GET /verify/{code}</c> shows what was issued under that code so a reader can compare
/// it with the paper; <c>POST /verify</c> (form field <c>file</c>) says whether a PDF file is byte for
/// byte a document that was issued.
/// </summary>
public static class VerificationPage
{
    // Chinese stays readable in the page source; markup characters are still escaped.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public static void MapVerificationPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/verify/{code}", Show).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/verify", CheckFile).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(DocumentsApi.VerificationRateLimit)
            .WithMetadata(new RequestSizeLimitAttribute(DocumentsApi.MaxVerificationUploadBytes)).ExcludeFromDescription();
    }

    private static async Task<ContentHttpResult> Show(string code, HttpContext http, WorkflowsDbContext db)
    {
        var document = await DocumentsApi.FindByCodeAsync(db, code);
        return document is null
            ? Respond(http, "未找到文书 / Document not found",
                "<p class=\"bad\">没有与该验证码对应的文书。请核对验证码是否输入正确。</p><p class=\"en\">No document was issued under this code. Check that the code was typed correctly.</p>" + UploadForm,
                StatusCodes.Status404NotFound)
            : Respond(http, "文书核验 / Document verification",
                "<p class=\"ok\">该验证码对应以下已签发的文书。请核对纸质文书的标题、文号、发文单位和日期是否一致。</p>" +
                "<p class=\"en\">This code belongs to the document below. Check that the title, number, issuer and date match the paper.</p>" +
                Details(document) + UploadForm);
    }

    private static async Task<ContentHttpResult> CheckFile(IFormFile? file, HttpContext http, WorkflowsDbContext db)
    {
        if (file is null || file.Length == 0 || file.Length > DocumentsApi.MaxVerificationUploadBytes)
        {
            return Respond(http, "文件核验 / File check",
                "<p class=\"bad\">请选择要核验的 PDF 文件。</p><p class=\"en\">Choose the PDF file to check.</p>" + UploadForm, StatusCodes.Status400BadRequest);
        }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, http.RequestAborted);
        var digest = FileDocumentStore.Sha256Hex(buffer.ToArray());
        var document = await db.IssuedDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Sha256 == digest, http.RequestAborted);
        return document is null
            ? Respond(http, "文件核验 / File check",
                "<p class=\"bad\">该文件与任何已签发文书都不一致：可能不是本系统签发的，或签发后被修改过。</p>" +
                "<p class=\"en\">This file matches no issued document: it was not issued here, or it was changed after issue.</p>" +
                $"<p>文件摘要 <span class=\"en\">File digest</span> (SHA-256): <span class=\"digest\">{digest}</span></p>" + UploadForm)
            : Respond(http, "文件核验 / File check",
                "<p class=\"ok\">该文件与以下已签发文书完全一致。</p><p class=\"en\">This file is exactly the document below, as issued.</p>" + Details(document) + UploadForm);
    }

    private static ContentHttpResult Respond(HttpContext http, string title, string body, int status = StatusCodes.Status200OK)
    {
        http.Response.Headers["X-Content-Type-Options"] = "nosniff";
        http.Response.Headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'";
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Content(Page(title, body), "text/html; charset=utf-8", null, status);
    }

    private static string Details(IssuedDocument d)
    {
        static string E(string value) => Html.Encode(value);
        return $"""
            <table>
              <tr><th>标题 <span>Title</span></th><td>{E(d.Title)}</td></tr>
              <tr><th>文号 <span>Number</span></th><td>{E(d.Number)}</td></tr>
              <tr><th>发文单位 <span>Issuer</span></th><td>{E(d.IssuerName)}</td></tr>
              <tr><th>成文日期 <span>Date</span></th><td>{d.IssuedOn.Year}年{d.IssuedOn.Month}月{d.IssuedOn.Day}日 ({d.IssuedOn:yyyy-MM-dd})</td></tr>
              <tr><th>验证码 <span>Code</span></th><td>{E(ShortCodes.Display(d.Code))}</td></tr>
              <tr><th>SHA-256 摘要 <span>Digest</span></th><td class="digest">{E(d.Sha256)}</td></tr>
            </table>
            """;
    }

    private const string UploadForm = """
        <h2>核验电子文件 <span>Check an electronic copy</span></h2>
        <p>上传 PDF 文件，系统将判断它是否与签发的文书逐字节一致；签发后被修改过的文件不能通过核验。</p>
        <p class="en">Upload the PDF file to learn whether it is byte for byte a document as issued; a file changed after issue does not verify.</p>
        <form method="post" action="/verify" enctype="multipart/form-data">
          <input type="file" name="file" accept="application/pdf" required> <button type="submit">核验 Check</button>
        </form>
        """;

    private static string Page(string title, string body) => $$"""
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>{{Html.Encode(title)}}</title>
        <style>
          body { font-family: "Noto Sans SC", "Microsoft YaHei", sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
          h1 { font-size: 1.4rem; border-bottom: 3px solid #c00; padding-bottom: .4rem; }
          h2 { font-size: 1.1rem; margin-top: 2rem; }
          h2 span, th span { color: #666; font-weight: normal; font-size: .85em; }
          table { border-collapse: collapse; width: 100%; }
          th, td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid #ddd; vertical-align: top; }
          th { width: 11rem; white-space: nowrap; }
          .digest { font-family: monospace; word-break: break-all; }
          .ok { color: #075; font-weight: bold; } .bad { color: #b00; font-weight: bold; } .en { color: #555; }
        </style>
        </head>
        <body>
        <h1>{{Html.Encode(title)}}</h1>
        {{body}}
        </body>
        </html>
        """;
}
