using Workflows.Pdf.Graphics;
using Workflows.Pdf.Layout;
using Workflows.Pdf.Text;

namespace Workflows.Documents.Reports;

/// <summary>A horizontal bar chart drawn with rectangles: one bar per label, the value at the bar's end.</summary>
internal static class BarChart
{
    private static readonly PdfColor Bar = new(0.25, 0.45, 0.7);

    public static Drawing Create(IReadOnlyList<(string Label, double Value)> bars, TextStyle style, string? unit)
    {
        var rowHeight = style.Size * 2;
        var height = Math.Max(1, bars.Count) * rowHeight + style.Size;
        return new Drawing(height, (canvas, x, top, width) =>
        {
            var labelWidth = bars.Count == 0 ? 0 : bars.Max(b => style.Fonts.Primary.MeasureWidth(b.Label, style.Size)) + style.Size;
            var max = bars.Count == 0 ? 1 : Math.Max(bars.Max(b => b.Value), double.Epsilon);
            var plot = Math.Max(10, width - labelWidth - style.Size * 6);
            var axis = x + labelWidth;
            for (var i = 0; i < bars.Count; i++)
            {
                var (label, value) = bars[i];
                var rowTop = top + i * rowHeight;
                var baseline = rowTop + rowHeight / 2 + style.Size * 0.35;
                canvas.DrawText(label, style, x, baseline);
                var length = Math.Max(0, value / max * plot);
                canvas.FillRectangle(axis, rowTop + rowHeight * 0.2, length, rowHeight * 0.6, Bar);
                var text = value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + (unit ?? "");
                canvas.DrawText(text, style, axis + length + style.Size * 0.4, baseline);
            }
            canvas.Line(axis, top, axis, top + bars.Count * rowHeight, 0.6, PdfColor.Black);
        });
    }
}
