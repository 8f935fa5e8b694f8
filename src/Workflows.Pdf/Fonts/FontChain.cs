namespace Workflows.Pdf.Fonts;

/// <summary>
/// Fonts tried in order for each character: the first face that has a glyph draws it. A
/// character none of them has is drawn as a visible box (□) rather than vanishing or failing,
/// because applicants type names with rare characters.
/// </summary>
public sealed class FontChain
{
    public const int Replacement = 0x25A1;
    private readonly TrueTypeFont[] _fonts;

    public FontChain(params TrueTypeFont[] fonts)
    {
        if (fonts.Length == 0)
        {
            throw new ArgumentException("A font chain needs at least one font.", nameof(fonts));
        }
        if (fonts.Length > 255)
        {
            throw new ArgumentException("A font chain holds at most 255 fonts.", nameof(fonts));
        }
        _fonts = fonts;
    }

    public TrueTypeFont Primary => _fonts[0];

    public int Count => _fonts.Length;

    public TrueTypeFont this[int index] => _fonts[index];

    /// <summary>Finds the face and glyph for a character; <paramref name="drawn"/> is the character actually drawn.</summary>
    public (byte Font, ushort Glyph) Resolve(int codePoint, out int drawn)
    {
        drawn = codePoint;
        for (var i = 0; i < _fonts.Length; i++)
        {
            var glyph = _fonts[i].GlyphFor(codePoint);
            if (glyph != 0)
            {
                return ((byte)i, glyph);
            }
        }
        drawn = Replacement;
        for (var i = 0; i < _fonts.Length; i++)
        {
            var glyph = _fonts[i].GlyphFor(Replacement);
            if (glyph != 0)
            {
                return ((byte)i, glyph);
            }
        }
        return (0, 0);
    }

    /// <summary>A chain with <paramref name="fallbacks"/> appended, for a role whose face lacks some characters.</summary>
    public FontChain Then(params TrueTypeFont[] fallbacks) => new([.. _fonts, .. fallbacks.Where(f => !_fonts.Contains(f))]);
}
