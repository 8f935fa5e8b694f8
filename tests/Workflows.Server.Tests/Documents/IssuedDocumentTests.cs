using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;
using Workflows.Server.Runtime;
using Workflows.Server.Tests.Infrastructure;
using Workflows.Server.Tests.Runtime;
using static Workflows.Server.Tests.Documents.DocumentCases;

namespace Workflows.Server.Tests.Documents;

public sealed class IssuedDocumentTests(WorkflowsServer server) : IClassFixture<WorkflowsServer>
{
    [Fact]
    public async Task A_case_approved_at_the_county_gets_a_numbered_official_reply_stored_once()
    {
        var applicant = await server.SignInAsync("dongsheng");
        var id = await StartAsync(applicant, "东升社区 社区综合服务站建设申请");
        await ApproveAtCountyAsync(server, id);
        Assert.Equal(1, await server.Service<OutboxDispatcher>().DrainAsync());
        Assert.Equal(0, await server.Service<OutboxDispatcher>().DrainAsync());

        var detail = await Cases.CaseAsync(applicant, id);
        Assert.Equal("Completed", detail.GetProperty("instance").GetProperty("status").GetString());
        var number = detail.GetProperty("variables").GetProperty("documentNumber").GetString()!;
        Assert.Matches(@"^肇民发〔2026〕\d+号$", number);
        var document = await OnlyDocumentAsync(applicant, id);
        Assert.Equal(number, document.GetProperty("number").GetString());
        Assert.Equal("关于同意东升社区建设社区综合服务站的批复", document.GetProperty("title").GetString());
        Assert.Equal("肇东市", document.GetProperty("issuerName").GetString());
        Assert.Equal("2026-11-23", document.GetProperty("issuedOn").GetString());
        Assert.Equal(detail.GetProperty("variables").GetProperty("documentCode").GetString(), document.GetProperty("code").GetString());
        Assert.Equal(1, await server.WithDbAsync(db => db.IssuedDocuments.CountAsync(d => d.InstanceId == id)));

        var documentId = document.GetProperty("id").GetGuid();
        var response = await applicant.GetAsync($"/api/v1/documents/{documentId}/pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".pdf", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Contains(number, response.Content.Headers.ContentDisposition?.FileNameStar);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(document.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(pdf)));

        using (var read = PdfDocument.Open(pdf))
        {
            var text = string.Concat(read.GetPages().Select(p => p.Text));
            Assert.Contains(number, text);
            Assert.Contains("肇东市文件", text);
            Assert.Contains("东升社区", text);
            Assert.Contains("650", text);
            Assert.Contains("此复", text);
            Assert.Contains(document.GetProperty("code").GetString()!, text);
        }

        var county = await server.SignInAsync("zhaodong.approver");
        Assert.Equal(HttpStatusCode.OK, (await county.GetAsync($"/api/v1/documents/{documentId}/pdf")).StatusCode);
        var otherCounty = await server.SignInAsync("qingan.approver");
        await (await otherCounty.GetAsync($"/api/v1/documents/{documentId}/pdf")).ExpectAsync(HttpStatusCode.Forbidden);
        await (await otherCounty.GetAsync($"/api/v1/instances/{id}/documents")).ExpectAsync(HttpStatusCode.Forbidden);
        await (await server.CreateClient().GetAsync($"/api/v1/documents/{documentId}/pdf")).ExpectAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_verification_page_shows_the_document_and_a_copy_altered_by_one_byte_does_not_verify()
    {
        var applicant = await server.SignInAsync("dongsheng");
        var id = await StartAsync(applicant, "东升社区 核验测试");
        await ApproveAtCountyAsync(server, id);
        await server.Service<OutboxDispatcher>().DrainAsync();
        var document = await OnlyDocumentAsync(applicant, id);
        var code = document.GetProperty("code").GetString()!;
        var pdf = await applicant.GetByteArrayAsync($"/api/v1/documents/{document.GetProperty("id").GetGuid()}/pdf");

        var anonymous = server.CreateClient();
        var page = await anonymous.GetAsync($"/verify/{code}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains(document.GetProperty("number").GetString()!, html);
        Assert.Contains("关于同意东升社区建设社区综合服务站的批复", html);
        Assert.Contains("肇东市", html);
        Assert.Contains("2026年11月23日", html);
        Assert.Contains(document.GetProperty("sha256").GetString()!, html);
        Assert.Contains("Document verification", html);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/verify/ZZZZ-ZZZZ")).StatusCode);

        var byCode = await (await anonymous.GetAsync($"/api/v1/documents/verify/{code.ToLowerInvariant().Replace("-", "")}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(document.GetProperty("number").GetString(), byCode.GetProperty("number").GetString());
        Assert.Equal("http://localhost:5080/verify/" + code.Replace("-", ""), byCode.GetProperty("verificationUrl").GetString());

        var genuine = await (await anonymous.PostAsync("/api/v1/documents/verify", Upload(pdf))).ExpectAsync(HttpStatusCode.OK);
        Assert.True(genuine.GetProperty("genuine").GetBoolean());
        Assert.Equal(code, genuine.GetProperty("document").GetProperty("code").GetString());

        var tampered = (byte[])pdf.Clone();
        tampered[tampered.Length / 2] ^= 0x01;
        var altered = await (await anonymous.PostAsync("/api/v1/documents/verify", Upload(tampered))).ExpectAsync(HttpStatusCode.OK);
        Assert.False(altered.GetProperty("genuine").GetBoolean());
        Assert.Equal(JsonValueKindNull, altered.GetProperty("document").ValueKind);

        // The same check from the page's form answers in HTML.
        var pageCheck = await (await anonymous.PostAsync("/verify", Upload(pdf))).Content.ReadAsStringAsync();
        Assert.Contains("该文件与以下已签发文书完全一致", pageCheck);
        Assert.Contains(document.GetProperty("number").GetString()!, pageCheck);
        var pageRefusal = await anonymous.PostAsync("/verify", Upload(tampered));
        Assert.Equal(HttpStatusCode.OK, pageRefusal.StatusCode);
        Assert.Contains("签发后被修改过", await pageRefusal.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_field_the_template_needs_but_the_case_lacks_becomes_an_incident_after_the_retries_and_uses_no_number()
    {
        var applicant = await server.SignInAsync("xiangyang");
        var id = await StartAsync(applicant, "向阳社区 缺少选址", new { facilityKind = "社区服务站", requestedArea = 300, fundingSource = "自筹" });
        await ApproveAtCountyAsync(server, id);
        var outbox = server.Service<OutboxDispatcher>();
        var before = await server.WithDbAsync(db => db.DocumentSequences.SumAsync(s => s.Last));

        Assert.Equal(1, await outbox.DrainAsync());
        server.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(1, await outbox.DrainAsync());
        server.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(1, await outbox.DrainAsync());

        var detail = await Cases.CaseAsync(applicant, id);
        Assert.True(detail.GetProperty("instance").GetProperty("hasIncident").GetBoolean());
        var message = detail.GetProperty("incidents")[0].GetProperty("message").GetString()!;
        Assert.Contains("form.address", message);
        Assert.Contains("official-reply", message);
        Assert.Empty((await (await applicant.GetAsync($"/api/v1/instances/{id}/documents")).ExpectAsync(HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal(before, await server.WithDbAsync(db => db.DocumentSequences.SumAsync(s => s.Last)));
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    internal static MultipartFormDataContent Upload(byte[] bytes, string name = "file", string fileName = "document.pdf", string type = "application/pdf")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return new MultipartFormDataContent { { content, name, fileName } };
    }
}
