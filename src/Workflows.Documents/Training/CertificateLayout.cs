using Workflows.Documents.Fonts;
using Workflows.Documents.Templates;
using Workflows.Pdf.Graphics;
using Workflows.Pdf.Layout;
using Workflows.Pdf.Objects;
using Workflows.Pdf.Text;

namespace Workflows.Documents.Training;

/// <summary>A certificate on A4 landscape inside a double red border.</summary>
internal static class CertificateLayout
{
    private static readonly PageGeometry Page = PageGeometry.A4Landscape(30, 32, 22, 32);
    private static readonly PdfColor Border = new(0.72, 0.1, 0.1);

    public static Action<PdfDocument> Prepare(CertificateTemplate template, DocumentModel model, RenderContext context)
    {
        var title = model.Fill(template.Title);
        var number = model.Fill(template.Number);
        var body = model.Fill(template.Body);
        var details = template.Details.Select(d => (model.Fill(d.Label), model.Fill(d.Value))).ToList();
        var issuer = model.Fill(template.Issuer);
        var date = model.Fill(template.Date);

        return document =>
        {
            var flow = new FlowDocument(Page);
            var titleStyle = new TextStyle(context.Font("title", FontRole.Title), 34) { Color = Border, LetterSpacing = 18 };
            var text = new TextStyle(context.Font("text", FontRole.Kaiti), 17);
            if (number.Length > 0)
            {
                flow.Add(new Paragraph(number, DocumentParts.Style(context, "body", FontRole.Body, 10.5)) { Alignment = TextAlignment.Right });
            }
            flow.Add(new Paragraph(title, titleStyle) { Alignment = TextAlignment.Center, LineHeight = 56, SpaceAfter = 10 });
            flow.Add(new Paragraph(body, text) { Alignment = TextAlignment.Justify, FirstLineIndent = 34, LineHeight = 30, SpaceAfter = 14 });
            if (details.Count > 0)
            {
                flow.Add(DocumentParts.LabelTable(details, context, 11.5, pairsPerRow: 2));
            }
            flow.Add(new AtPageFoot(DocumentParts.IssuerBlock(issuer, date, text.WithSize(15), context, Units.Mm(24))));
            flow.OnPage = page =>
            {
                var canvas = page.Canvas;
                canvas.StrokeRectangle(Units.Mm(10), Units.Mm(10), Page.Width - Units.Mm(20), Page.Height - Units.Mm(20), 3, Border);
                canvas.StrokeRectangle(Units.Mm(13), Units.Mm(13), Page.Width - Units.Mm(26), Page.Height - Units.Mm(26), 0.8, Border);
            };
            flow.Render(document);
        };
    }
}
