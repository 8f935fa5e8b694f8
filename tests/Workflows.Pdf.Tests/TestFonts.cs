using Workflows.Pdf.Fonts;

namespace Workflows.Pdf.Tests;

/// <summary>The open fonts the build fetched (npm ci in src/Workflows.Documents/fonts), parsed once for all tests.</summary>
public static class TestFonts
{
    private static readonly string Packages = Path.GetFullPath(Path.Combine(
        AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "Workflows.Documents", "fonts", "node_modules", "@expo-google-fonts"));

    public static readonly string SerifPath = Path.Combine(Packages, "noto-serif-sc", "400Regular", "NotoSerifSC_400Regular.ttf");
    public static readonly string SansPath = Path.Combine(Packages, "noto-sans-sc", "400Regular", "NotoSansSC_400Regular.ttf");

    private static readonly Lazy<TrueTypeFont> SerifFont = new(() => TrueTypeFont.Load(SerifPath));
    private static readonly Lazy<TrueTypeFont> SansFont = new(() => TrueTypeFont.Load(SansPath));

    public static TrueTypeFont Serif => SerifFont.Value;
    public static TrueTypeFont Sans => SansFont.Value;

    public static FontChain Chain => new(Serif, Sans);
}
