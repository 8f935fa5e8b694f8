using Workflows.Documents.Reports;
using Workflows.Documents.Templates;
using Workflows.Pdf.Tests;

namespace Workflows.Documents.Tests.Reports;

public class StatisticalReportTests
{
    [Fact]
    public void A_report_has_its_tables_and_a_labelled_bar_chart()
    {
        var pdf = DocumentRenderer.Render(TemplateLibrary.Get("statistical-report"), Samples.Report());
        var text = PdfChecks.Text(pdf);

        Assert.StartsWith("2026年第三季度社区建设统计报表", text);
        Assert.Contains("一、社区服务设施建设情况单位社区数已建服务站达标社区达标率（%）爱辉区42403583.3", text);
        Assert.Contains("二、社区工作者培训情况", text);
        Assert.Contains("三、人均受训学时爱辉区", text);
        Assert.Contains("22.5学时", text);
        Assert.Equal(text, PdfChecks.CheckWithTools(pdf));
    }

    [Fact]
    public void A_chart_value_that_is_not_a_number_is_reported_with_its_path()
    {
        var template = (StatisticalReportTemplate)TemplateLibrary.Get("statistical-report") with { };
        var broken = template with { Charts = [new ReportChart("图", "report.units", "{{name}}", "{{name}}")] };
        var error = Assert.Throws<TemplateException>(() => DocumentRenderer.Render(broken, Samples.Report()));
        Assert.Contains("{{name}}", error.Message);
        Assert.Contains("statistical-report", error.Message);
    }
}
