using Workflows.Documents.Fonts;
using Workflows.Documents.Templates;
using Workflows.Pdf.Fonts;
using PdfPigDocument = UglyToad.PdfPig.PdfDocument;

namespace Workflows.Documents.Tests.Fonts;

public class FontRegistryTests
{
    private static string FontFile(string name) => Path.Combine(AppContext.BaseDirectory, "fonts", name);

    [Fact]
    public void The_build_copies_the_open_fonts_beside_the_application()
    {
        Assert.True(File.Exists(FontFile("NotoSerifSC-Regular.ttf")));
        Assert.True(File.Exists(FontFile("NotoSerifSC-Bold.ttf")));
        Assert.True(File.Exists(FontFile("NotoSansSC-Regular.ttf")));
    }

    [Fact]
    public void Each_role_has_a_face_with_fallbacks()
    {
        var fonts = FontRegistry.Default;
        Assert.Equal("NotoSerifSC-Bold", fonts[FontRole.Title].Primary.PostScriptName);
        Assert.Equal("NotoSerifSC-Regular", fonts[FontRole.Body].Primary.PostScriptName);
        Assert.Equal("NotoSansSC-Regular", fonts[FontRole.Heiti].Primary.PostScriptName);
        Assert.True(fonts[FontRole.Kaiti].Count >= 2);
        Assert.Equal(FontRole.Body, FontRoles.Parse("正文"));
        Assert.Equal(FontRole.Title, FontRoles.Parse("标题"));
        Assert.Equal("楷体", FontRole.Kaiti.ChineseName());
    }

    [Fact]
    public void An_uploaded_font_mapped_to_a_role_is_used_by_the_templates()
    {
        var upload = File.ReadAllBytes(FontFile("NotoSansSC-Bold.ttf"));
        Assert.True(FontUpload.Check(upload).Accepted);
        var fonts = FontRegistry.Default.With([(FontRole.Body, upload)]);

        var pdf = DocumentRenderer.Render(TemplateLibrary.Get("official-reply"), Samples.Reply(), new RenderOptions { Fonts = fonts });

        using var read = PdfPigDocument.Open(pdf);
        Assert.Contains(read.GetPage(1).Letters, l => l.Value == "此" && l.FontName!.EndsWith("+NotoSansSC-Bold", StringComparison.Ordinal));
    }

    [Fact]
    public void A_broken_font_upload_is_refused_with_a_reason_in_both_languages()
    {
        var file = File.ReadAllBytes(FontFile("NotoSansSC-Regular.ttf"))[..20_000];
        var check = FontUpload.Check(file);
        Assert.False(check.Accepted);
        Assert.Contains("字体文件已损坏", check.ReasonZh);
        Assert.Contains("broken", check.ReasonEn);
    }

    [Fact]
    public void A_cff_only_font_upload_is_refused_with_the_reason()
    {
        var file = File.ReadAllBytes(FontFile("NotoSansSC-Regular.ttf"))[..1000];
        file[0] = (byte)'O';
        file[1] = (byte)'T';
        file[2] = (byte)'T';
        file[3] = (byte)'O';
        var check = FontUpload.Check(file);
        Assert.False(check.Accepted);
        Assert.Contains("CFF", check.ReasonZh);
        Assert.Contains("CFF", check.ReasonEn);
    }

    [Fact]
    public void An_empty_or_garbage_upload_is_refused()
    {
        Assert.False(FontUpload.Check([]).Accepted);
        Assert.False(FontUpload.Check(new byte[5000]).Accepted);
    }

    [Fact]
    public void Parsing_a_broken_font_throws_a_clear_exception()
    {
        var error = Assert.Throws<FontFormatException>(() => TrueTypeFont.Parse(File.ReadAllBytes(FontFile("NotoSansSC-Regular.ttf"))[..3000]));
        Assert.StartsWith("Font table '", error.Message);
    }
}
