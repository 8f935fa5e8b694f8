using Workflows.Documents.Templates;
using Workflows.Documents.Verification;
using Workflows.Pdf.Images;
using Workflows.Pdf.Tests;
using PdfPigDocument = UglyToad.PdfPig.PdfDocument;

namespace Workflows.Documents.Tests.Training;

public class TrainingDocumentTests
{
    private static readonly VerificationMark Mark = new("https://example.org/v/7KQ2-M8XD", "7KQ2-M8XD");

    [Fact]
    public void A_certificate_is_one_landscape_page_under_60_kilobytes()
    {
        var pdf = DocumentRenderer.Render(TemplateLibrary.Get("training-certificate"), Samples.Certificate(),
            new RenderOptions { Verification = Mark, Seal = PdfImage.FromBytes(Samples.SealPng()) });

        using var read = PdfPigDocument.Open(pdf);
        Assert.Equal(1, read.NumberOfPages);
        Assert.True(read.GetPage(1).Width > read.GetPage(1).Height);
        Assert.True(pdf.Length < 60_000, $"{pdf.Length} bytes");
        var text = PdfChecks.Text(pdf);
        Assert.Contains("证书编号：AH-2026-0137", text);
        Assert.Contains("培训证书", text);
        Assert.Contains("王秀兰同志于2026年10月12日至2026年10月16日参加黑河市爱辉区民政局举办的“2026年度社区工作者业务能力提升培训班”（业务培训），完成全部培训课程，计24学时，经考核合格，特发此证。", text);
        Assert.Contains("验证码7KQ2-M8XD", text);
        Assert.Equal(text, PdfChecks.CheckWithTools(pdf));
    }

    [Fact]
    public void A_name_with_a_character_no_font_has_still_gives_a_certificate()
    {
        var pdf = DocumentRenderer.Render(TemplateLibrary.Get("training-certificate"), Samples.Certificate("王\uE123兰"));
        Assert.Contains("王□兰同志", PdfChecks.Text(pdf));
    }

    [Fact]
    public void An_attendance_register_lists_everyone_and_repeats_its_header_on_each_page()
    {
        var pdf = DocumentRenderer.Render(TemplateLibrary.Get("training-attendance-register"), Samples.Register(70));

        using var read = PdfPigDocument.Open(pdf);
        Assert.True(read.NumberOfPages >= 2);
        Assert.Contains("序号姓名所在社区（村）职务学时本人签到1", PdfChecks.Squeeze(read.GetPage(1).Text));
        Assert.StartsWith("序号姓名所在社区（村）职务学时本人签到", PdfChecks.Squeeze(read.GetPage(2).Text).Replace("第2页", "", StringComparison.Ordinal));
        Assert.Contains("70", PdfChecks.Squeeze(read.GetPage(read.NumberOfPages).Text));
        PdfChecks.CheckWithTools(pdf);
    }

    [Fact]
    public void An_hours_register_shows_compliance_per_person()
    {
        var text = PdfChecks.Text(DocumentRenderer.Render(TemplateLibrary.Get("training-hours-register"), Samples.HoursRegister()));
        Assert.Contains("2026年度社区工作者培训学时登记表", text);
        Assert.Contains("是否达标", text);
        Assert.Contains("否", text);
    }
}
