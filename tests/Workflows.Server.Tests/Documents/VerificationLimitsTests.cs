using System.Net;
using Microsoft.EntityFrameworkCore;
using Workflows.Server.Runtime;
using Workflows.Server.Tests.Infrastructure;
using static Workflows.Server.Tests.Documents.DocumentCases;

namespace Workflows.Server.Tests.Documents;

/// <summary>A server that allows two verification uploads a minute.</summary>
public sealed class StrictVerificationServer : WorkflowsServer
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Workflows:VerificationUploadsPerMinute"] = "2",
        ["Workflows:PublicBaseUrl"] = "https://mz.example.gov.cn/",
    };
}

public sealed class VerificationLimitsTests(StrictVerificationServer server) : IClassFixture<StrictVerificationServer>
{
    [Fact]
    public async Task The_anonymous_file_check_is_rate_limited_and_the_qr_code_points_at_the_public_address()
    {
        var anonymous = server.CreateClient();
        var file = "%PDF-1.7 not issued"u8.ToArray();
        await (await anonymous.PostAsync("/api/v1/documents/verify", IssuedDocumentTests.Upload(file))).ExpectAsync(HttpStatusCode.OK);
        await (await anonymous.PostAsync("/api/v1/documents/verify", IssuedDocumentTests.Upload(file))).ExpectAsync(HttpStatusCode.OK);
        var refused = await anonymous.PostAsync("/api/v1/documents/verify", IssuedDocumentTests.Upload(file));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("too-many-requests", (await refused.JsonAsync()).GetProperty("code").GetString());

        var applicant = await server.SignInAsync("dongsheng");
        var id = await StartAsync(applicant, "东升社区 公网地址");
        await ApproveAtCountyAsync(server, id);
        await server.Service<OutboxDispatcher>().DrainAsync();
        var document = await OnlyDocumentAsync(applicant, id);
        Assert.Equal("https://mz.example.gov.cn/verify/" + document.GetProperty("code").GetString()!.Replace("-", ""),
            document.GetProperty("verificationUrl").GetString());
    }

    [Fact]
    public async Task An_issued_document_cannot_be_changed_or_deleted_even_around_the_application()
    {
        var applicant = await server.SignInAsync("dongsheng");
        var id = await StartAsync(applicant, "东升社区 不可更改");
        await ApproveAtCountyAsync(server, id);
        await server.Service<OutboxDispatcher>().DrainAsync();
        var documentId = (await OnlyDocumentAsync(applicant, id)).GetProperty("id").GetGuid();

        await Assert.ThrowsAnyAsync<Exception>(() => server.WithDbAsync(db =>
            db.IssuedDocuments.Where(d => d.Id == documentId).ExecuteUpdateAsync(s => s.SetProperty(d => d.Number, "肇民发〔2026〕999号"))));
        await Assert.ThrowsAnyAsync<Exception>(() => server.WithDbAsync(db => db.IssuedDocuments.Where(d => d.Id == documentId).ExecuteDeleteAsync()));
        Assert.Equal(1, await server.WithDbAsync(db => db.IssuedDocuments.CountAsync(d => d.Id == documentId && d.Number.StartsWith("肇民发〔2026〕") && !d.Number.Contains("999"))));
    }
}
