using System.Diagnostics;
using Workflows.Pdf.Graphics;
using Workflows.Pdf.Layout;
using Workflows.Pdf.Text;
using PdfPigDocument = UglyToad.PdfPig.PdfDocument;

namespace Workflows.Pdf.Tests.Layout;

public class FlowTests
{
    private static readonly TextStyle Body = new(TestFonts.Chain, 12);

    private const string Policy =
        "为加强社区工作者队伍建设，提高社区工作者管理社会事务、协调利益关系、开展群众工作、处理矛盾纠纷、维护社会稳定的能力，" +
        "每名社区工作者每年参加培训两次以上，每人每年受训时间一般不少于20小时（Excel格式登记，编号TR-2026-001）。";

    [Fact]
    public void Line_broken_chinese_paragraphs_extract_exactly()
    {
        var pdf = Render.Flow(new Paragraph(Policy, Body) { FirstLineIndent = 24, Alignment = TextAlignment.Justify });

        Assert.Equal(PdfChecks.Squeeze(Policy), PdfChecks.Text(pdf));
        Assert.Equal(PdfChecks.Squeeze(Policy), PdfChecks.CheckWithTools(pdf));
    }

    [Fact]
    public void Pages_are_a4_and_long_text_flows_onto_more_pages()
    {
        var blocks = Enumerable.Range(0, 40).Select(_ => (Block)new Paragraph(Policy, Body) { SpaceAfter = 6 }).ToArray();
        var pdf = Render.Flow(blocks);

        using var read = PdfPigDocument.Open(pdf);
        Assert.True(read.NumberOfPages >= 3, $"{read.NumberOfPages} pages");
        var page = read.GetPage(1);
        Assert.Equal(Units.A4Width, page.Width, 1);
        Assert.Equal(Units.A4Height, page.Height, 1);
        Assert.Equal(string.Concat(Enumerable.Repeat(PdfChecks.Squeeze(Policy), 40)), PdfChecks.Text(pdf));
    }

    [Fact]
    public void A_fixed_line_pitch_puts_exactly_that_many_lines_on_a_page()
    {
        var geometry = Render.A4;
        var pitch = geometry.ContentHeight / 22;
        var lines = string.Join("\n", Enumerable.Range(1, 30).Select(i => $"第{i}行"));
        var pdf = Render.Flow(geometry, new Paragraph(lines, Body) { LineHeight = pitch });

        using var read = PdfPigDocument.Open(pdf);
        Assert.Equal(2, read.NumberOfPages);
        Assert.EndsWith("第22行", PdfChecks.Squeeze(read.GetPage(1).Text));
        Assert.StartsWith("第23行", PdfChecks.Squeeze(read.GetPage(2).Text));
    }

    [Fact]
    public void A_table_header_row_is_repeated_on_the_next_page()
    {
        var table = new Table(1, 3, 1) { HeaderRows = 1 };
        table.Add(new TableCell("序号", Body), new TableCell("姓名", Body), new TableCell("学时", Body));
        for (var i = 1; i <= 80; i++)
        {
            table.Add(new TableCell(i.ToString(), Body), new TableCell($"社区工作者{i}", Body), new TableCell("24", Body));
        }
        var pdf = Render.Flow(table);

        using var read = PdfPigDocument.Open(pdf);
        Assert.True(read.NumberOfPages >= 2);
        Assert.StartsWith("序号姓名学时1社区工作者1", PdfChecks.Squeeze(read.GetPage(1).Text));
        Assert.StartsWith("序号姓名学时", PdfChecks.Squeeze(read.GetPage(2).Text));
        Assert.DoesNotContain("序号姓名学时1社区工作者1", PdfChecks.Squeeze(read.GetPage(2).Text));
    }

    [Fact]
    public void A_ten_thousand_row_table_renders_quickly_onto_hundreds_of_pages()
    {
        var clock = Stopwatch.StartNew();
        var table = new Table(1, 3, 3, 1) { HeaderRows = 1 };
        table.Add(new TableCell("序号", Body), new TableCell("姓名", Body), new TableCell("单位", Body), new TableCell("学时", Body));
        for (var i = 1; i <= 10_000; i++)
        {
            table.Add(new TableCell(i.ToString(), Body), new TableCell("王秀兰", Body), new TableCell("兴安社区居民委员会", Body), new TableCell("24", Body));
        }
        var pdf = Render.Flow(table);
        clock.Stop();

        using var read = PdfPigDocument.Open(pdf);
        Assert.True(read.NumberOfPages > 200, $"{read.NumberOfPages} pages");
        Assert.Contains("10000王秀兰", PdfChecks.Squeeze(read.GetPage(read.NumberOfPages).Text));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        PdfChecks.CheckWithTools(pdf);
    }

    [Fact]
    public void A_row_taller_than_a_page_is_split_so_nothing_is_lost()
    {
        var huge = string.Concat(Enumerable.Repeat("社区服务中心建设情况说明。", 800));
        var table = new Table(1, 4) { HeaderRows = 1 };
        table.Add(new TableCell("项目", Body), new TableCell("内容", Body));
        table.Add(new TableCell("说明", Body), new TableCell(huge, Body));
        var pdf = Render.Flow(table);

        using var read = PdfPigDocument.Open(pdf);
        Assert.True(read.NumberOfPages > 3);
        Assert.Equal("项目内容说明" + huge, PdfChecks.Text(pdf).Replace("项目内容", "", StringComparison.Ordinal).Insert(0, "项目内容"));
    }

    [Fact]
    public void A_keep_together_block_moves_whole_to_the_next_page()
    {
        var filler = new Spacer(Render.A4.ContentHeight - 40);
        var signature = new Stack(new Paragraph("黑河市爱辉区民政局", Body), new Paragraph("2026年11月23日", Body), new Paragraph("（印章）", Body)) { KeepTogether = true };
        var pdf = Render.Flow(new Paragraph("正文", Body), filler, signature);

        using var read = PdfPigDocument.Open(pdf);
        Assert.Equal(2, read.NumberOfPages);
        Assert.Equal("黑河市爱辉区民政局2026年11月23日（印章）", PdfChecks.Squeeze(read.GetPage(2).Text));
    }

    [Fact]
    public void A_heading_is_not_left_alone_at_the_foot_of_a_page()
    {
        var filler = new Spacer(Render.A4.ContentHeight - 30);
        var pdf = Render.Flow(new Paragraph("正文", Body), filler,
            new Paragraph("一、培训对象", Body) { KeepWithNext = true }, new Paragraph(Policy, Body));

        using var read = PdfPigDocument.Open(pdf);
        Assert.StartsWith("一、培训对象", PdfChecks.Squeeze(read.GetPage(2).Text));
    }

    [Fact]
    public void Running_page_numbers_are_drawn_on_every_page()
    {
        var numbers = new TextStyle(TestFonts.Chain, 14);
        var pdf = Render.Pages(document =>
        {
            var flow = new FlowDocument(Render.A4)
            {
                OnPage = page => page.Canvas.DrawText($"— {page.Number} —", numbers, 280, page.Geometry.Height - 30),
            };
            flow.Blocks.AddRange(Enumerable.Range(0, 60).Select(_ => new Paragraph(Policy, Body)));
            flow.Render(document);
        });

        using var read = PdfPigDocument.Open(pdf);
        for (var n = 1; n <= read.NumberOfPages; n++)
        {
            Assert.Contains($"—{n}—", PdfChecks.Squeeze(read.GetPage(n).Text));
        }
    }

    [Fact]
    public void A_long_title_is_balanced_into_lines_of_similar_length()
    {
        var title = new Paragraph("关于同意西兴街道兴安社区居民委员会建设社区服务中心的批复", new TextStyle(TestFonts.Chain, 22)) { Balanced = true };
        var lines = title.LinesFor(Render.A4.ContentWidth);
        Assert.Equal(2, lines.Count);
        Assert.True(Math.Abs(lines[0].Width - lines[1].Width) <= 22 * 2, $"{lines[0].Width} vs {lines[1].Width}");
    }
}
