using Workflows.Pdf.Fonts;
using Workflows.Pdf.Graphics;

namespace Workflows.Pdf.Text;

/// <summary>How a run of text is set: fonts (with fallbacks), size in points, colour and extra spacing between characters.</summary>
public sealed record TextStyle(FontChain Fonts, double Size)
{
    public PdfColor Color { get; init; } = PdfColor.Black;

    /// <summary>Added after every character, in points; slightly negative values fit the official 28-character line.</summary>
    public double LetterSpacing { get; init; }

    public TextStyle WithSize(double size) => this with { Size = size };

    public TextStyle WithColor(PdfColor color) => this with { Color = color };

    public TextStyle WithFonts(FontChain fonts) => this with { Fonts = fonts };
}
