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
    [Fact]
    public async Task A_pilot_application_gets_a_designation_reply_and_the_province_a_notice()
    {
        var county = await server.UnitIdAsync("231224");
        var province = await server.UnitIdAsync("230000");
        var scopes = server.Services.GetRequiredService<IServiceScopeFactory>();
        var reply = new JsonObject { ["form"] = new JsonObject { ["programme"] = "experimental_village" } };
        ShippedFormFields.Complete(reply, "和平村");
        var designation = await DocumentIssuer.IssueOnItsOwnAsync(scopes, new IssueRequest("pilot-designation", county, Applicant(reply, "和平村")));
        Assert.Equal("关于同意和平村申报农村社区建设实验村的批复", designation.Title);

        var noticeData = new JsonObject { ["form"] = new JsonObject { ["programme"] = "demo_county" } };
        ShippedFormFields.Complete(noticeData, "庆安县");
        var notice = await DocumentIssuer.IssueOnItsOwnAsync(scopes, new IssueRequest("official-notice", province, Applicant(noticeData, "庆安县")));
        Assert.Equal("关于推荐庆安县为全覆盖示范县的通知", notice.Title);
        var text = await TextAsync(notice.StorageKey);
        Assert.Contains("现予以推荐", text);
    }

    [Fact]
    public async Task A_yearly_report_form_fills_the_statistical_report_table()
    {
        var county = await server.UnitIdAsync("231282");
        var data = new JsonObject
        {
            ["form"] = new JsonObject
            {
                ["reporting_unit"] = "肇东市", ["period_year"] = 2026, ["as_of_date"] = "2026-12-31",
                ["communities_total"] = 42, ["communities_meeting_standard"] = 30, ["premises_compliance_rate"] = 71.4,
            },
        };
        ShippedFormFields.Complete(data, "肇东市");
        var report = await DocumentIssuer.IssueOnItsOwnAsync(server.Services.GetRequiredService<IServiceScopeFactory>(),
            new IssueRequest("statistical-report", county, Applicant(data, "肇东市")));
        var text = await TextAsync(report.StorageKey);
        Assert.Contains("2026年度城乡社区建设统计报表", text);
        Assert.Contains("71.4%", text);
    }

    private static JsonObject Applicant(JsonObject data, string name)
    {
        data["applicant"] = new JsonObject { ["name"] = name };
        return data;
    }

    private async Task<string> TextAsync(string storageKey)
    {
        var bytes = await server.Service<IDocumentStore>().ReadAsync(storageKey);
        using var read = PdfDocument.Open(bytes!);
        return string.Concat(read.GetPages().Select(p => p.Text));
    }
}
