using Workflows.Pdf.Fonts;

namespace Workflows.Documents.Fonts;

/// <summary>The verdict on an uploaded font file, with a reason an administrator can act on in both languages.</summary>
public sealed record FontCheck(bool Accepted, string? FamilyName, int GlyphCount, string? ReasonZh, string? ReasonEn)
{
    public static FontCheck Refused(string zh, string en) => new(false, null, 0, zh, en);
}

/// <summary>
/// Checks a font an administrator uploads (仿宋_GB2312, 方正小标宋简体 …) before it is mapped to a
/// role: it must parse as TrueType with glyf outlines and hold the Chinese characters a
/// document needs. A refused file never reaches a template.
/// </summary>
public static class FontUpload
{
    private const string Probe = "关于同意建设社区服务中心的批复民政局通知";

    public static FontCheck Check(byte[] file, int faceIndex = 0)
    {
        if (file is null || file.Length == 0)
        {
            return FontCheck.Refused("字体文件为空。", "The font file is empty.");
        }
        TrueTypeFont font;
        try
        {
            font = TrueTypeFont.Parse(file, faceIndex);
        }
        catch (FontFormatException error) when (error.Reason.Contains("CFF", StringComparison.Ordinal))
        {
            return FontCheck.Refused(
                "该字体使用 CFF（PostScript）轮廓，不能嵌入本系统生成的 PDF；请上传 TrueType（.ttf/.ttc，glyf 轮廓）字体。",
                "The font has CFF (PostScript) outlines only; upload a TrueType (.ttf/.ttc, glyf outlines) font.");
        }
        catch (FontFormatException error)
        {
            return FontCheck.Refused($"字体文件已损坏或格式不正确（{error.Table} 表：{error.Reason}）。", $"The font file is broken: {error.Message}.");
        }
        catch (Exception error) when (error is ArgumentException or OverflowException or IndexOutOfRangeException)
        {
            return FontCheck.Refused("字体文件已损坏，无法读取。", $"The font file cannot be read: {error.Message}");
        }
        var missing = Probe.Where(c => !font.HasGlyph(c)).Distinct().ToArray();
        if (missing.Length > Probe.Length / 2)
        {
            return FontCheck.Refused(
                $"该字体缺少常用汉字（如“{new string(missing.Take(5).ToArray())}”），不是中文字体。",
                $"The font lacks common Chinese characters (e.g. {new string(missing.Take(5).ToArray())}); it is not a Chinese font.");
        }
        return new FontCheck(true, font.FamilyName, font.GlyphCount, null, null);
    }
}
