using System.Text.RegularExpressions;
using Workflows.Documents.Fonts;
using Workflows.Documents.Templates;
using Workflows.Pdf.Graphics;
using Workflows.Pdf.Layout;
using Workflows.Pdf.Objects;
using Workflows.Pdf.Text;
using static Workflows.Documents.Official.OfficialGrid;

namespace Workflows.Documents.Official;

/// <summary>Lays out an official document: 版头, 主体 and 版记 as GB/T 9704-2012 describes them.</summary>
internal static partial class OfficialDocumentLayout
{
    [GeneratedRegex(@"^[一二三四五六七八九十]+、")]
    private static partial Regex FirstLevelHeading();

    [GeneratedRegex(@"^（[一二三四五六七八九十]+）")]
    private static partial Regex SecondLevelHeading();

    public static Action<PdfDocument> Prepare(OfficialDocumentTemplate template, DocumentModel model, RenderContext context)
    {
        var texts = new OfficialTexts(
            model.Fill(template.Mark), model.Fill(template.Number), model.Fill(template.Title), model.Fill(template.Addressee),
            [.. template.Body.SelectMany(model.FillParagraphs).Where(p => p.Length > 0)],
            [.. template.Attachments.SelectMany(model.FillParagraphs).Where(a => a.Length > 0)],
            model.Fill(template.Issuer), model.Fill(template.Date), model.Fill(template.CopyTo), model.Fill(template.PrintedBy),
            model.Fill(template.PrintedOn));
        return document => Write(document, template.Format, texts, context);
    }

    private sealed record OfficialTexts(
        string Mark, string Number, string Title, string Addressee, string[] Body, string[] Attachments,
        string Issuer, string Date, string CopyTo, string PrintedBy, string PrintedOn);

    private static void Write(PdfDocument document, OfficialFormat format, OfficialTexts texts, RenderContext context)
    {
        var body = new TextStyle(context.Font("body", FontRole.Body), BodySize) { LetterSpacing = BodyLetterSpacing };
        var red = new TextStyle(context.Font("mark", FontRole.Title), 30) { Color = PdfColor.OfficialRed };
        var flow = new FlowDocument(Page);
        var letter = format == OfficialFormat.Letter;

        if (letter)
        {
            // The letter head is drawn on page 1 above the text block; the flow starts below its double rule.
            flow.Add(new Spacer(Units.Mm(16)) { KeepAtPageTop = true });
            flow.Add(Line(texts.Number, body, TextAlignment.Right, rightIndent: Character));
        }
        else
        {
            flow.Add(MarkBlock(texts.Mark, red));
            flow.Add(new Spacer(LinePitch));
            flow.Add(Line(texts.Number, body, TextAlignment.Center));
            flow.Add(new Drawing(Units.Mm(4) + 4, (canvas, x, top, width) =>
                canvas.Line(x, top + Units.Mm(4) - 4, x + width, top + Units.Mm(4) - 4, 1.5, PdfColor.OfficialRed)));
        }

        flow.Add(new Spacer(LinePitch * (letter ? 1 : 1.5)));
        flow.Add(new Paragraph(texts.Title, new TextStyle(context.Font("title", FontRole.Title), TitleSize))
        {
            Alignment = TextAlignment.Center,
            Balanced = true,
            LineHeight = TitleSize * 1.5,
            KeepWithNext = true,
        });
        flow.Add(new Spacer(LinePitch));
        if (texts.Addressee.Length > 0)
        {
            flow.Add(new Paragraph(texts.Addressee, body) { LineHeight = LinePitch, KeepWithNext = true });
        }
        foreach (var text in texts.Body)
        {
            var style = FirstLevelHeading().IsMatch(text) ? body.WithFonts(context.Font("heading", FontRole.Heiti))
                : SecondLevelHeading().IsMatch(text) ? body.WithFonts(context.Font("subheading", FontRole.Kaiti))
                : body;
            flow.Add(new Paragraph(text, style)
            {
                Alignment = TextAlignment.Justify,
                FirstLineIndent = 2 * Character,
                LineHeight = LinePitch,
                KeepWithNext = !ReferenceEquals(style, body),
            });
        }
        // The signature never stands alone on a page: it keeps the attachment note, or else the last paragraph, with it.
        var tail = new List<Block>();
        if (texts.Attachments.Length > 0)
        {
            tail.Add(new Spacer(LinePitch));
            // Continuation lines of a long attachment name align with the name, after 附件：and the number.
            var numbered = texts.Attachments.Length > 1;
            var nameStart = (2 + 3 + (numbered ? 2 : 0)) * Character;
            for (var i = 0; i < texts.Attachments.Length; i++)
            {
                var number = numbered ? $"{i + 1}．" : "";
                tail.Add(new Paragraph((i == 0 ? "附件：" : "") + number + texts.Attachments[i], body)
                {
                    LeftIndent = nameStart,
                    FirstLineIndent = (i == 0 ? 2 * Character : 5 * Character) - nameStart,
                    LineHeight = LinePitch,
                });
            }
        }
        else if (flow.Blocks.Count > 0 && flow.Blocks[^1] is Paragraph last && texts.Body.Length > 0)
        {
            flow.Blocks.RemoveAt(flow.Blocks.Count - 1);
            tail.Add(last);
        }
        tail.AddRange(SignatureBlock(texts, body, context));
        flow.Add(new Stack([.. tail]) { KeepTogether = true });
        if (Imprint(texts, body.WithSize(FooterSize) with { LetterSpacing = 0 }, letter) is { } imprint)
        {
            flow.Add(new AtPageFoot(imprint));
        }

        var numbers = new TextStyle(context.Font("body", FontRole.Body), FooterSize);
        flow.OnPage = page =>
        {
            if (letter && page.Number == 1)
            {
                LetterHead(page, texts.Mark, red);
            }
        };
        flow.OnPageEnd = page =>
        {
            if (!letter || page.Number > 1)
            {
                PageNumber(page, numbers);
            }
            if (page.Number == 1 && context.Verification is { } mark)
            {
                // Letters have a red double rule in the bottom margin, so their code sits left of the document number.
                if (letter)
                {
                    mark.Draw(page.Canvas, Page.Left, Units.Mm(50), Units.Mm(14), numbers);
                }
                else
                {
                    mark.Draw(page.Canvas, Page.Left, Page.Height - Page.Bottom + Units.Mm(11), Units.Mm(16), numbers);
                }
            }
        };
        flow.Render(document);
    }

    private static Paragraph Line(string text, TextStyle style, TextAlignment alignment, double rightIndent = 0) =>
        new(text, style) { Alignment = alignment, LineHeight = LinePitch, RightIndent = rightIndent };

    /// <summary>发文机关标志: red, centred, as large as fits the text block up to about 15 mm a character.</summary>
    private static Block MarkBlock(string mark, TextStyle red)
    {
        var size = Math.Min(42, Page.ContentWidth / Math.Max(1, mark.Length) * 0.96);
        var style = red.WithSize(size);
        return new Drawing(size * 1.15, (canvas, x, top, width) =>
        {
            var textWidth = style.Fonts.Primary.MeasureWidth(mark, size);
            canvas.DrawText(mark, style, x + (width - textWidth) / 2, top + size * 0.95);
        });
    }

    private static void LetterHead(PageContext page, string mark, TextStyle red)
    {
        var canvas = page.Canvas;
        var size = Math.Min(36, Units.Mm(170) / Math.Max(1, mark.Length) * 0.96);
        var style = red.WithSize(size);
        var width = style.Fonts.Primary.MeasureWidth(mark, size);
        var markTop = Units.Mm(30);
        canvas.DrawText(mark, style, (Page.Width - width) / 2, markTop + size * 0.88);
        var ruleLeft = (Page.Width - Units.Mm(170)) / 2;
        var ruleRight = ruleLeft + Units.Mm(170);
        var rule = markTop + size + Units.Mm(4);
        // Thick over thin at the top, thin over thick at the foot.
        canvas.Line(ruleLeft, rule, ruleRight, rule, 2.2, PdfColor.OfficialRed);
        canvas.Line(ruleLeft, rule + 3.2, ruleRight, rule + 3.2, 0.7, PdfColor.OfficialRed);
        var foot = Page.Height - Units.Mm(20);
        canvas.Line(ruleLeft, foot - 3.2, ruleRight, foot - 3.2, 0.7, PdfColor.OfficialRed);
        canvas.Line(ruleLeft, foot, ruleRight, foot, 2.2, PdfColor.OfficialRed);
    }

    /// <summary>— 1 —, 7 mm below the text block: odd pages one character in from the right, even pages from the left.</summary>
    private static void PageNumber(PageContext page, TextStyle style)
    {
        var label = $"— {page.Number} —";
        var width = style.Fonts.Primary.MeasureWidth(label, style.Size);
        var baseline = Page.Height - Page.Bottom + Units.Mm(7) + style.Size * 0.88;
        var x = page.Number % 2 == 1
            ? Page.Width - Page.Right - style.Size - width
            : Page.Left + style.Size;
        page.Canvas.DrawText(label, style, x, baseline);
    }

    /// <summary>
    /// 发文机关署名 centred over 成文日期, the date four characters in from the right; the seal
    /// pressed over both, the two lines a little below its centre.
    /// </summary>
    private static Block[] SignatureBlock(OfficialTexts texts, TextStyle body, RenderContext context)
    {
        var seal = context.Options.Seal;
        var before = seal is null ? 2 : 3;
        var lines = new Drawing(2 * LinePitch, (canvas, x, top, width) =>
        {
            var dateWidth = body.Fonts.Primary.MeasureWidth(texts.Date, body.Size) + texts.Date.Length * body.LetterSpacing;
            var issuerWidth = body.Fonts.Primary.MeasureWidth(texts.Issuer, body.Size) + texts.Issuer.Length * body.LetterSpacing;
            var dateX = x + width - 4 * Character - dateWidth;
            var centre = dateX + dateWidth / 2;
            var issuerX = Math.Max(x, Math.Min(centre - issuerWidth / 2, x + width - issuerWidth));
            var baseline = (LinePitch - body.Size) / 2 + body.Size * 0.88;
            canvas.DrawText(texts.Issuer, body, issuerX, top + baseline);
            canvas.DrawText(texts.Date, body, dateX, top + LinePitch + baseline);
            if (seal is not null)
            {
                var diameter = Units.Mm(42);
                var height = diameter * seal.Height / Math.Max(1, seal.Width);
                canvas.DrawImage(seal, centre - diameter / 2, top + LinePitch * 0.85 - height / 2, diameter, height);
            }
        });
        return [new Spacer(before * LinePitch), lines];
    }

    /// <summary>版记: 抄送 and 印发 between full-width rules, the last on the text block's bottom edge.</summary>
    private static Block? Imprint(OfficialTexts texts, TextStyle style, bool letter)
    {
        var parts = new List<Block>();
        Block Rule(double thickness) => new Drawing(thickness + 1, (canvas, x, top, width) =>
            canvas.Line(x, top + thickness / 2, x + width, top + thickness / 2, thickness, PdfColor.Black));

        parts.Add(Rule(RuleThick));
        if (texts.CopyTo.Length > 0)
        {
            // A long 抄送 list wraps under the first name, not under 抄送.
            parts.Add(new Paragraph("抄送：" + texts.CopyTo.TrimEnd('。') + "。", style)
            {
                LeftIndent = 4 * style.Size,
                FirstLineIndent = -3 * style.Size,
                RightIndent = style.Size,
                LineHeight = LinePitch,
            });
            parts.Add(Rule(letter || texts.PrintedBy.Length == 0 ? RuleThick : RuleThin));
        }
        if (!letter && (texts.PrintedBy.Length > 0 || texts.PrintedOn.Length > 0))
        {
            var printedOn = texts.PrintedOn.Length > 0 ? texts.PrintedOn + "印发" : "";
            parts.Add(new Drawing(LinePitch, (canvas, x, top, width) =>
            {
                var baseline = top + (LinePitch - style.Size) / 2 + style.Size * 0.88;
                canvas.DrawText(texts.PrintedBy, style, x + style.Size, baseline);
                var dateWidth = style.Fonts.Primary.MeasureWidth(printedOn, style.Size);
                canvas.DrawText(printedOn, style, x + width - style.Size - dateWidth, baseline);
            }));
            parts.Add(Rule(RuleThick));
        }
        return parts.Count == 1 ? null : new Stack([.. parts]) { KeepTogether = true };
    }
}
