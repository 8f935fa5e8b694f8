using System.Buffers.Binary;
using Workflows.Pdf.Fonts;
using Workflows.Pdf.Text;
using PdfPigDocument = UglyToad.PdfPig.PdfDocument;

namespace Workflows.Pdf.Tests.Fonts;

public class SubsettingTests
{
    [Fact]
    public void Embedded_fonts_are_subsets_far_smaller_than_the_font_file()
    {
        var pdf = Render.Pages(document =>
            document.AddPage().Canvas.DrawText("关于同意建设社区服务中心的批复", new TextStyle(TestFonts.Chain, 16), 72, 100));

        Assert.True(pdf.Length < 20_000, $"{pdf.Length} bytes");
        Assert.True(new FileInfo(TestFonts.SerifPath).Length > 10_000_000);
        using var read = PdfPigDocument.Open(pdf);
        var letter = read.GetPage(1).Letters[0];
        Assert.Matches("^[A-Z]{6}\\+NotoSerifSC-Regular$", letter.FontName);
    }

    [Fact]
    public void A_subset_is_itself_a_valid_font_with_the_used_glyphs_renumbered()
    {
        var font = TestFonts.Serif;
        var glyphs = new List<ushort> { 0, font.GlyphFor('社'), font.GlyphFor('区') };
        var ids = new Dictionary<ushort, ushort> { [0] = 0, [glyphs[1]] = 1, [glyphs[2]] = 2 };

        var subset = TrueTypeFont.Parse(FontSubsetter.Build(font, glyphs, ids));

        Assert.Equal(3, subset.GlyphCount);
        Assert.Equal(font.Advance(glyphs[1]), subset.Advance(1));
        Assert.True(font.GlyphData(glyphs[2]).SequenceEqual(subset.GlyphData(2)[..font.GlyphData(glyphs[2]).Length]));
    }

    [Fact]
    public void Composite_glyphs_bring_their_components_into_the_subset()
    {
        var font = CompositeFont();
        var glyphs = new List<ushort> { 0, 2 };
        var ids = new Dictionary<ushort, ushort> { [0] = 0, [2] = 1 };

        FontSubsetter.AddComponents(font, glyphs, ids);
        var subset = TrueTypeFont.Parse(FontSubsetter.Build(font, glyphs, ids));

        Assert.Equal([0, 2, 1], glyphs);
        Assert.Equal(3, subset.GlyphCount);
        Assert.Equal(2, BinaryPrimitives.ReadUInt16BigEndian(subset.GlyphData(1)[12..]));
        Assert.True(font.GlyphData(1).SequenceEqual(subset.GlyphData(2)[..font.GlyphData(1).Length]));
    }

    /// <summary>
    /// A three-glyph font whose glyph 2 is a composite drawing glyph 1 (CJK faces rarely have
    /// composites, accented Latin faces do): glyph 2's outline is overwritten with one component record.
    /// </summary>
    private static TrueTypeFont CompositeFont()
    {
        var font = TestFonts.Sans;
        var ids = new Dictionary<ushort, ushort> { [0] = 0, [font.GlyphFor('社')] = 1, [font.GlyphFor('区')] = 2 };
        var file = FontSubsetter.Build(font, [0, font.GlyphFor('社'), font.GlyphFor('区')], ids);
        var (glyf, _) = TrueTypeFontTests.Table(file, "glyf");
        var (loca, _) = TrueTypeFontTests.Table(file, "loca");
        var at = glyf + (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(loca + 8));
        BinaryPrimitives.WriteInt16BigEndian(file.AsSpan(at), -1);
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(at + 10), 0x0002); // ARGS_ARE_XY_VALUES, byte arguments, last component
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(at + 12), 1);
        file[at + 14] = 0;
        file[at + 15] = 0;
        return TrueTypeFont.Parse(file);
    }

    [Fact]
    public void A_character_no_font_has_is_drawn_as_a_visible_box_without_failing()
    {
        var chain = TestFonts.Chain;
        var style = new TextStyle(chain, 16);
        var pdf = Render.Pages(document => document.AddPage().Canvas.DrawText("姓名：王\uE000兰", style, 72, 100));

        var text = PdfChecks.Text(pdf);
        Assert.Equal("姓名：王□兰", text);
        Assert.Equal(text, PdfChecks.CheckWithTools(pdf));
    }

    [Fact]
    public void Characters_missing_from_the_first_font_fall_back_to_the_next()
    {
        var empty = TrueTypeFont.Parse(FontSubsetter.Build(TestFonts.Sans, [0], new() { [0] = 0 }));
        Assert.Equal(0, empty.GlyphFor('社'));

        var shaped = new ShapedText("社区A", new TextStyle(new FontChain(empty, TestFonts.Serif), 12));

        Assert.All(shaped.Fonts[..shaped.Count], f => Assert.Equal(1, f));
        Assert.Equal(TestFonts.Serif.GlyphFor('社'), shaped.Glyphs[0]);
    }
}
