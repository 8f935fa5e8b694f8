using System.Text;
using Workflows.Pdf.Text;

namespace Workflows.Pdf.Tests.Objects;

public class DocumentStructureTests
{
    [Fact]
    public void An_empty_document_is_still_a_valid_one_page_pdf()
    {
        var pdf = Render.Pages(_ => { });
        Assert.StartsWith("%PDF-1.7", Encoding.ASCII.GetString(pdf, 0, 8));
        PdfChecks.CheckWithTools(pdf);
        using var read = UglyToad.PdfPig.PdfDocument.Open(pdf);
        Assert.Equal(1, read.NumberOfPages);
    }

    [Fact]
    public void The_same_input_gives_the_same_bytes()
    {
        byte[] Make() => Render.Pages(d => d.AddPage().Canvas.DrawText("社区服务中心 2026", new TextStyle(TestFonts.Chain, 12), 50, 50));
        Assert.Equal(Make(), Make());
    }

    [Fact]
    public void The_title_is_written_to_the_document_information()
    {
        var pdf = Render.Pages(d => d.AddPage());
        using var read = UglyToad.PdfPig.PdfDocument.Open(pdf);
        Assert.Equal("测试", read.Information.Title);
        Assert.Equal("Workflows", read.Information.Producer);
    }

    [Fact]
    public void Content_streams_are_flate_compressed()
    {
        var pdf = Render.Pages(d => d.AddPage().Canvas.DrawText(new string('社', 400), new TextStyle(TestFonts.Chain, 12), 50, 50));
        Assert.Contains("/FlateDecode", Encoding.Latin1.GetString(pdf));
        Assert.DoesNotContain("Tj", Encoding.Latin1.GetString(pdf));
    }

    [Fact]
    public void One_parsed_font_serves_many_documents_on_many_threads()
    {
        var style = new TextStyle(TestFonts.Chain, 12);
        var outputs = new byte[16][];
        Parallel.For(0, outputs.Length, i =>
            outputs[i] = Render.Pages(d => d.AddPage().Canvas.DrawText($"培训证书第{i}号", style, 50, 50)));
        for (var i = 0; i < outputs.Length; i++)
        {
            Assert.Equal($"培训证书第{i}号", PdfChecks.Text(outputs[i]));
        }
    }
}
