using System.Text;

namespace Workflows.Pdf.Fonts;

/// <summary>
/// A parsed TrueType (glyf-outlined) face. Parsing happens once; the object is immutable and
/// safe to share between threads and documents, which is what makes generating many small
/// documents cheap. Character-to-glyph lookups for the Basic Multilingual Plane are a flat
/// array, so measuring text never allocates.
/// </summary>
public sealed class TrueTypeFont
{
    private readonly byte[] _file;
    private readonly Dictionary<string, (int Offset, int Length)> _tables;
    private readonly ushort[] _bmp;
    private readonly Dictionary<int, ushort> _astral;
    private readonly ushort[] _advances;
    private readonly int[] _loca;

    private TrueTypeFont(byte[] file, Dictionary<string, (int, int)> tables)
    {
        _file = file;
        _tables = tables;
        if (!tables.ContainsKey("glyf"))
        {
            throw tables.ContainsKey("CFF ") || tables.ContainsKey("CFF2")
                ? new FontFormatException("glyf", "the font has CFF (PostScript) outlines only; TrueType (glyf) outlines are required")
                : new FontFormatException("glyf", "required table is missing");
        }
        foreach (var required in new[] { "head", "hhea", "maxp", "hmtx", "cmap", "loca" })
        {
            if (!tables.ContainsKey(required))
            {
                throw new FontFormatException(required, "required table is missing");
            }
        }

        var head = Reader("head");
        if (head.UInt32(12) != 0x5F0F3CF5)
        {
            throw new FontFormatException("head", "magic number is wrong");
        }
        UnitsPerEm = head.UInt16(18);
        if (UnitsPerEm is < 16 or > 16384)
        {
            throw new FontFormatException("head", $"unitsPerEm {UnitsPerEm} is outside 16..16384");
        }
        BoundingBox = (head.Int16(36), head.Int16(38), head.Int16(40), head.Int16(42));
        LongLoca = head.Int16(50) == 1;

        GlyphCount = Reader("maxp").UInt16(4);
        if (GlyphCount == 0)
        {
            throw new FontFormatException("maxp", "the font has no glyphs");
        }

        var hhea = Reader("hhea");
        Ascender = hhea.Int16(4);
        Descender = hhea.Int16(6);
        LineGap = hhea.Int16(8);
        var metricsCount = hhea.UInt16(34);
        if (metricsCount == 0 || metricsCount > GlyphCount)
        {
            throw new FontFormatException("hhea", $"numberOfHMetrics {metricsCount} does not fit {GlyphCount} glyphs");
        }
        _advances = ReadAdvances(metricsCount);
        _loca = ReadLoca();
        (_bmp, _astral) = ReadCmap();
        PostScriptName = ReadName(6) ?? "Font";
        FamilyName = ReadName(1) ?? PostScriptName;

        CapHeight = Ascender;
        if (tables.ContainsKey("OS/2"))
        {
            var os2 = Reader("OS/2");
            if (os2.Length >= 90 && os2.UInt16(0) >= 2)
            {
                CapHeight = os2.Int16(88);
            }
            IsSerif = os2.Length > 33 && os2.Slice(32, 1)[0] is >= 2 and <= 5 && os2.Slice(33, 1)[0] is 2 or 3;
        }
        if (tables.ContainsKey("post"))
        {
            ItalicAngle = Reader("post").Int32(4) / 65536.0;
        }
    }

    public int UnitsPerEm { get; }
    public int GlyphCount { get; }
    public short Ascender { get; }
    public short Descender { get; }
    public short LineGap { get; }
    public short CapHeight { get; }
    public double ItalicAngle { get; }
    public bool IsSerif { get; }
    public (short XMin, short YMin, short XMax, short YMax) BoundingBox { get; }
    public string PostScriptName { get; }
    public string FamilyName { get; }
    internal bool LongLoca { get; }
    internal int ByteSize => _file.Length;

    /// <summary>Parses a .ttf, or face <paramref name="faceIndex"/> of a .ttc collection.</summary>
    public static TrueTypeFont Parse(byte[] file, int faceIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(file);
        var reader = new FontReader(file, "file");
        if (file.Length < 12)
        {
            throw new FontFormatException("file", "too short to be a font");
        }
        var directory = 0;
        var tag = reader.UInt32(0);
        if (tag == 0x74746366) // 'ttcf'
        {
            var faces = (int)reader.UInt32(8);
            if (faceIndex < 0 || faceIndex >= faces)
            {
                throw new FontFormatException("file", $"the collection has {faces} faces; face {faceIndex} does not exist");
            }
            directory = checked((int)reader.UInt32(12 + 4 * faceIndex));
            tag = reader.UInt32(directory);
        }
        if (tag == 0x4F54544F) // 'OTTO'
        {
            throw new FontFormatException("CFF ", "the font has CFF (PostScript) outlines only; TrueType (glyf) outlines are required");
        }
        if (tag is not (0x00010000 or 0x74727565)) // 1.0 or 'true'
        {
            throw new FontFormatException("file", "not a TrueType font or collection (unknown signature)");
        }
        var count = reader.UInt16(directory + 4);
        var tables = new Dictionary<string, (int, int)>(count);
        for (var i = 0; i < count; i++)
        {
            var record = directory + 12 + 16 * i;
            var name = Encoding.ASCII.GetString(reader.Slice(record, 4));
            var offset = reader.UInt32(record + 8);
            var length = reader.UInt32(record + 12);
            if (offset + (long)length > file.Length)
            {
                throw new FontFormatException(name, $"table lies outside the file (offset {offset}, length {length}, file {file.Length} bytes)");
            }
            tables[name] = ((int)offset, (int)length);
        }
        return new TrueTypeFont(file, tables);
    }

    public static TrueTypeFont Load(string path, int faceIndex = 0) => Parse(File.ReadAllBytes(path), faceIndex);

    internal FontReader Reader(string table)
    {
        var (offset, length) = _tables[table];
        return new FontReader(_file.AsSpan(offset, length), table);
    }

    internal bool HasTable(string table) => _tables.ContainsKey(table);

    internal ReadOnlySpan<byte> Table(string table)
    {
        var (offset, length) = _tables[table];
        return _file.AsSpan(offset, length);
    }

    /// <summary>The glyph for a Unicode scalar value, or 0 (.notdef) when the face has none.</summary>
    public ushort GlyphFor(int codePoint) =>
        (uint)codePoint < 0x10000 ? _bmp[codePoint] : _astral.GetValueOrDefault(codePoint);

    public bool HasGlyph(int codePoint) => GlyphFor(codePoint) != 0;

    /// <summary>Advance width in font units.</summary>
    public int Advance(ushort glyph) => _advances[glyph < _advances.Length ? glyph : 0];

    /// <summary>The outline bytes of a glyph (empty for blank glyphs such as the space).</summary>
    internal ReadOnlySpan<byte> GlyphData(ushort glyph)
    {
        var start = _loca[glyph];
        var end = _loca[glyph + 1];
        return Table("glyf").Slice(start, end - start);
    }

    public double MeasureWidth(string text, double size)
    {
        var units = 0L;
        foreach (var rune in text.EnumerateRunes())
        {
            units += Advance(GlyphFor(rune.Value));
        }
        return units * size / UnitsPerEm;
    }

    private ushort[] ReadAdvances(int metricsCount)
    {
        var hmtx = Reader("hmtx");
        if (hmtx.Length < metricsCount * 4)
        {
            throw new FontFormatException("hmtx", $"holds {hmtx.Length} bytes, {metricsCount * 4} needed for the advance widths");
        }
        var advances = new ushort[GlyphCount];
        for (var i = 0; i < GlyphCount; i++)
        {
            advances[i] = i < metricsCount ? hmtx.UInt16(i * 4) : advances[metricsCount - 1];
        }
        return advances;
    }

    private int[] ReadLoca()
    {
        var loca = Reader("loca");
        var glyfLength = _tables["glyf"].Length;
        var needed = (GlyphCount + 1) * (LongLoca ? 4 : 2);
        if (loca.Length < needed)
        {
            throw new FontFormatException("loca", $"holds {loca.Length} bytes, {needed} needed for {GlyphCount} glyphs");
        }
        var offsets = new int[GlyphCount + 1];
        for (var i = 0; i <= GlyphCount; i++)
        {
            var value = LongLoca ? (long)loca.UInt32(i * 4) : loca.UInt16(i * 2) * 2L;
            if (value > glyfLength || (i > 0 && value < offsets[i - 1]))
            {
                throw new FontFormatException("loca", $"glyph {i} offset {value} is out of order or beyond the glyf table ({glyfLength} bytes)");
            }
            offsets[i] = (int)value;
        }
        return offsets;
    }

    private (ushort[] Bmp, Dictionary<int, ushort> Astral) ReadCmap()
    {
        var cmap = Reader("cmap");
        var count = cmap.UInt16(2);
        int best = -1, bestRank = 0;
        for (var i = 0; i < count; i++)
        {
            var platform = cmap.UInt16(4 + 8 * i);
            var encoding = cmap.UInt16(6 + 8 * i);
            var offset = (int)cmap.UInt32(8 + 8 * i);
            var format = cmap.UInt16(offset);
            // Prefer the full-repertoire subtable, then the BMP one.
            var rank = (platform, encoding, format) switch
            {
                (3, 10, 12) => 4,
                (0, _, 12) => 3,
                (3, 1, 4) => 2,
                (0, _, 4) => 1,
                _ => 0,
            };
            if (rank > bestRank)
            {
                bestRank = rank;
                best = offset;
            }
        }
        if (best < 0)
        {
            throw new FontFormatException("cmap", "no Unicode subtable (format 4 or 12) found");
        }
        var bmp = new ushort[0x10000];
        var astral = new Dictionary<int, ushort>();
        if (cmap.UInt16(best) == 12)
        {
            var groups = cmap.UInt32(best + 12);
            var mapped = 0L;
            for (var g = 0L; g < groups; g++)
            {
                var at = checked(best + 16 + (int)(g * 12));
                var start = cmap.UInt32(at);
                var end = Math.Min(cmap.UInt32(at + 4), 0x10FFFF);
                // A damaged or hostile table could map the whole of Unicode many times over.
                mapped += end >= start ? end - start + 1 : 0;
                if (mapped > 0x110000)
                {
                    throw new FontFormatException("cmap", "format 12 groups map more characters than Unicode has");
                }
                var glyph = cmap.UInt32(at + 8);
                for (var c = start; c <= end; c++, glyph++)
                {
                    Map(bmp, astral, (int)c, glyph);
                }
            }
        }
        else
        {
            var segments = cmap.UInt16(best + 6) / 2;
            var ends = best + 14;
            var starts = ends + segments * 2 + 2;
            var deltas = starts + segments * 2;
            var ranges = deltas + segments * 2;
            for (var s = 0; s < segments; s++)
            {
                int end = cmap.UInt16(ends + s * 2), start = cmap.UInt16(starts + s * 2);
                var delta = cmap.Int16(deltas + s * 2);
                var rangeOffset = cmap.UInt16(ranges + s * 2);
                for (var c = start; c <= end && c != 0xFFFF; c++)
                {
                    uint glyph;
                    if (rangeOffset == 0)
                    {
                        glyph = (uint)((c + delta) & 0xFFFF);
                    }
                    else
                    {
                        glyph = cmap.UInt16(ranges + s * 2 + rangeOffset + (c - start) * 2);
                        if (glyph != 0)
                        {
                            glyph = (uint)((glyph + delta) & 0xFFFF);
                        }
                    }
                    Map(bmp, astral, c, glyph);
                }
            }
        }
        return (bmp, astral);
    }

    private void Map(ushort[] bmp, Dictionary<int, ushort> astral, int codePoint, uint glyph)
    {
        if (glyph == 0 || glyph >= GlyphCount)
        {
            return;
        }
        if (codePoint < 0x10000)
        {
            bmp[codePoint] = (ushort)glyph;
        }
        else
        {
            astral[codePoint] = (ushort)glyph;
        }
    }

    private string? ReadName(int nameId)
    {
        if (!_tables.ContainsKey("name"))
        {
            return null;
        }
        var name = Reader("name");
        var count = name.UInt16(2);
        var strings = name.UInt16(4);
        string? mac = null;
        for (var i = 0; i < count; i++)
        {
            var record = 6 + 12 * i;
            if (name.UInt16(record + 6) != nameId)
            {
                continue;
            }
            var platform = name.UInt16(record);
            var length = name.UInt16(record + 8);
            var offset = strings + name.UInt16(record + 10);
            if (offset + length > name.Length)
            {
                continue;
            }
            if (platform is 0 or 3)
            {
                var language = name.UInt16(record + 4);
                var text = Encoding.BigEndianUnicode.GetString(name.Slice(offset, length));
                if (platform == 0 || language == 0x409)
                {
                    return text;
                }
                mac ??= text;
            }
            else if (platform == 1)
            {
                mac ??= Encoding.Latin1.GetString(name.Slice(offset, length));
            }
        }
        return mac;
    }
}
