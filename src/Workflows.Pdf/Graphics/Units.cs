namespace Workflows.Pdf.Graphics;

/// <summary>Conversions to PDF points (1/72 inch), the unit used everywhere in this library.</summary>
public static class Units
{
    public const double A4Width = 595.276;
    public const double A4Height = 841.89;

    public static double Mm(double millimetres) => millimetres * 72 / 25.4;

    public static double ToMm(double points) => points * 25.4 / 72;
}
