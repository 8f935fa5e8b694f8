using System.IO.Compression;
using System.Text;
using Workflows.Pdf.Images;

namespace Workflows.Pdf.Tests.Images;

public class ImageTests
{
    [Fact]
    public void A_png_with_transparency_gets_a_soft_mask()
    {
        var image = PdfImage.FromBytes(Png(4, 3, colourType: 6));
        Assert.IsType<PngImage>(image);
        Assert.True(((PngImage)image).HasAlpha);

        var pdf = Render.Pages(document => document.AddPage().Canvas.DrawImage(image, 50, 50, 120, 90));

        Assert.Contains("/SMask", Encoding.Latin1.GetString(pdf));
        PdfChecks.CheckWithTools(pdf);
        using var read = UglyToad.PdfPig.PdfDocument.Open(pdf);
        var placed = Assert.Single(read.GetPage(1).GetImages());
        Assert.Equal(4, placed.WidthInSamples);
    }

    [Fact]
    public void An_indexed_png_with_transparent_entries_gets_a_soft_mask()
    {
        var image = (PngImage)PdfImage.FromBytes(Png(6, 4, colourType: 3));
        Assert.True(image.HasAlpha);
        var pdf = Render.Pages(document => document.AddPage().Canvas.DrawImage(image, 10, 10, 60, 40));
        PdfChecks.CheckWithTools(pdf);
    }

    [Fact]
    public void An_interlaced_png_is_refused_with_the_reason()
    {
        var png = Png(2, 2, colourType: 2);
        png[8 + 8 + 12] = 1; // IHDR interlace method
        Assert.Contains("interlaced", Assert.Throws<ImageFormatException>(() => PdfImage.FromBytes(png)).Message);
    }

    [Fact]
    public void An_opaque_png_has_no_mask()
    {
        var image = (PngImage)PdfImage.FromBytes(Png(5, 5, colourType: 2));
        Assert.False(image.HasAlpha);
    }

    [Fact]
    public void A_jpeg_is_embedded_as_it_is_with_its_size_read_from_the_frame_header()
    {
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x20, 0x00, 0x40, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xFF, 0xD9];
        var image = PdfImage.FromBytes(jpeg);
        Assert.Equal(64, image.Width);
        Assert.Equal(32, image.Height);
        var pdf = Render.Pages(document => document.AddPage().Canvas.DrawImage(image, 0, 0, 64, 32));
        Assert.Contains("/DCTDecode", Encoding.Latin1.GetString(pdf));
    }

    [Fact]
    public void A_file_that_is_no_image_is_refused_with_a_reason()
    {
        var error = Assert.Throws<ImageFormatException>(() => PdfImage.FromBytes(Encoding.ASCII.GetBytes("GIF89a....")));
        Assert.Contains("neither PNG nor JPEG", error.Message);
    }

    [Fact]
    public void A_qr_code_is_drawn_as_vector_squares()
    {
        var pdf = Render.Pages(document => document.AddPage().Canvas.DrawQrCode("https://example.org/v/7KQ2-M8XD", 40, 40, 80));
        Assert.True(pdf.Length < 4000, $"{pdf.Length} bytes");
        PdfChecks.CheckWithTools(pdf);
    }

    /// <summary>A tiny RGBA or RGB PNG with a gradient, written with the same zlib the library reads.</summary>
    internal static byte[] Png(int width, int height, int colourType)
    {
        var channels = colourType switch { 6 => 4, 3 => 1, _ => 3 };
        var raw = new byte[height * (width * channels + 1)];
        for (var y = 0; y < height; y++)
        {
            raw[y * (width * channels + 1)] = (byte)(y % 5);
            for (var i = 1; i <= width * channels; i++)
            {
                raw[y * (width * channels + 1) + i] = colourType == 3 ? (byte)((i + y) % 4) : (byte)(i * 40 + y * 7);
            }
        }
        using var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = (byte)colourType;
        Chunk(output, "IHDR", header);
        if (colourType == 3)
        {
            Chunk(output, "PLTE", [200, 20, 20, 255, 255, 255, 0, 0, 0, 20, 20, 200]);
            Chunk(output, "tRNS", [255, 0, 128]);
        }
        using (var data = new MemoryStream())
        {
            using (var zlib = new ZLibStream(data, CompressionLevel.Fastest, true))
            {
                zlib.Write(raw);
            }
            Chunk(output, "IDAT", data.ToArray());
        }
        Chunk(output, "IEND", []);
        return output.ToArray();
    }

    private static void Chunk(Stream output, string type, byte[] data)
    {
        var length = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        output.Write(length);
        output.Write(Encoding.ASCII.GetBytes(type));
        output.Write(data);
        output.Write(new byte[4]); // the reader does not check CRCs
    }
}
