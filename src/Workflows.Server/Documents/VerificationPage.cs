using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Workflows.Data;
using Workflows.Data.Documents;

namespace Workflows.Server.Documents;

/// <summary>
/// The public page the QR code on a document leads to: <c>/verify/{code}</c>, without signing in,
/// in Chinese with English, showing what was issued under that code so a reader can compare it
/// with the paper, and a form to check a PDF file byte for byte.
/// </summary>
public static class VerificationPage
{
    // Chinese stays readable in the page source; markup characters are still escaped.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public static void MapVerificationPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/verify/{code}", Show).AllowAnonymous().ExcludeFromDescription();
    }

    private static async Task<ContentHttpResult> Show(string code, HttpContext http, WorkflowsDbContext db, IOptions<DocumentOptions> options)
    {
        var document = await DocumentsApi.FindByCodeAsync(db, code);
        http.Response.Headers["X-Content-Type-Options"] = "nosniff";
        http.Response.Headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'";
        http.Response.Headers.CacheControl = "no-store";
        return document is null
            ? TypedResults.Content(Page("未找到文书 / Document not found",
                "<p class=\"bad\">没有与该验证码对应的文书。请核对验证码是否输入正确。</p><p class=\"en\">No document was issued under this code. Check that the code was typed correctly.</p>"),
                "text/html; charset=utf-8", null, StatusCodes.Status404NotFound)
            : TypedResults.Content(Page("文书核验 / Document verification", Details(document)), "text/html; charset=utf-8");
    }

    private static string Details(IssuedDocument d)
    {
        static string E(string value) => Html.Encode(value);
        return $"""
            <p class="ok">该验证码对应以下已签发的文书。请核对纸质文书的标题、文号、发文单位和日期是否一致。</p>
            <p class="en">This code belongs to the document below. Check that the title, number, issuer and date match the paper.</p>
            <table>
              <tr><th>标题 <span>Title</span></th><td>{E(d.Title)}</td></tr>
              <tr><th>文号 <span>Number</span></th><td>{E(d.Number)}</td></tr>
              <tr><th>发文单位 <span>Issuer</span></th><td>{E(d.IssuerName)}</td></tr>
              <tr><th>成文日期 <span>Date</span></th><td>{d.IssuedOn.Year}年{d.IssuedOn.Month}月{d.IssuedOn.Day}日 ({d.IssuedOn:yyyy-MM-dd})</td></tr>
              <tr><th>验证码 <span>Code</span></th><td>{E(ShortCodes.Display(d.Code))}</td></tr>
              <tr><th>SHA-256 摘要 <span>Digest</span></th><td class="digest">{E(d.Sha256)}</td></tr>
            </table>
            <h2>核验电子文件 <span>Check an electronic copy</span></h2>
            <p>上传 PDF 文件，系统将判断它是否与签发的文书逐字节一致；签发后被修改过的文件不能通过核验。</p>
            <p class="en">Upload the PDF file to learn whether it is byte for byte the document as issued; a file changed after issue does not verify.</p>
            <form method="post" action="/api/v1/documents/verify" enctype="multipart/form-data">
              <input type="file" name="file" accept="application/pdf" required> <button type="submit">核验 Check</button>
            </form>
            """;
    }

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
