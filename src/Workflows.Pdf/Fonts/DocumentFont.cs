using System.Text;
using Workflows.Pdf.Objects;

namespace Workflows.Pdf.Fonts;

/// <summary>
/// One font as used by one document: the glyphs drawn so far, renumbered densely so the
/// embedded subset stays small, and the text each glyph stands for so that copying and
/// searching give back exactly what was written.
/// </summary>
internal sealed class DocumentFont
{
    private readonly Dictionary<ushort, ushort> _newIds = new();
    private readonly List<ushort> _glyphs = [0];
    private readonly List<int> _text = [0];

    public DocumentFont(TrueTypeFont font, string resourceName, int objectNumber)
    {
        Font = font;
        ResourceName = resourceName;
        ObjectNumber = objectNumber;
        _newIds[0] = 0;
    }

    public TrueTypeFont Font { get; }
    public string ResourceName { get; }
    public int ObjectNumber { get; }

    /// <summary>The character id to write in a content stream for <paramref name="glyph"/>.</summary>
    public ushort Use(ushort glyph, int codePoint)
    {
        if (_newIds.TryGetValue(glyph, out var id))
        {
            return id;
        }
        id = (ushort)_glyphs.Count;
        _newIds[glyph] = id;
        _glyphs.Add(glyph);
        _text.Add(codePoint);
        return id;
    }

    public void Write(PdfObjectWriter writer)
    {
        var drawn = _glyphs.Count;
        var glyphs = new List<ushort>(_glyphs);
        FontSubsetter.AddComponents(Font, glyphs, _newIds);
        var subset = FontSubsetter.Build(Font, glyphs, _newIds);
        var name = SubsetTag() + "+" + SafeName(Font.PostScriptName);
        var scale = 1000.0 / Font.UnitsPerEm;

        int cidFont = writer.Reserve(), descriptor = writer.Reserve(), file = writer.Reserve(), toUnicode = writer.Reserve();
        var body = new ByteBuffer(256);
        body.AppendAscii("<</Type/Font/Subtype/Type0/BaseFont/").AppendAscii(name)
            .AppendAscii("/Encoding/Identity-H/DescendantFonts[").Append(cidFont).AppendAscii(" 0 R]/ToUnicode ")
            .Append(toUnicode).AppendAscii(" 0 R>>");
        writer.WriteObject(ObjectNumber, body.Span);

        body.Clear();
        body.AppendAscii("<</Type/Font/Subtype/CIDFontType2/BaseFont/").AppendAscii(name)
            .AppendAscii("/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>/FontDescriptor ")
            .Append(descriptor).AppendAscii(" 0 R/CIDToGIDMap/Identity/DW 1000/W[0[");
        for (var i = 0; i < drawn; i++)
        {
            if (i > 0)
            {
                body.Space();
            }
            body.Append(Math.Round(Font.Advance(glyphs[i]) * scale, 1));
        }
        body.AppendAscii("]]>>");
        writer.WriteObject(cidFont, body.Span);

        var box = Font.BoundingBox;
        body.Clear();
        body.AppendAscii("<</Type/FontDescriptor/FontName/").AppendAscii(name)
            .AppendAscii("/Flags ").Append(Font.IsSerif ? 6 : 4)
            .AppendAscii("/FontBBox[").Append(box.XMin * scale).Space().Append(box.YMin * scale).Space()
            .Append(box.XMax * scale).Space().Append(box.YMax * scale)
            .AppendAscii("]/ItalicAngle ").Append(Font.ItalicAngle)
            .AppendAscii("/Ascent ").Append(Font.Ascender * scale)
            .AppendAscii("/Descent ").Append(Font.Descender * scale)
            .AppendAscii("/CapHeight ").Append(Font.CapHeight * scale)
            .AppendAscii("/StemV 80/FontFile2 ").Append(file).AppendAscii(" 0 R>>");
        writer.WriteObject(descriptor, body.Span);

        body.Clear();
        body.AppendAscii("/Length1 ").Append(subset.Length);
        writer.WriteStream(file, body.Span, subset, compress: true);

        writer.WriteStream(toUnicode, [], ToUnicodeCMap(drawn), compress: true);
    }

    private byte[] ToUnicodeCMap(int drawn)
    {
        var cmap = new ByteBuffer(256 + drawn * 20);
        cmap.AppendAscii("/CIDInit/ProcSet findresource begin\n12 dict begin\nbegincmap\n")
            .AppendAscii("/CIDSystemInfo<</Registry(Adobe)/Ordering(UCS)/Supplement 0>>def\n")
            .AppendAscii("/CMapName/Adobe-Identity-UCS def\n/CMapType 2 def\n")
            .AppendAscii("1 begincodespacerange\n<0000><FFFF>\nendcodespacerange\n");
        Span<char> chars = stackalloc char[2];
        // beginbfchar blocks hold at most 100 entries each.
        for (var start = 1; start < drawn; start += 100)
        {
            var end = Math.Min(drawn, start + 100);
            cmap.Append(end - start).AppendAscii(" beginbfchar\n");
            for (var i = start; i < end; i++)
            {
                cmap.Append((byte)'<').AppendHex((ushort)i).AppendAscii("><");
                var rune = new Rune(_text[i]);
                var length = rune.EncodeToUtf16(chars);
                for (var c = 0; c < length; c++)
                {
                    cmap.AppendHex(chars[c]);
                }
                cmap.AppendAscii(">\n");
            }
            cmap.AppendAscii("endbfchar\n");
        }
        cmap.AppendAscii("endcmap\nCMapName currentdict/CMap defineresource pop\nend\nend\n");
        return cmap.ToArray();
    }

    /// <summary>Six capital letters derived from the glyph set, so the same document gives the same file.</summary>
    private string SubsetTag()
    {
        uint hash = 2166136261;
        foreach (var glyph in _glyphs)
        {
            hash = (hash ^ glyph) * 16777619;
        }
        var tag = new char[6];
        for (var i = 0; i < 6; i++)
        {
            tag[i] = (char)('A' + hash % 26);
            hash /= 26;
        }
        return new string(tag);
    }

    private static string SafeName(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(c is > ' ' and < '\x7f' and not ('(' or ')' or '<' or '>' or '[' or ']' or '{' or '}' or '/' or '%' or '#') ? c : '-');
        }
        return builder.Length == 0 ? "Font" : builder.ToString();
    }
}
