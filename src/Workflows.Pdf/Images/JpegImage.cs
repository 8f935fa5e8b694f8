using Workflows.Pdf.Objects;

namespace Workflows.Pdf.Images;

/// <summary>A JPEG embedded as it is (DCTDecode): PDF readers decode JPEG themselves.</summary>
public sealed class JpegImage : PdfImage
{
    private readonly byte[] _data;
    private readonly int _components;

    private JpegImage(byte[] data, int width, int height, int components)
    {
        _data = data;
        Width = width;
        Height = height;
        _components = components;
    }

    public static JpegImage Read(byte[] data)
    {
        var at = 2;
        while (at + 4 <= data.Length)
        {
            if (data[at] != 0xFF)
            {
                throw new ImageFormatException($"JPEG marker expected at byte {at}");
            }
            var marker = data[at + 1];
            if (marker == 0xFF)
            {
                at++;
                continue;
            }
            var length = (data[at + 2] << 8) | data[at + 3];
            // Start-of-frame markers C0..CF, except C4 (Huffman tables), C8 (reserved) and CC (arithmetic tables).
            if (marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC))
            {
                if (at + 10 > data.Length)
                {
                    break;
                }
                var height = (data[at + 5] << 8) | data[at + 6];
                var width = (data[at + 7] << 8) | data[at + 8];
                var components = data[at + 9];
                if (width == 0 || height == 0 || components is not (1 or 3 or 4))
                {
                    throw new ImageFormatException($"JPEG frame {width}×{height} with {components} components is not supported");
                }
                return new JpegImage(data, width, height, components);
            }
            at += 2 + length;
        }
        throw new ImageFormatException("JPEG has no frame header");
    }

    internal override void Write(PdfObjectWriter writer, int number)
    {
        var dictionary = new ByteBuffer(160);
        dictionary.AppendAscii("/Type/XObject/Subtype/Image/Width ").Append(Width).AppendAscii("/Height ").Append(Height)
            .AppendAscii("/BitsPerComponent 8/ColorSpace/")
            .AppendAscii(_components switch { 1 => "DeviceGray", 3 => "DeviceRGB", _ => "DeviceCMYK/Decode[1 0 1 0 1 0 1 0]" })
            .AppendAscii("/Filter/DCTDecode");
        writer.WriteStream(number, dictionary.Span, _data, compress: false);
    }
}
