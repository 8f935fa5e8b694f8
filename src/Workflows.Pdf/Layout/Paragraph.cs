using Workflows.Pdf.Graphics;
using Workflows.Pdf.Text;

namespace Workflows.Pdf.Layout;

public enum TextAlignment
{
    Left,
    Center,
    Right,
    /// <summary>Both edges flush, the last line flush left, as Chinese body text is set.</summary>
    Justify,
}

/// <summary>
/// A paragraph: text broken into lines with a first-line indent, set either on a fixed line
/// pitch (the official 22-line grid) or at a multiple of the font size. Long paragraphs split
/// across pages between lines.
/// </summary>
public sealed class Paragraph : Block
{
    private ShapedText? _shaped;
    private List<TextLine>? _lines;
    private double _linesWidth = -1;
    private readonly int _firstLine;

    public Paragraph(string text, TextStyle style)
    {
        Text = text ?? string.Empty;
        Style = style;
    }

    private Paragraph(Paragraph source, int firstLine) : this(source.Text, source.Style)
    {
        _shaped = source._shaped;
        _lines = source._lines;
        _linesWidth = source._linesWidth;
        _firstLine = firstLine;
        Alignment = source.Alignment;
        FirstLineIndent = source.FirstLineIndent;
        LeftIndent = source.LeftIndent;
        RightIndent = source.RightIndent;
        LineHeight = source.LineHeight;
        Balanced = source.Balanced;
        SpaceAfter = source.SpaceAfter;
    }

    public string Text { get; }
    public TextStyle Style { get; }
    public TextAlignment Alignment { get; set; } = TextAlignment.Left;
    public double FirstLineIndent { get; set; }

    /// <summary>Space kept clear on the left of every line (the 版记's one-character inset).</summary>
    public double LeftIndent { get; set; }

    public double RightIndent { get; set; }

    /// <summary>Distance from one baseline to the next in points; by default 1.5 times the font size.</summary>
    public double? LineHeight { get; set; }

    /// <summary>Break a long title into lines of similar length instead of one full line and a short one.</summary>
    public bool Balanced { get; set; }

    public double Pitch => LineHeight ?? Style.Size * 1.5;

    public IReadOnlyList<TextLine> LinesFor(double width)
    {
        EnsureLines(width);
        return _lines!;
    }

    private void EnsureLines(double width)
    {
        if (_lines is not null && Math.Abs(_linesWidth - width) < 0.001)
        {
            return;
        }
        _shaped ??= new ShapedText(Text, Style);
        var lines = LineBreaker.Break(_shaped, width, width - FirstLineIndent);
        if (Balanced && lines.Count > 1)
        {
            double low = width / lines.Count, high = width;
            for (var step = 0; step < 14; step++)
            {
                var middle = (low + high) / 2;
                if (LineBreaker.Break(_shaped, middle, middle - FirstLineIndent).Count == lines.Count)
                {
                    high = middle;
                }
                else
                {
                    low = middle;
                }
            }
            lines = LineBreaker.Break(_shaped, high, high - FirstLineIndent);
        }
        _lines = lines;
        _linesWidth = width;
    }

    public override LayoutResult Layout(LayoutSpace space)
    {
        var width = Math.Max(Style.Size, space.Width - LeftIndent - RightIndent);
        EnsureLines(width);
        var lines = _lines!;
        var pitch = Pitch;
        var remaining = lines.Count - _firstLine;
        var fits = (int)Math.Min(int.MaxValue, Math.Floor((space.Height + 0.01) / pitch));
        if (fits <= 0)
        {
            if (!space.AtPageTop)
            {
                return LayoutResult.Nothing(this);
            }
            fits = 1;
        }
        var count = Math.Min(fits, remaining);
        var fragment = new LinesFragment(this, _firstLine, _firstLine + count, width);
        return new LayoutResult(fragment, count < remaining ? new Paragraph(this, _firstLine + count) : null);
    }

    private sealed class LinesFragment(Paragraph paragraph, int first, int end, double width) : Fragment
    {
        public override double Height => (end - first) * paragraph.Pitch;

        public override void Draw(PdfCanvas canvas, double x, double top)
        {
            var shaped = paragraph._shaped!;
            var lines = paragraph._lines!;
            var size = paragraph.Style.Size;
            var pitch = paragraph.Pitch;
            for (var i = first; i < end; i++)
            {
                var line = lines[i];
                // Centre the em box in the line box; 0.88 em is where CJK faces put the baseline.
                var baseline = top + (i - first) * pitch + (pitch - size) / 2 + size * 0.88;
                var indent = i == 0 ? paragraph.FirstLineIndent : 0;
                var available = width - indent;
                var extra = 0.0;
                var offset = indent;
                switch (paragraph.Alignment)
                {
                    case TextAlignment.Center:
                        offset += (available - line.Width) / 2;
                        break;
                    case TextAlignment.Right:
                        offset += available - line.Width;
                        break;
                    case TextAlignment.Justify when !line.EndsParagraph && line.End - line.Start > 1:
                        var visible = line.End;
                        while (visible > line.Start && shaped.IsBlank(visible - 1))
                        {
                            visible--;
                        }
                        if (visible - line.Start > 1)
                        {
                            extra = Math.Max(0, (available - line.Width) / (visible - line.Start - 1));
                        }
                        break;
                }
                canvas.DrawGlyphs(shaped, line.Start, line.End, x + paragraph.LeftIndent + offset, baseline, extra);
            }
        }
    }
}
