using Workflows.Pdf.Graphics;

namespace Workflows.Pdf.Layout;

/// <summary>Page size and margins in points; the text block is what lies inside the margins.</summary>
public sealed record PageGeometry(double Width, double Height, double Top, double Right, double Bottom, double Left)
{
    public double ContentWidth => Width - Left - Right;
    public double ContentHeight => Height - Top - Bottom;

    /// <summary>A4 portrait with margins given in millimetres.</summary>
    public static PageGeometry A4(double topMm, double rightMm, double bottomMm, double leftMm) =>
        new(Units.A4Width, Units.A4Height, Units.Mm(topMm), Units.Mm(rightMm), Units.Mm(bottomMm), Units.Mm(leftMm));

    /// <summary>A4 landscape with margins given in millimetres.</summary>
    public static PageGeometry A4Landscape(double topMm, double rightMm, double bottomMm, double leftMm) =>
        new(Units.A4Height, Units.A4Width, Units.Mm(topMm), Units.Mm(rightMm), Units.Mm(bottomMm), Units.Mm(leftMm));
}
