using System.Collections;
using QRCoder;
using Workflows.Pdf.Fonts;
using Workflows.Pdf.Images;
using Workflows.Pdf.Objects;
using Workflows.Pdf.Text;

namespace Workflows.Pdf.Graphics;

/// <summary>
/// Draws on one page. Coordinates are in points from the page's top-left corner, y growing
/// downwards, as layouts are thought of; the canvas turns them into PDF's bottom-up space.
/// </summary>
public sealed class PdfCanvas
{
    private readonly PdfDocument _document;
    private readonly double _height;
    private double _characterSpacing;

    internal PdfCanvas(PdfDocument document, double pageHeight)
    {
        _document = document;
        _height = pageHeight;
    }

    internal ByteBuffer Content { get; } = new(2048);

    private double Y(double top) => _height - top;

    public void SaveState() => Content.AppendAscii("q\n");

    public void RestoreState() => Content.AppendAscii("Q\n");

    public void SetFillColor(PdfColor color) =>
        Content.Append(color.R).Space().Append(color.G).Space().Append(color.B).AppendAscii(" rg\n");

    public void SetStrokeColor(PdfColor color) =>
        Content.Append(color.R).Space().Append(color.G).Space().Append(color.B).AppendAscii(" RG\n");

    public void Line(double x1, double y1, double x2, double y2, double width, PdfColor color)
    {
        SetStrokeColor(color);
        Content.Append(width).AppendAscii(" w ").Append(x1).Space().Append(Y(y1)).AppendAscii(" m ")
            .Append(x2).Space().Append(Y(y2)).AppendAscii(" l S\n");
    }

    public void FillRectangle(double x, double top, double width, double height, PdfColor color)
    {
        SetFillColor(color);
        Content.Append(x).Space().Append(Y(top + height)).Space().Append(width).Space().Append(height).AppendAscii(" re f\n");
    }

    public void StrokeRectangle(double x, double top, double width, double height, double lineWidth, PdfColor color)
    {
        SetStrokeColor(color);
        Content.Append(lineWidth).AppendAscii(" w ").Append(x).Space().Append(Y(top + height)).Space()
            .Append(width).Space().Append(height).AppendAscii(" re S\n");
    }

    /// <summary>Draws an image scaled into the box whose top-left corner is (x, top).</summary>
    public void DrawImage(PdfImage image, double x, double top, double width, double height)
    {
        var name = _document.Image(image);
        Content.AppendAscii("q ").Append(width).AppendAscii(" 0 0 ").Append(height).Space().Append(x).Space()
            .Append(Y(top + height)).AppendAscii(" cm /").AppendAscii(name).AppendAscii(" Do Q\n");
    }

    /// <summary>Draws a QR code as filled squares (sharp at any zoom, a few hundred bytes) in a square of side <paramref name="size"/>.</summary>
    public void DrawQrCode(string text, double x, double top, double size, PdfColor? color = null)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        DrawModules(data.ModuleMatrix, x, top, size, color ?? PdfColor.Black);
    }

    private void DrawModules(List<BitArray> matrix, double x, double top, double size, PdfColor color)
    {
        var modules = matrix.Count;
        var module = size / modules;
        SetFillColor(color);
        // One module is one unit, rows counted downwards: every rectangle is written in small integers.
        Content.AppendAscii("q ").Append(module).AppendAscii(" 0 0 ").Append(-module).Space().Append(x).Space().Append(Y(top)).AppendAscii(" cm\n");
        for (var row = 0; row < modules; row++)
        {
            var bits = matrix[row];
            var column = 0;
            while (column < modules)
            {
                if (!bits[column])
                {
                    column++;
                    continue;
                }
                var start = column;
                while (column < modules && bits[column])
                {
                    column++;
                }
                // Runs of dark modules become one rectangle: fewer operators, no hairline seams.
                Content.Append(start).Space().Append(row).Space().Append(column - start).AppendAscii(" 1 re\n");
            }
        }
        Content.AppendAscii("f Q\n");
    }

    /// <summary>Shapes and draws a single line of text with its baseline at <paramref name="baseline"/>; returns its width.</summary>
    public double DrawText(string text, TextStyle style, double x, double baseline)
    {
        var shaped = new ShapedText(text, style);
        DrawGlyphs(shaped, 0, shaped.Count, x, baseline);
        return shaped.Width(0, shaped.Count);
    }

    /// <summary>
    /// Draws characters [start, end) of shaped text from (x, baseline); <paramref name="extraSpacing"/>
    /// is added after each character, which is how justified lines are filled.
    /// </summary>
    public void DrawGlyphs(ShapedText text, int start, int end, double x, double baseline, double extraSpacing = 0)
    {
        if (end <= start)
        {
            return;
        }
        var style = text.Style;
        SetFillColor(style.Color);
        Content.AppendAscii("BT\n");
        var spacing = style.LetterSpacing + extraSpacing;
        if (Math.Abs(spacing - _characterSpacing) > 0.0005)
        {
            Content.Append(spacing).AppendAscii(" Tc\n");
            _characterSpacing = spacing;
        }
        var y = Y(baseline);
        var runStart = -1;
        var runFont = -1;
        DocumentFont? font = null;
        double runX = 0;
        double cursor = x;
        for (var i = start; i < end; i++)
        {
            var c = text.CodePoints[i];
            var skip = c is '\n' or '\t';
            if (runStart >= 0 && (skip || text.Fonts[i] != runFont))
            {
                Content.AppendAscii(">Tj\n");
                runStart = -1;
            }
            if (!skip && runStart < 0)
            {
                runStart = i;
                runFont = text.Fonts[i];
                runX = cursor;
                font = _document.Font(style.Fonts[runFont]);
                Content.Append((byte)'/').AppendAscii(font.ResourceName).Space().Append(style.Size)
                    .AppendAscii(" Tf 1 0 0 1 ").Append(runX).Space().Append(y).AppendAscii(" Tm<");
            }
            if (!skip)
            {
                Content.AppendHex(font!.Use(text.Glyphs[i], text.Drawn[i]));
            }
            cursor += text.Advances[i] + extraSpacing;
        }
        if (runStart >= 0)
        {
            Content.AppendAscii(">Tj\n");
        }
        Content.AppendAscii("ET\n");
    }
}
