using System.Globalization;
using Workflows.Documents.Fonts;
using Workflows.Documents.Templates;
using Workflows.Pdf.Layout;
using Workflows.Pdf.Objects;
using Workflows.Pdf.Text;

namespace Workflows.Documents.Reports;

/// <summary>Lays out a statistical report: title, period lines, captioned tables and bar charts.</summary>
internal static class StatisticalReportLayout
{
    private static readonly PageGeometry Page = PageGeometry.A4(22, 20, 22, 22);

    public static Action<PdfDocument> Prepare(StatisticalReportTemplate template, DocumentModel model, RenderContext context)
    {
        var title = model.Fill(template.Title);
        var subtitle = template.Subtitle.Select(model.Fill).Where(s => s.Length > 0).ToList();
        var tables = template.Tables.Select(t => (Caption: model.Fill(t.Caption), Table: DocumentParts.DataTable(t.Columns, model.Items(t.Rows), context, 10))).ToList();
        // A unit that did not report the charted figure ("—" or empty) has no bar; a chart with no bars is left out.
        var charts = template.Charts.Select(c => (Caption: model.Fill(c.Caption), Unit: c.Unit, Bars: model.Items(c.Rows)
            .Where(item => item.Fill(c.Value).Trim() is { Length: > 0 } value && value != "—")
            .Select(item => (item.Fill(c.Label), Number(item.Fill(c.Value), model.Template, c.Value))).ToList()))
            .Where(c => c.Bars.Count > 0).ToList();
        var footer = model.Fill(template.Footer);

        return document =>
        {
            var flow = new FlowDocument(Page);
            var caption = DocumentParts.Style(context, "heading", FontRole.Heiti, 12);
            var body = DocumentParts.Style(context, "body", FontRole.Body, 10.5);
            flow.Add(new Paragraph(title, DocumentParts.Style(context, "title", FontRole.Title, 20)) { Alignment = TextAlignment.Center, LineHeight = 34, Balanced = true });
            foreach (var line in subtitle)
            {
                flow.Add(new Paragraph(line, body) { Alignment = TextAlignment.Center, LineHeight = 18 });
            }
            foreach (var (text, table) in tables)
            {
                flow.Add(new Paragraph(text, caption) { LineHeight = 24, SpaceBefore = 10, KeepWithNext = true });
                flow.Add(table);
            }
            foreach (var (text, unit, bars) in charts)
            {
                flow.Add(new Stack(
                    new Paragraph(text, caption) { LineHeight = 24, SpaceAfter = 4 },
                    BarChart.Create(bars, body.WithSize(9.5), unit)) { KeepTogether = true, SpaceBefore = 10 });
            }
            if (footer.Length > 0)
            {
                flow.Add(new Paragraph(footer, body) { SpaceBefore = 12, LineHeight = 18 });
            }
            if (context.Verification is { } mark)
            {
                flow.Add(new Drawing(62, (canvas, x, top, width) => mark.Draw(canvas, x + width - 50, top + 6, 50, body)));
            }
            flow.OnPageEnd = DocumentParts.PageFooter(DocumentParts.Style(context, "body", FontRole.Body, 9));
            flow.Render(document);
        };
    }

    private static double Number(string text, string template, string path) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new TemplateException(template, path, $"should be a number for the chart, but is '{text}'");
}
