using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UglyToad.PdfPig;
using Workflows.Data.Audit;
using Workflows.Documents.Templates;
using Workflows.Server.Hosting;
using Workflows.Server.Runtime;
using Workflows.Server.Tests.Infrastructure;
using static Workflows.Server.Tests.Documents.DocumentCases;

namespace Workflows.Server.Tests.Documents;

public sealed class DocumentAdministrationTests(WorkflowsServer server) : IClassFixture<WorkflowsServer>
{
    private static string ShippedFont(string file) => Path.Combine(AppContext.BaseDirectory, "fonts", file);

    [Fact]
    public async Task A_broken_font_upload_is_refused_with_the_reason_and_a_good_one_is_mapped_to_its_role()
    {
        var admin = await server.SignInAsync("admin", "en");
        var font = await File.ReadAllBytesAsync(ShippedFont("NotoSansSC-Regular.ttf"));

        var broken = await (await admin.PostAsync("/api/v1/documents/fonts", FontForm(font[..4096], "正文"))).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("broken", Assert.Single(broken.ErrorsFor("file")));
        var notAFont = await (await admin.PostAsync("/api/v1/documents/fonts", FontForm("这不是字体"u8.ToArray(), "正文"))).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(notAFont.ErrorsFor("file"));
        var noRole = await (await admin.PostAsync("/api/v1/documents/fonts", FontForm(font, "宋体加粗"))).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(noRole.ErrorsFor("role"));

        var applicant = await server.SignInAsync("dongsheng");
        await (await applicant.PostAsync("/api/v1/documents/fonts", FontForm(font, "黑体"))).ExpectAsync(HttpStatusCode.Forbidden);

        var accepted = await (await admin.PostAsync("/api/v1/documents/fonts", FontForm(font, "黑体", "heiti.ttf"))).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("Heiti", accepted.GetProperty("role").GetString());
        var fonts = await (await admin.GetAsync("/api/v1/documents/fonts")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("heiti.ttf", Assert.Single(fonts.EnumerateArray()).GetProperty("fileName").GetString());
        Assert.True(await server.WithDbAsync(db => db.SecurityAuditEvents.AnyAsync(e => e.Kind == SecurityAuditKind.DocumentFontUploaded && e.Target == "heiti.ttf")));
        Assert.True(Directory.EnumerateFiles(Path.Combine(DataDirectory(), "documents"), "*", SearchOption.AllDirectories).Any());

        // Documents are still issued with the uploaded font in the 黑体 role.
        var id = await StartAsync(applicant, "东升社区 上传字体后");
        await ApproveAtCountyAsync(server, id);
        Assert.Equal(1, await server.Service<OutboxDispatcher>().DrainAsync());
        Assert.StartsWith("肇民发〔2026〕", (await OnlyDocumentAsync(applicant, id)).GetProperty("number").GetString());
    }

    [Fact]
    public async Task An_administrator_adds_a_template_version_which_new_documents_use_and_previews_it()
    {
        var admin = await server.SignInAsync("admin");
        var shipped = TemplateLibrary.Json("official-reply").Replace("此复。", "特此批复。");
        var created = await (await admin.PostRawJsonAsync("/api/v1/documents/templates/official-reply/versions", shipped)).ExpectAsync(HttpStatusCode.Created);
        var version = created.GetProperty("version").GetInt32();
        Assert.True(version >= 2);

        var list = await (await admin.GetAsync("/api/v1/documents/templates")).ExpectAsync(HttpStatusCode.OK);
        var reply = list.EnumerateArray().Single(t => t.GetProperty("key").GetString() == "official-reply");
        Assert.Equal(version, reply.GetProperty("currentVersion").GetInt32());
        Assert.Contains(1, reply.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
        var first = await (await admin.GetAsync("/api/v1/documents/templates/official-reply?version=1")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains("此复。", first.GetProperty("json").GetRawText());

        var bad = await (await admin.PostRawJsonAsync("/api/v1/documents/templates/official-reply/versions",
            shipped.Replace("\"body\": \"正文\"", "\"body\": \"隶书\""))).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(bad.ErrorsFor("template"));
        var reviewer = await server.SignInAsync("zhaodong.approver");
        await (await reviewer.PostRawJsonAsync("/api/v1/documents/templates/official-reply/versions", shipped)).ExpectAsync(HttpStatusCode.Forbidden);

        var preview = await admin.PostAsJsonAsync("/api/v1/documents/templates/official-reply/preview", new
        {
            data = new { applicant = new { name = "示例社区" }, form = new { facilityKind = "服务站", requestedArea = 120, address = "示例路1号", fundingSource = "自筹" } },
        });
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal("application/pdf", preview.Content.Headers.ContentType?.MediaType);
        using (var read = PdfDocument.Open(await preview.Content.ReadAsByteArrayAsync()))
        {
            Assert.Contains("特此批复", string.Concat(read.GetPages().Select(p => p.Text)));
        }
        var missing = await (await admin.PostAsJsonAsync("/api/v1/documents/templates/official-reply/preview", new { data = new { applicant = new { name = "示例社区" } } }))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("form.", missing.GetProperty("detail").GetString());

        var applicant = await server.SignInAsync("dongsheng");
        var id = await StartAsync(applicant, "东升社区 新版模板");
        await ApproveAtCountyAsync(server, id);
        await server.Service<OutboxDispatcher>().DrainAsync();
        var document = await OnlyDocumentAsync(applicant, id);
        Assert.Equal(version, document.GetProperty("templateVersion").GetInt32());
    }

    [Fact]
    public async Task A_unit_administrator_uploads_a_transparent_seal_for_their_unit_only()
    {
        var zhaodong = await server.UnitIdAsync("231282");
        var qingan = await server.UnitIdAsync("231224");
        var unitAdmin = await server.SignInAsync("zhaodong.approver");
        var seal = Png.RedSeal(64, transparent: true);

        await (await unitAdmin.PostAsync($"/api/v1/documents/seals/{qingan}", IssuedDocumentTests.Upload(seal, fileName: "seal.png", type: "image/png")))
            .ExpectAsync(HttpStatusCode.Forbidden);
        var opaque = await (await unitAdmin.PostAsync($"/api/v1/documents/seals/{zhaodong}", IssuedDocumentTests.Upload(Png.RedSeal(64, transparent: false), fileName: "seal.png", type: "image/png")))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(opaque.ErrorsFor("file"));
        var stored = await (await unitAdmin.PostAsync($"/api/v1/documents/seals/{zhaodong}", IssuedDocumentTests.Upload(seal, fileName: "seal.png", type: "image/png")))
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(64, stored.GetProperty("width").GetInt32());
        Assert.True(await server.WithDbAsync(db => db.SecurityAuditEvents.AnyAsync(e => e.Kind == SecurityAuditKind.UnitSealUploaded && e.UnitId == zhaodong)));

        var applicant = await server.SignInAsync("dongsheng");
        var id = await StartAsync(applicant, "东升社区 盖章");
        await ApproveAtCountyAsync(server, id);
        Assert.Equal(1, await server.Service<OutboxDispatcher>().DrainAsync());
        var pdf = await applicant.GetByteArrayAsync($"/api/v1/documents/{(await OnlyDocumentAsync(applicant, id)).GetProperty("id").GetGuid()}/pdf");
        using var read = PdfDocument.Open(pdf);
        Assert.NotEmpty(read.GetPage(read.NumberOfPages).GetImages());
    }

    [Fact]
    public async Task A_unit_pattern_changes_the_numbers_of_its_documents()
    {
        var unitAdmin = await server.SignInAsync("zhaodong.approver");
        var zhaodong = await server.UnitIdAsync("231282");
        var bad = await (await unitAdmin.PutAsJsonAsync($"/api/v1/documents/number-patterns/{zhaodong}", new { templateKey = "official-notice", pattern = "{unitAbbr}民发〔{year}〕第{seq}号" }))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(bad.ErrorsFor("pattern"));
        var set = await (await unitAdmin.PutAsJsonAsync($"/api/v1/documents/number-patterns/{zhaodong}", new { templateKey = "official-notice", pattern = "{unitAbbr}民通〔{year}〕{seq}号" }))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("肇民通〔2026〕1号", set.GetProperty("example").GetString());
        var other = await server.SignInAsync("qingan.approver");
        await (await other.PutAsJsonAsync($"/api/v1/documents/number-patterns/{zhaodong}", new { pattern = "{unitAbbr}发〔{year}〕{seq}号" }))
            .ExpectAsync(HttpStatusCode.Forbidden);
    }

    private string DataDirectory() => server.Service<IOptions<ServerOptions>>().Value.DataDirectory;

    private static MultipartFormDataContent FontForm(byte[] bytes, string role, string fileName = "font.ttf")
    {
        var form = IssuedDocumentTests.Upload(bytes, fileName: fileName, type: "font/ttf");
        form.Add(new StringContent(role), "role");
        return form;
    }
}
