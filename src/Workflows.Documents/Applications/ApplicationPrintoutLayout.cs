using System.Text.Json;
using Workflows.Documents.Fonts;
using Workflows.Documents.Templates;
using Workflows.Pdf.Layout;
using Workflows.Pdf.Objects;
using Workflows.Pdf.Text;

namespace Workflows.Documents.Applications;

/// <summary>Lays out an application printout: sections of label/value rows, then the review opinions.</summary>
internal static class ApplicationPrintoutLayout
{
    private static readonly PageGeometry Page = PageGeometry.A4(22, 20, 22, 24);

    public static Action<PdfDocument> Prepare(ApplicationPrintoutTemplate template, DocumentModel model, RenderContext context)
    {
        var title = model.Fill(template.Title);
        var subtitle = model.Fill(template.Subtitle);
        var sections = template.Sections
            .Select(s => (Heading: model.Fill(s.Heading), Rows: s.Fields.Select(f => (model.Fill(f.Label), model.Fill(f.Value))).ToList()))
            .ToList();
        if (template.Form is { } formPath)
        {
            sections.Add((model.Fill(template.FormHeading), FormRows(model, formPath, template.Labels)));
        }
        var reviews = template.Reviews is null
            ? []
            : model.Items(template.Reviews).Select(r => (Level: r.Fill(template.Review.Level), Opinion: r.Fill(template.Review.Opinion),
                Signer: r.Fill(template.Review.Signer), Date: r.Fill(template.Review.Date))).ToList();

        return document =>
        {
            var flow = new FlowDocument(Page);
            var heading = DocumentParts.Style(context, "heading", FontRole.Heiti, 12);
            var body = DocumentParts.Style(context, "body", FontRole.Body, 10.5);
            flow.Add(new Paragraph(title, DocumentParts.Style(context, "title", FontRole.Title, 20)) { Alignment = TextAlignment.Center, LineHeight = 34, Balanced = true });
            if (subtitle.Length > 0)
            {
                flow.Add(new Paragraph(subtitle, body) { Alignment = TextAlignment.Center, LineHeight = 20, SpaceAfter = 6 });
            }
            foreach (var (sectionHeading, rows) in sections)
            {
                flow.Add(new Paragraph(sectionHeading, heading) { LineHeight = 24, SpaceBefore = 6, KeepWithNext = true });
                flow.Add(DocumentParts.LabelTable(rows, context, 10.5));
            }
            if (reviews.Count > 0)
            {
                flow.Add(new Paragraph("审核意见", heading) { LineHeight = 24, SpaceBefore = 6, KeepWithNext = true });
                var table = new Table(1.3, 4.7) { CellPadding = 4.2 };
                foreach (var review in reviews)
                {
                    table.Add(new TableCell(review.Level, DocumentParts.Style(context, "label", FontRole.Heiti, 10.5)) { Background = DocumentParts.HeaderShade },
                        new TableCell(new Paragraph(review.Opinion + "\n" + $"签字：{review.Signer}　　日期：{review.Date}", body) { LineHeight = 15 }));
                }
                flow.Add(table);
            }
            if (context.Verification is { } mark)
            {
                flow.Add(new Drawing(62, (canvas, x, top, width) => mark.Draw(canvas, x + width - 50, top + 6, 50, body)));
            }
            flow.OnPageEnd = DocumentParts.PageFooter(DocumentParts.Style(context, "body", FontRole.Body, 9));
            flow.Render(document);
        };
    }

    /// <summary>Every field of the submitted form, labelled from the form definition when labels are given.</summary>
    private static List<(string, string)> FormRows(DocumentModel model, string formPath, string? labelsPath)
    {
        var form = model.Get(formPath);
        if (form.ValueKind != JsonValueKind.Object)
        {
            throw new TemplateException(model.Template, formPath, "should be an object of form fields");
        }
        JsonElement labels = default;
        var hasLabels = labelsPath is not null && model.TryGet(labelsPath, out labels) && labels.ValueKind == JsonValueKind.Object;
        var rows = new List<(string, string)>();
        foreach (var field in form.EnumerateObject())
        {
            var label = hasLabels && labels.TryGetProperty(field.Name, out var named) ? DocumentModel.Format(named) : field.Name;
            rows.Add((label, Describe(field.Value)));
        }
        return rows;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => string.Join("\n", value.EnumerateObject().Select(p => $"{p.Name}：{Describe(p.Value)}")),
        JsonValueKind.Array when value.EnumerateArray().Any(v => v.ValueKind == JsonValueKind.Object) =>
            string.Join("\n", value.EnumerateArray().Select((v, i) => $"{i + 1}. {Describe(v).Replace("\n", "；", StringComparison.Ordinal)}")),
        JsonValueKind.Null => "",
        _ => DocumentModel.Format(value),
    };
}
