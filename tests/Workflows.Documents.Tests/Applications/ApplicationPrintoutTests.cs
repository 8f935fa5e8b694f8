using Workflows.Documents.Templates;
using Workflows.Pdf.Tests;
using PdfPigDocument = UglyToad.PdfPig.PdfDocument;

namespace Workflows.Documents.Tests.Applications;

public class ApplicationPrintoutTests
{
    [Fact]
    public void Every_form_field_is_printed_with_its_label()
    {
        var text = PdfChecks.Text(DocumentRenderer.Render(TemplateLibrary.Get("application-printout"), Samples.Application()));

        Assert.StartsWith("社区服务设施建设申报表申报编号：SQ-2026-000318申报日期：2026年9月8日", text);
        foreach (var (label, value) in new[]
        {
            ("设施类型", "社区服务中心"), ("建设类型", "新建"), ("服务户数", "3120"), ("申请建筑面积（平方米）", "320"),
            ("选址", "兴安路18号"), ("主要功能", "综合服务大厅、图书室、会议室、居家养老服务站"), ("投资估算（万元）", "186.5"),
        })
        {
            Assert.Contains(label + value, text);
        }
    }

    [Fact]
    public void Each_review_level_shows_its_opinion_signer_and_date()
    {
        var text = PdfChecks.Text(DocumentRenderer.Render(TemplateLibrary.Get("application-printout"), Samples.Application()));
        Assert.Contains("审核意见街道审核意见情况属实，同意上报。签字：刘建华日期：2026年9月10日", text);
        Assert.Contains("县级审核意见经实地核查", text);
        Assert.Contains("签字：张伟日期：2026年9月18日", text);
        Assert.Contains("市级审核意见同意。签字：陈静日期：2026年9月25日", text);
    }

    [Fact]
    public void A_one_megabyte_field_value_is_printed_across_pages_without_loss()
    {
        var paragraph = "兴安社区现有办公和服务用房85平方米，低于标准（Standard 300–500 m²）。";
        var value = string.Concat(Enumerable.Repeat(paragraph, 1_048_576 / System.Text.Encoding.UTF8.GetByteCount(paragraph) + 1));
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(value) >= 1_048_576);

        var pdf = DocumentRenderer.Render(TemplateLibrary.Get("application-printout"), Samples.Application(value));

        using var read = PdfPigDocument.Open(pdf);
        Assert.True(read.NumberOfPages > 50, $"{read.NumberOfPages} pages");
        var text = PdfChecks.Text(pdf);
        Assert.Contains(PdfChecks.Squeeze(paragraph + paragraph + paragraph), text);
        Assert.Contains("市级审核意见同意。", text);
    }
}
