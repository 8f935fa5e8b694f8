using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;
using Workflows.Server.Documents;
using Workflows.Server.Runtime;
using Workflows.Server.Tests.Infrastructure;
using static Workflows.Server.Tests.Documents.DocumentCases;

namespace Workflows.Server.Tests.Documents;

public sealed class ShippedFormFieldsTests(WorkflowsServer server) : IClassFixture<WorkflowsServer>
{
    [Fact]
    public async Task A_case_with_the_facility_forms_own_fields_gets_a_reply_in_the_templates_words()
    {
        var applicant = await server.SignInAsync("dongsheng");
        var id = await StartAsync(applicant, "东升社区 社区服务站建设申请", new
        {
            applicant_unit = "东升社区",
            facility_kind = "community_service_station",
            planned_premises_m2 = 680,
            funding_sources = new object[] { new { source = "county", amount = 500000 }, new { source = "self_raised", amount = 100000 } },
        });
        await ApproveAtCountyAsync(server, id);
        Assert.Equal(1, await server.Service<OutboxDispatcher>().DrainAsync());
        var document = await OnlyDocumentAsync(applicant, id);
        Assert.Equal("关于同意东升社区建设社区服务站的批复", document.GetProperty("title").GetString());
        var pdf = await applicant.GetByteArrayAsync($"/api/v1/documents/{document.GetProperty("id").GetGuid()}/pdf");
        using var read = PdfDocument.Open(pdf);
        var text = string.Concat(read.GetPages().Select(p => p.Text));
        Assert.Contains("680", text);
        Assert.Contains("县级财政、居委会自筹", text);
    }

    [Fact]
    public async Task A_training_record_becomes_a_certificate_numbered_by_the_township()
    {
        var township = await server.UnitIdAsync("231282001");
        var data = new JsonObject
        {
            ["form"] = new JsonObject
            {
                ["worker_name"] = "李明", ["unit"] = "东升社区", ["role"] = "rc_director", ["title"] = "社区工作者能力提升培训",
                ["kind"] = "business", ["organiser"] = "东城街道办事处", ["venue"] = "街道会议室", ["date"] = "2026-11-20", ["hours"] = 16,
            },
        };
        var numbered = ShippedFormFields.Complete(data, "东升社区");
        Assert.Equal(["attendance.certificateNo"], numbered);
        var certificate = await DocumentIssuer.IssueOnItsOwnAsync(server.Services.GetRequiredService<IServiceScopeFactory>(),
            new IssueRequest("certificate", township, data, NumberPrefix: "培证", NumberedPaths: numbered));
        Assert.Equal("training-certificate", certificate.TemplateKey);
        Assert.Equal("东培证〔2026〕1号", certificate.Number);

        var bytes = await server.Service<IDocumentStore>().ReadAsync(certificate.StorageKey);
        using var read = PdfDocument.Open(bytes!);
        var text = string.Concat(read.GetPages().Select(p => p.Text));
        Assert.Contains("东培证〔2026〕1号", text);
        Assert.Contains("李明", text);
        Assert.Contains("居委会主任", text);
        Assert.Contains("业务培训", text);
    }
}
