using Workflows.Pdf.Graphics;
using Workflows.Pdf.Layout;

namespace Workflows.Documents.Official;

/// <summary>
/// The measurements of GB/T 9704-2012: A4, top margin 37 mm, binding margin 28 mm, a 156 × 225 mm
/// text block holding 22 lines of 28 characters in 三号 (16 pt).
/// </summary>
internal static class OfficialGrid
{
    public static readonly PageGeometry Page = PageGeometry.A4(37, 26, 35, 28);

    public const double BodySize = 16;     // 三号
    public const double TitleSize = 22;    // 二号
    public const double FooterSize = 14;   // 四号: 版记 and page numbers
    public const int LinesPerPage = 22;
    public const int CharactersPerLine = 28;

    /// <summary>Baseline-to-baseline distance that puts exactly 22 lines in the text block.</summary>
    public static readonly double LinePitch = Page.ContentHeight / LinesPerPage;

    /// <summary>One character of the grid: the text block width over 28.</summary>
    public static readonly double Character = Page.ContentWidth / CharactersPerLine;

    /// <summary>Tracking that fits 28 sixteen-point characters in 156 mm.</summary>
    public static readonly double BodyLetterSpacing = Character - BodySize;

    public static readonly double RuleThick = Units.Mm(0.35);
    public static readonly double RuleThin = Units.Mm(0.25);
}
