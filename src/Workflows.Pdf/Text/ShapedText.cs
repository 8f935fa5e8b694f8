using Workflows.Pdf.Fonts;

namespace Workflows.Pdf.Text;

/// <summary>
/// Text resolved to glyphs once: for each character its face in the chain, its glyph, its
/// advance in points and its line-breaking class. Layout and drawing then work on these
/// arrays without looking anything up again.
/// </summary>
public sealed class ShapedText
{
    public ShapedText(string text, TextStyle style)
    {
        Text = text;
        Style = style;
        var capacity = text.Length;
        CodePoints = new int[capacity];
        Drawn = new int[capacity];
        Fonts = new byte[capacity];
        Glyphs = new ushort[capacity];
        Advances = new float[capacity];
        var scale = style.Size / style.Fonts.Primary.UnitsPerEm;
        var count = 0;
        var index = 0;
        while (index < text.Length)
        {
            int codePoint;
            if (char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
            {
                codePoint = char.ConvertToUtf32(text[index], text[index + 1]);
                index += 2;
            }
            else
            {
                codePoint = char.IsSurrogate(text[index]) ? 0xFFFD : text[index];
                index++;
            }
            if (codePoint == '\r')
            {
                continue;
            }
            CodePoints[count] = codePoint;
            if (codePoint == '\n' || codePoint == '\t')
            {
                Drawn[count] = codePoint;
                Advances[count] = codePoint == '\t' ? (float)(style.Size * 2) : 0;
                count++;
                continue;
            }
            var (font, glyph) = style.Fonts.Resolve(codePoint, out var drawn);
            Drawn[count] = drawn;
            Fonts[count] = font;
            Glyphs[count] = glyph;
            var face = style.Fonts[font];
            var advance = face.UnitsPerEm == style.Fonts.Primary.UnitsPerEm
                ? face.Advance(glyph) * scale
                : face.Advance(glyph) * style.Size / face.UnitsPerEm;
            Advances[count] = (float)(advance + style.LetterSpacing);
            count++;
        }
        Count = count;
    }

    public string Text { get; }
    public TextStyle Style { get; }
    public int Count { get; }
    public int[] CodePoints { get; }

    /// <summary>The character each glyph shows: the original, or the replacement box.</summary>
    public int[] Drawn { get; }
    public byte[] Fonts { get; }
    public ushort[] Glyphs { get; }
    public float[] Advances { get; }

    public double Width(int start, int end)
    {
        double width = 0;
        for (var i = start; i < end; i++)
        {
            width += Advances[i];
        }
        return width;
    }

    /// <summary>Whether the glyph is drawn at all (spaces and line feeds take room or end lines but draw nothing).</summary>
    public bool IsBlank(int index) => CodePoints[index] is ' ' or '\n' or '\t' or '\u3000';
}
