using Workflows.Pdf.Objects;

namespace Workflows.Pdf.Images;

/// <summary>
/// A raster image ready to embed: decoded once, shareable between documents (a unit's seal is
/// drawn on every document it issues).
/// </summary>
public abstract class PdfImage
{
    public int Width { get; protected init; }
    public int Height { get; protected init; }

    /// <summary>Reads a PNG or JPEG file, recognised by its signature.</summary>
    public static PdfImage FromBytes(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length > 8 && data[0] == 0x89 && data[1] == 'P' && data[2] == 'N' && data[3] == 'G')
        {
            return PngImage.Decode(data);
        }
        if (data.Length > 4 && data[0] == 0xFF && data[1] == 0xD8)
        {
            return JpegImage.Read(data);
        }
        throw new ImageFormatException("the image is neither PNG nor JPEG");
    }

    public static PdfImage Load(string path) => FromBytes(File.ReadAllBytes(path));

    /// <summary>Writes the image XObject (and any soft mask) as object <paramref name="number"/>.</summary>
    internal abstract void Write(PdfObjectWriter writer, int number);
}

/// <summary>An image file this library cannot read, with the reason.</summary>
public sealed class ImageFormatException(string reason) : Exception($"Image: {reason}");
