using System.Buffers.Binary;
using Workflows.Pdf.Fonts;

namespace Workflows.Pdf.Tests.Fonts;

public class TrueTypeFontTests
{
    [Fact]
    public void Noto_serif_maps_han_characters_and_reads_its_metrics()
    {
        var font = TestFonts.Serif;
        Assert.NotEqual(0, font.GlyphFor('心'));
        Assert.NotEqual(0, font.GlyphFor('民'));
        Assert.Equal(1000, font.UnitsPerEm);
        Assert.Equal(1000, font.Advance(font.GlyphFor('民')));
        Assert.Equal("NotoSerifSC-Regular", font.PostScriptName);
    }

    [Fact]
    public void Text_is_measured_from_the_advance_widths()
    {
        var width = TestFonts.Serif.MeasureWidth("社区服务", 16);
        Assert.Equal(64, width, 3);
        Assert.True(TestFonts.Serif.MeasureWidth("il", 16) < 16);
    }

    [Fact]
    public void A_face_inside_a_collection_is_read()
    {
        var collection = TrueTypeCollection(File.ReadAllBytes(TestFonts.SansPath));
        var font = TrueTypeFont.Parse(collection, 0);
        Assert.Equal(TestFonts.Sans.GlyphFor('心'), font.GlyphFor('心'));
        var error = Assert.Throws<FontFormatException>(() => TrueTypeFont.Parse(collection, 3));
        Assert.Contains("face 3", error.Message);
    }

    [Fact]
    public void Random_bytes_are_refused_as_not_a_font()
    {
        var error = Assert.Throws<FontFormatException>(() => TrueTypeFont.Parse(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13 }));
        Assert.Equal("file", error.Table);
    }

    [Fact]
    public void A_truncated_font_file_is_refused_naming_the_table()
    {
        var file = File.ReadAllBytes(TestFonts.SansPath);
        var error = Assert.Throws<FontFormatException>(() => TrueTypeFont.Parse(file[..(file.Length / 2)]));
        Assert.False(string.IsNullOrEmpty(error.Table));
        Assert.Contains("outside the file", error.Message);
    }

    [Fact]
    public void A_font_with_a_corrupt_glyph_index_is_refused_naming_loca()
    {
        var file = File.ReadAllBytes(TestFonts.SansPath);
        var (offset, _) = Table(file, "loca");
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(offset + 40), 0xFFFFFF00);
        var error = Assert.Throws<FontFormatException>(() => TrueTypeFont.Parse(file));
        Assert.Equal("loca", error.Table);
    }

    [Fact]
    public void A_font_with_only_cff_outlines_is_refused_with_the_reason()
    {
        var file = File.ReadAllBytes(TestFonts.SansPath)[..4096];
        BinaryPrimitives.WriteUInt32BigEndian(file, 0x4F54544F); // 'OTTO'
        var error = Assert.Throws<FontFormatException>(() => TrueTypeFont.Parse(file));
        Assert.Contains("CFF", error.Message);
    }

    [Fact]
    public void Damaged_tables_are_refused_with_a_font_error_or_still_draw_text_never_crash()
    {
        var original = File.ReadAllBytes(TestFonts.SansPath);
        string[] tables = ["head", "hhea", "maxp", "hmtx", "cmap", "loca", "name", "OS/2", "post"];
        var random = new Random(20261123);
        var refused = 0;
        for (var attempt = 0; attempt < 60; attempt++)
        {
            var file = (byte[])original.Clone();
            var (offset, length) = Table(file, tables[attempt % tables.Length]);
            for (var flip = 0; flip < 8; flip++)
            {
                file[offset + random.Next(Math.Min(length, 512))] = (byte)random.Next(256);
            }
            try
            {
                var font = TrueTypeFont.Parse(file);
                var pdf = Render.Pages(d => d.AddPage().Canvas.DrawText("社区服务 Aé", new Workflows.Pdf.Text.TextStyle(new FontChain(font), 12), 20, 20));
                Assert.True(pdf.Length > 0);
            }
            catch (FontFormatException)
            {
                refused++;
            }
        }
        Assert.True(refused > 0);
    }

    internal static (int Offset, int Length) Table(byte[] file, string tag)
    {
        var count = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(4));
        for (var i = 0; i < count; i++)
        {
            var record = 12 + 16 * i;
            if (System.Text.Encoding.ASCII.GetString(file, record, 4) == tag)
            {
                return ((int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(record + 8)), (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(record + 12)));
            }
        }
        throw new InvalidOperationException(tag);
    }

    /// <summary>Wraps one .ttf as a one-face .ttc: a collection header, then the font with its table offsets moved.</summary>
    internal static byte[] TrueTypeCollection(byte[] font)
    {
        const int header = 16;
        var collection = new byte[header + font.Length];
        BinaryPrimitives.WriteUInt32BigEndian(collection, 0x74746366);
        BinaryPrimitives.WriteUInt32BigEndian(collection.AsSpan(4), 0x00010000);
        BinaryPrimitives.WriteUInt32BigEndian(collection.AsSpan(8), 1);
        BinaryPrimitives.WriteUInt32BigEndian(collection.AsSpan(12), header);
        font.CopyTo(collection, header);
        var count = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4));
        for (var i = 0; i < count; i++)
        {
            var at = header + 12 + 16 * i + 8;
            BinaryPrimitives.WriteUInt32BigEndian(collection.AsSpan(at), BinaryPrimitives.ReadUInt32BigEndian(collection.AsSpan(at)) + header);
        }
        return collection;
    }
}
