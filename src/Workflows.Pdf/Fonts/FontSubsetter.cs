using System.Buffers.Binary;

namespace Workflows.Pdf.Fonts;

/// <summary>
/// Builds a TrueType file holding only the glyphs a document uses, renumbered from 0 in the
/// order given. A CJK face has tens of thousands of glyphs; a certificate needs a hundred.
/// </summary>
internal static class FontSubsetter
{
    private const int ArgsAreWords = 0x0001;
    private const int HaveScale = 0x0008;
    private const int MoreComponents = 0x0020;
    private const int HaveXYScale = 0x0040;
    private const int HaveTwoByTwo = 0x0080;

    /// <summary>
    /// Appends to <paramref name="glyphs"/> the components of composite glyphs that are not yet in
    /// it, so the subset draws them; <paramref name="newIds"/> maps original to new glyph ids.
    /// </summary>
    public static void AddComponents(TrueTypeFont font, List<ushort> glyphs, Dictionary<ushort, ushort> newIds)
    {
        for (var i = 0; i < glyphs.Count; i++)
        {
            var data = font.GlyphData(glyphs[i]);
            if (data.Length < 10 || BinaryPrimitives.ReadInt16BigEndian(data) >= 0)
            {
                continue;
            }
            foreach (var (_, component) in Components(data))
            {
                if (component < font.GlyphCount && !newIds.ContainsKey(component))
                {
                    newIds[component] = (ushort)glyphs.Count;
                    glyphs.Add(component);
                }
            }
        }
    }

    private static List<(int Offset, ushort Glyph)> Components(ReadOnlySpan<byte> data)
    {
        var list = new List<(int, ushort)>(2);
        var at = 10;
        while (at + 4 <= data.Length)
        {
            var flags = BinaryPrimitives.ReadUInt16BigEndian(data[at..]);
            list.Add((at + 2, BinaryPrimitives.ReadUInt16BigEndian(data[(at + 2)..])));
            at += 4 + ((flags & ArgsAreWords) != 0 ? 4 : 2);
            at += (flags & HaveScale) != 0 ? 2 : (flags & HaveXYScale) != 0 ? 4 : (flags & HaveTwoByTwo) != 0 ? 8 : 0;
            if ((flags & MoreComponents) == 0)
            {
                break;
            }
        }
        return list;
    }

    public static byte[] Build(TrueTypeFont font, IReadOnlyList<ushort> glyphs, Dictionary<ushort, ushort> newIds)
    {
        var count = glyphs.Count;
        var glyf = new MemoryStream();
        var loca = new byte[(count + 1) * 4];
        var hmtx = new byte[count * 4];
        var hhea = font.Reader("hhea");
        var metricsCount = hhea.UInt16(34);
        var sourceHmtx = font.Reader("hmtx");
        for (var i = 0; i < count; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(loca.AsSpan(i * 4), (uint)glyf.Position);
            var original = glyphs[i];
            var data = font.GlyphData(original);
            if (data.Length >= 10 && BinaryPrimitives.ReadInt16BigEndian(data) < 0)
            {
                var copy = data.ToArray();
                foreach (var (offset, component) in Components(data))
                {
                    BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(offset), newIds.GetValueOrDefault(component));
                }
                glyf.Write(copy);
            }
            else
            {
                glyf.Write(data);
            }
            while (glyf.Position % 4 != 0)
            {
                glyf.WriteByte(0);
            }
            var lsbAt = original < metricsCount ? original * 4 + 2 : metricsCount * 4 + (original - metricsCount) * 2;
            var lsb = lsbAt + 2 <= sourceHmtx.Length ? sourceHmtx.Int16(lsbAt) : (short)0;
            BinaryPrimitives.WriteUInt16BigEndian(hmtx.AsSpan(i * 4), (ushort)font.Advance(original));
            BinaryPrimitives.WriteInt16BigEndian(hmtx.AsSpan(i * 4 + 2), lsb);
        }
        BinaryPrimitives.WriteUInt32BigEndian(loca.AsSpan(count * 4), (uint)glyf.Position);

        var head = font.Table("head").ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(head.AsSpan(8), 0);
        BinaryPrimitives.WriteInt16BigEndian(head.AsSpan(50), 1);
        var newHhea = font.Table("hhea").ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(newHhea.AsSpan(34), (ushort)count);
        var maxp = font.Table("maxp").ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(maxp.AsSpan(4), (ushort)count);
        // post version 3: no glyph names, which a CID-keyed font does not need.
        var post = new byte[32];
        if (font.HasTable("post") && font.Table("post").Length >= 32)
        {
            font.Table("post")[..32].CopyTo(post);
        }
        BinaryPrimitives.WriteUInt32BigEndian(post, 0x00030000);

        var tables = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["glyf"] = glyf.ToArray(),
            ["head"] = head,
            ["hhea"] = newHhea,
            ["hmtx"] = hmtx,
            ["loca"] = loca,
            ["maxp"] = maxp,
            ["post"] = post,
            ["cmap"] = EmptyCmap(),
        };
        // Hinting programs are small and referenced by the outlines' instructions.
        foreach (var tag in new[] { "cvt ", "fpgm", "prep", "OS/2" })
        {
            if (font.HasTable(tag))
            {
                tables[tag] = font.Table(tag).ToArray();
            }
        }
        return Assemble(tables);
    }

    /// <summary>
    /// A cmap that maps nothing: text is addressed by glyph id through Identity-H, but a TrueType
    /// file without a cmap upsets some readers.
    /// </summary>
    private static byte[] EmptyCmap()
    {
        var cmap = new byte[4 + 8 + 24];
        var span = cmap.AsSpan();
        BinaryPrimitives.WriteUInt16BigEndian(span[2..], 1);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], 3);
        BinaryPrimitives.WriteUInt16BigEndian(span[6..], 1);
        BinaryPrimitives.WriteUInt32BigEndian(span[8..], 12);
        var table = span[12..];
        BinaryPrimitives.WriteUInt16BigEndian(table, 4);
        BinaryPrimitives.WriteUInt16BigEndian(table[2..], 24);
        BinaryPrimitives.WriteUInt16BigEndian(table[6..], 2);
        BinaryPrimitives.WriteUInt16BigEndian(table[8..], 2);
        BinaryPrimitives.WriteUInt16BigEndian(table[14..], 0xFFFF);
        BinaryPrimitives.WriteUInt16BigEndian(table[18..], 0xFFFF);
        BinaryPrimitives.WriteUInt16BigEndian(table[20..], 1);
        return cmap;
    }

    private static byte[] Assemble(SortedDictionary<string, byte[]> tables)
    {
        var numTables = tables.Count;
        var headerLength = 12 + 16 * numTables;
        var total = headerLength + tables.Values.Sum(t => (t.Length + 3) & ~3);
        var file = new byte[total];
        var span = file.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(span, 0x00010000);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], (ushort)numTables);
        var power = 1;
        var log = 0;
        while (power * 2 <= numTables)
        {
            power *= 2;
            log++;
        }
        BinaryPrimitives.WriteUInt16BigEndian(span[6..], (ushort)(power * 16));
        BinaryPrimitives.WriteUInt16BigEndian(span[8..], (ushort)log);
        BinaryPrimitives.WriteUInt16BigEndian(span[10..], (ushort)(numTables * 16 - power * 16));
        var offset = headerLength;
        var record = 12;
        var headOffset = 0;
        foreach (var (tag, data) in tables)
        {
            for (var i = 0; i < 4; i++)
            {
                file[record + i] = (byte)tag[i];
            }
            data.CopyTo(span[offset..]);
            BinaryPrimitives.WriteUInt32BigEndian(span[(record + 4)..], Checksum(span.Slice(offset, (data.Length + 3) & ~3)));
            BinaryPrimitives.WriteUInt32BigEndian(span[(record + 8)..], (uint)offset);
            BinaryPrimitives.WriteUInt32BigEndian(span[(record + 12)..], (uint)data.Length);
            if (tag == "head")
            {
                headOffset = offset;
            }
            offset += (data.Length + 3) & ~3;
            record += 16;
        }
        BinaryPrimitives.WriteUInt32BigEndian(span[(headOffset + 8)..], 0xB1B0AFBA - Checksum(span));
        return file;
    }

    private static uint Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        var i = 0;
        for (; i + 4 <= data.Length; i += 4)
        {
            sum += BinaryPrimitives.ReadUInt32BigEndian(data[i..]);
        }
        return sum;
    }
}
