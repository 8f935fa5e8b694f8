using Workflows.Pdf.Graphics;

namespace Workflows.Pdf.Objects;

/// <summary>A page of a document being written; draw on it through <see cref="Canvas"/>.</summary>
public sealed class PdfPage
{
    internal PdfPage(PdfDocument document, double width, double height, int number)
    {
        Width = width;
        Height = height;
        Number = number;
        Canvas = new PdfCanvas(document, height);
    }

    public double Width { get; }
    public double Height { get; }

    /// <summary>1-based position of the page in the document.</summary>
    public int Number { get; }

    public PdfCanvas Canvas { get; }
}
