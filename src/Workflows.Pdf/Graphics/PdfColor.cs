namespace Workflows.Pdf.Graphics;

/// <summary>An RGB colour with components from 0 to 1.</summary>
public readonly record struct PdfColor(double R, double G, double B)
{
    public static readonly PdfColor Black = new(0, 0, 0);
    public static readonly PdfColor White = new(1, 1, 1);
    public static readonly PdfColor Grey = new(0.5, 0.5, 0.5);
    public static readonly PdfColor LightGrey = new(0.9, 0.9, 0.9);

    /// <summary>The red of official document marks and rules.</summary>
    public static readonly PdfColor OfficialRed = new(0.9, 0, 0);

    public static PdfColor FromHex(string hex)
    {
        var value = Convert.ToInt32(hex.TrimStart('#'), 16);
        return new(((value >> 16) & 0xFF) / 255.0, ((value >> 8) & 0xFF) / 255.0, (value & 0xFF) / 255.0);
    }
}
