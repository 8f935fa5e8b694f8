using Workflows.Documents.Fonts;
using Workflows.Documents.Templates;
using Workflows.Pdf.Layout;
using Workflows.Pdf.Objects;
using Workflows.Pdf.Text;

namespace Workflows.Documents.Training;

/// <summary>The attendance register: session particulars, then one ruled row per attendee, the header repeated on each page.</summary>
internal static class AttendanceRegisterLayout
{
    private static readonly PageGeometry Page = PageGeometry.A4(20, 18, 22, 20);

    public static Action<PdfDocument> Prepare(AttendanceRegisterTemplate template, DocumentModel model, RenderContext context)
    {
        var title = model.Fill(template.Title);
        var session = template.Session.Select(s => (model.Fill(s.Label), model.Fill(s.Value))).ToList();
        var rows = model.Items(template.Rows);
        var table = DocumentParts.DataTable(template.Columns, rows, context, 10.5);
        var footer = model.Fill(template.Footer);

        return document =>
        {
            var flow = new FlowDocument(Page);
            flow.Add(new Paragraph(title, DocumentParts.Style(context, "title", FontRole.Title, 20)) { Alignment = TextAlignment.Center, LineHeight = 36, SpaceAfter = 6 });
            if (session.Count > 0)
            {
                flow.Add(DocumentParts.LabelTable(session, context, 10.5, pairsPerRow: 2));
                flow.Add(new Spacer(8));
            }
            flow.Add(table);
            if (footer.Length > 0)
            {
                flow.Add(new Paragraph(footer, DocumentParts.Style(context, "body", FontRole.Body, 10.5)) { SpaceBefore = 10, LineHeight = 20 });
            }
            if (context.Verification is { } mark)
            {
                flow.Add(new Drawing(62, (canvas, x, top, width) => mark.Draw(canvas, x + width - 50, top + 4, 50, DocumentParts.Style(context, "body", FontRole.Body, 8))));
            }
            flow.OnPageEnd = DocumentParts.PageFooter(DocumentParts.Style(context, "body", FontRole.Body, 9));
            flow.Render(document);
        };
    }
}
