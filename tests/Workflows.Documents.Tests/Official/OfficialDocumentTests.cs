using Workflows.Documents.Templates;
using Workflows.Documents.Verification;
using Workflows.Pdf.Images;
using Workflows.Pdf.Tests;
using PdfPigDocument = UglyToad.PdfPig.PdfDocument;

namespace Workflows.Documents.Tests.Official;

public class OfficialDocumentTests
{
    private static readonly PdfImage Seal = PdfImage.FromBytes(Samples.SealPng());

    private static byte[] Reply(RenderOptions? options = null) =>
        DocumentRenderer.Render(TemplateLibrary.Get("official-reply"), Samples.Reply(), options);

    [Fact]
    public void A_reply_carries_mark_number_title_addressee_body_issuer_and_date()
    {
        var text = PdfChecks.Text(Reply());

        Assert.StartsWith("黑河市爱辉区民政局文件爱民发〔2026〕12号关于同意西兴街道兴安社区居民委员会建设社区服务中心的批复西兴街道兴安社区居民委员会：", text);
        Assert.Contains("一、同意你单位建设社区服务中心，建筑面积320平方米，选址位于兴安路18号。", text);
        Assert.Contains("此复。", text);
        Assert.Contains("附件：1．社区服务中心建设标准2．项目资金安排表", text);
        Assert.Contains("黑河市爱辉区民政局2026年11月23日", text);
        Assert.Contains("抄送：区社区建设领导小组各成员单位，西兴街道办事处。", text);
        Assert.Contains("黑河市爱辉区民政局办公室2026年11月23日印发", text);
    }

    [Fact]
    public void Poppler_and_pdfpig_read_the_same_text_and_qpdf_finds_no_error()
    {
        var pdf = Reply(new RenderOptions { Seal = Seal, Verification = new VerificationMark("https://example.org/v/7KQ2", "7KQ2-M8XD") });
        Assert.Equal(PdfChecks.Text(pdf), PdfChecks.CheckWithTools(pdf));
    }

    [Fact]
    public void The_page_is_a4_with_the_text_block_of_the_standard()
    {
        using var read = PdfPigDocument.Open(Reply());
        var page = read.GetPage(1);
        Assert.Equal(595.3, page.Width, 0);
        Assert.Equal(841.9, page.Height, 0);
        // The body's left edge is the 28 mm binding margin.
        var body = page.GetWords().First(w => w.Text.StartsWith("西兴街道", StringComparison.Ordinal));
        Assert.Equal(28 * 72 / 25.4, body.BoundingBox.Left, 0);
    }

    [Fact]
    public void A_long_notice_runs_to_several_pages_with_numbers_on_alternate_sides()
    {
        var pdf = DocumentRenderer.Render(TemplateLibrary.Get("official-notice"), Samples.Notice(14));
        using var read = PdfPigDocument.Open(pdf);
        Assert.True(read.NumberOfPages >= 2);
        for (var n = 1; n <= read.NumberOfPages; n++)
        {
            var page = read.GetPage(n);
            var number = page.GetWords().Single(w => w.Text == n.ToString(System.Globalization.CultureInfo.InvariantCulture) && w.BoundingBox.Bottom < 100);
            // Odd pages on the right, even pages on the left, below the text block (35 mm bottom margin).
            Assert.True(n % 2 == 1 ? number.BoundingBox.Left > page.Width / 2 : number.BoundingBox.Left < page.Width / 2, $"page {n}");
        }
        Assert.Contains("—1—", PdfChecks.Squeeze(read.GetPage(1).Text));
    }

    [Fact]
    public void Twenty_two_body_lines_fit_on_a_full_page()
    {
        var paragraph = string.Concat(Enumerable.Repeat("各街道办事处要结合实际采取短期培训以会代训等方式定期开展培训", 4));
        var data = Samples.Json($$"""
            { {{Samples.Issuer}}, "document": { "number": "爱民发〔2026〕15号", "date": "2026-11-23" },
              "notice": { "subject": "培训", "addressee": "各街道办事处", "paragraphs": [{{string.Join(",", Enumerable.Repeat($"\"{paragraph}\"", 12))}}] } }
            """);
        var pdf = DocumentRenderer.Render(TemplateLibrary.Get("official-notice"), data);
        using var read = PdfPigDocument.Open(pdf);
        var page = read.GetPage(2);
        var lines = page.Letters.Where(l => l.PointSize > 15 && l.PointSize < 17 && l.StartBaseLine.Y > 100)
            .GroupBy(l => Math.Round(l.StartBaseLine.Y)).ToList();
        Assert.Equal(22, lines.Count);
        // Full lines hold 28 full-width characters: the grid's letter spacing is what makes them fit.
        Assert.Equal(28, lines.Max(l => l.Count(c => c.Value.Length == 1 && c.Value[0] >= 0x3000)));
    }

    [Fact]
    public void Headings_are_set_in_heiti_and_kaiti()
    {
        using var read = PdfPigDocument.Open(DocumentRenderer.Render(TemplateLibrary.Get("official-notice"), Samples.Notice()));
        var letters = read.GetPages().SelectMany(p => p.Letters).ToList();
        Assert.Contains(letters, l => l.Value == "培" && l.FontName!.EndsWith("NotoSansSC-Regular", StringComparison.Ordinal));
        Assert.Contains(letters, l => l.Value == "训" && !l.FontName!.Contains("Sans", StringComparison.Ordinal));
    }

    [Fact]
    public void A_letter_has_its_head_on_page_one_and_no_page_number_there()
    {
        var pdf = DocumentRenderer.Render(TemplateLibrary.Get("official-letter"), Samples.Letter(), new RenderOptions { Seal = Seal });
        var text = PdfChecks.Text(pdf);
        Assert.StartsWith("黑河市爱辉区民政局爱民函〔2026〕3号关于商请协助开展社区服务设施用房核查的函", text);
        Assert.DoesNotContain("—1—", text);
        Assert.Equal(text, PdfChecks.CheckWithTools(pdf));
    }

    [Fact]
    public void The_seal_is_embedded_with_its_transparency()
    {
        var pdf = Reply(new RenderOptions { Seal = Seal });
        Assert.Contains("/SMask", System.Text.Encoding.Latin1.GetString(pdf));
        using var read = PdfPigDocument.Open(pdf);
        Assert.Single(read.GetPages().SelectMany(p => p.GetImages()));
    }

    [Fact]
    public void Fonts_are_embedded_as_subsets_and_a_reply_stays_small()
    {
        var pdf = Reply();
        Assert.True(pdf.Length < 120_000, $"{pdf.Length} bytes");
        using var read = PdfPigDocument.Open(pdf);
        Assert.All(read.GetPages().SelectMany(p => p.Letters), l => Assert.Matches("^[A-Z]{6}\\+", l.FontName));
    }

    [Fact]
    public void A_missing_field_names_the_template_and_the_path()
    {
        var error = Assert.Throws<TemplateException>(() =>
            DocumentRenderer.Render(TemplateLibrary.Get("official-reply"), Samples.Reply(requestedArea: null)));

        Assert.Equal("form.requestedArea", error.Path);
        Assert.Contains("official-reply", error.Message);
        Assert.Contains("form.requestedArea", error.Message);
    }
}
