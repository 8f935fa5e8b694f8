using Workflows.Documents.Fonts;
using Workflows.Documents.Templates;
using Workflows.Pdf.Graphics;
using Workflows.Pdf.Layout;
using Workflows.Pdf.Text;

namespace Workflows.Documents;

/// <summary>Pieces several document kinds share: label/value tables, data tables, issuer and seal, page numbers.</summary>
internal static class DocumentParts
{
    public static readonly PdfColor HeaderShade = new(0.93, 0.93, 0.93);

    public static TextStyle Style(RenderContext context, string part, FontRole role, double size) => new(context.Font(part, role), size);

    /// <summary>A two- or four-column table of labels (shaded, 黑体) and values.</summary>
    public static Table LabelTable(IReadOnlyList<(string Label, string Value)> rows, RenderContext context, double size, int pairsPerRow = 1)
    {
        var label = Style(context, "label", FontRole.Heiti, size);
        var value = Style(context, "body", FontRole.Body, size);
        var weights = pairsPerRow == 2 ? new double[] { 1.3, 2.7, 1.3, 2.7 } : [1.3, 4.7];
        var table = new Table(weights) { CellPadding = size * 0.4 };
        for (var i = 0; i < rows.Count; i += pairsPerRow)
        {
            var cells = new List<TableCell>();
            for (var p = 0; p < pairsPerRow; p++)
            {
                if (i + p < rows.Count)
                {
                    cells.Add(new TableCell(rows[i + p].Label, label) { Background = HeaderShade });
                    // A lone last pair in a four-column table spans to the edge.
                    var span = p == 0 && pairsPerRow == 2 && i + 1 >= rows.Count ? 3 : 1;
                    cells.Add(new TableCell(rows[i + p].Value, value, columnSpan: span));
                }
            }
            table.Add([.. cells]);
        }
        return table;
    }

    /// <summary>A data table from a list in the model: one header row (repeated on each page), one row per item.</summary>
    public static Table DataTable(IReadOnlyList<TableColumn> columns, IReadOnlyList<DocumentModel> items, RenderContext context, double size)
    {
        var head = Style(context, "label", FontRole.Heiti, size);
        var cell = Style(context, "body", FontRole.Body, size);
        var table = new Table([.. columns.Select(c => c.Width)]) { HeaderRows = 1, CellPadding = size * 0.35 };
        table.Add([.. columns.Select(c => new TableCell(c.Header, head, TextAlignment.Center) { Background = HeaderShade })]);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var index = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            table.Add([.. columns.Select(c => new TableCell(item.Fill(c.Value.Replace("{{#}}", index, StringComparison.Ordinal)), cell, Alignment(c.Align)))]);
        }
        return table;
    }

    public static TextAlignment Alignment(string? align) => align?.ToLowerInvariant() switch
    {
        "center" or "centre" => TextAlignment.Center,
        "right" => TextAlignment.Right,
        "justify" => TextAlignment.Justify,
        _ => TextAlignment.Left,
    };

    /// <summary>Issuer over date at the right, the seal over both; the verification QR code at the left.</summary>
    public static Drawing IssuerBlock(string issuer, string date, TextStyle style, RenderContext context, double qrSize)
    {
        var height = Math.Max(style.Size * 4.5, context.Verification is null ? 0 : qrSize + 12);
        return new Drawing(height, (canvas, x, top, width) =>
        {
            var issuerWidth = style.Fonts.Primary.MeasureWidth(issuer, style.Size);
            var dateWidth = style.Fonts.Primary.MeasureWidth(date, style.Size);
            var blockWidth = Math.Max(issuerWidth, dateWidth);
            var centre = x + width - style.Size * 2 - blockWidth / 2;
            var first = top + height - style.Size * 2.6;
            canvas.DrawText(issuer, style, centre - issuerWidth / 2, first);
            canvas.DrawText(date, style, centre - dateWidth / 2, first + style.Size * 1.6);
            if (context.Options.Seal is { } seal)
            {
                var diameter = Units.Mm(40);
                var sealHeight = diameter * seal.Height / Math.Max(1, seal.Width);
                canvas.DrawImage(seal, centre - diameter / 2, first + style.Size * 0.3 - sealHeight / 2, diameter, sealHeight);
            }
            context.Verification?.Draw(canvas, x, top + height - qrSize - 12, qrSize, style);
        });
    }

    /// <summary>“第 n 页” centred under the text block, for forms and registers (official documents use — n —).</summary>
    public static Action<PageContext> PageFooter(TextStyle style) => page =>
    {
        var label = $"第 {page.Number} 页";
        var width = style.Fonts.Primary.MeasureWidth(label, style.Size);
        var geometry = page.Geometry;
        page.Canvas.DrawText(label, style, (geometry.Width - width) / 2, geometry.Height - geometry.Bottom + style.Size * 2);
    };
}
