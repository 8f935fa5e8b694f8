using Workflows.Pdf.Layout;
using Workflows.Pdf.Objects;

namespace Workflows.Pdf.Tests;

/// <summary>Small helpers that produce PDFs in memory for the tests.</summary>
public static class Render
{
    public static readonly PageGeometry A4 = PageGeometry.A4(25, 20, 25, 20);

    public static byte[] Pages(Action<PdfDocument> draw)
    {
        using var output = new MemoryStream();
        using (var document = new PdfDocument(output, new PdfInfo("测试")))
        {
            draw(document);
        }
        return output.ToArray();
    }

    public static byte[] Flow(params Block[] blocks) => Flow(A4, blocks);

    public static byte[] Flow(PageGeometry geometry, params Block[] blocks) => Pages(document =>
    {
        var flow = new FlowDocument(geometry);
        flow.Blocks.AddRange(blocks);
        flow.Render(document);
    });
}
