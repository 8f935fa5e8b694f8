using System.Buffers.Binary;
using System.IO.Compression;
using Workflows.Pdf.Objects;

namespace Workflows.Pdf.Images;

/// <summary>
/// A PNG, decoded to colour samples plus an alpha channel when it has transparency (a seal is
/// red ink on a transparent background); the alpha becomes the image's soft mask (SMask).
/// </summary>
public sealed class PngImage : PdfImage
{
    private readonly byte[] _colour;
    private readonly byte[]? _alpha;
    private readonly int _channels;

    private PngImage(int width, int height, byte[] colour, int channels, byte[]? alpha)
    {
        Width = width;
        Height = height;
        _colour = PdfObjectWriter.Deflate(colour);
        _alpha = alpha is null ? null : PdfObjectWriter.Deflate(alpha);
        _channels = channels;
    }

    public bool HasAlpha => _alpha is not null;

    public static PngImage Decode(byte[] data)
    {
        int width = 0, height = 0, depth = 0, type = -1;
        byte[]? palette = null, transparency = null;
        using var compressed = new MemoryStream();
        var at = 8;
        while (at + 8 <= data.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(at));
            var chunk = System.Text.Encoding.ASCII.GetString(data, at + 4, 4);
            if (length < 0 || at + 12L + length > data.Length)
            {
                throw new ImageFormatException($"PNG chunk {chunk} runs past the end of the file");
            }
            var body = data.AsSpan(at + 8, length);
            switch (chunk)
            {
                case "IHDR":
                    width = (int)BinaryPrimitives.ReadUInt32BigEndian(body);
                    height = (int)BinaryPrimitives.ReadUInt32BigEndian(body[4..]);
                    depth = body[8];
                    type = body[9];
                    if (body[12] != 0)
                    {
                        throw new ImageFormatException("interlaced PNG is not supported; save the image without interlacing");
                    }
                    break;
                case "PLTE":
                    palette = body.ToArray();
                    break;
                case "tRNS":
                    transparency = body.ToArray();
                    break;
                case "IDAT":
                    compressed.Write(body);
                    break;
            }
            if (chunk == "IEND")
            {
                break;
            }
            at += 12 + length;
        }
        if (width <= 0 || height <= 0 || type < 0 || (long)width * height > 50_000_000)
        {
            throw new ImageFormatException("PNG header is missing or the image is too large");
        }
        var samples = type switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, 6 => 4, _ => throw new ImageFormatException($"PNG colour type {type} is unknown") };
        if (type == 3 && palette is null)
        {
            throw new ImageFormatException("indexed PNG without a palette");
        }
        var raw = Inflate(compressed, width, height, samples, depth);
        return Split(raw, width, height, type, depth, samples, palette, transparency);
    }

    private static byte[] Inflate(MemoryStream compressed, int width, int height, int samples, int depth)
    {
        compressed.Position = 0;
        var stride = (width * samples * depth + 7) / 8;
        var filtered = new byte[(stride + 1) * height];
        using (var zlib = new ZLibStream(compressed, CompressionMode.Decompress))
        {
            zlib.ReadExactly(filtered);
        }
        var bpp = Math.Max(1, samples * depth / 8);
        var output = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            var filter = filtered[y * (stride + 1)];
            var line = filtered.AsSpan(y * (stride + 1) + 1, stride);
            var current = output.AsSpan(y * stride, stride);
            var previous = y > 0 ? output.AsSpan((y - 1) * stride, stride) : Span<byte>.Empty;
            for (var x = 0; x < stride; x++)
            {
                int left = x >= bpp ? current[x - bpp] : 0;
                int up = y > 0 ? previous[x] : 0;
                int upLeft = x >= bpp && y > 0 ? previous[x - bpp] : 0;
                current[x] = (byte)(line[x] + filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new ImageFormatException($"PNG row filter {filter} is unknown"),
                });
            }
        }
        return output;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static PngImage Split(byte[] raw, int width, int height, int type, int depth, int samples, byte[]? palette, byte[]? transparency)
    {
        var stride = (width * samples * depth + 7) / 8;
        var colourChannels = type is 2 or 3 or 6 ? 3 : 1;
        var hasAlpha = type is 4 or 6 || (type == 3 && transparency is not null);
        var colour = new byte[width * height * colourChannels];
        var alpha = hasAlpha ? new byte[width * height] : null;
        for (var y = 0; y < height; y++)
        {
            var row = raw.AsSpan(y * stride, stride);
            for (var x = 0; x < width; x++)
            {
                var pixel = y * width + x;
                if (type == 3)
                {
                    var index = Sample(row, x, depth);
                    if (index * 3 + 2 >= palette!.Length)
                    {
                        index = 0;
                    }
                    colour[pixel * 3] = palette[index * 3];
                    colour[pixel * 3 + 1] = palette[index * 3 + 1];
                    colour[pixel * 3 + 2] = palette[index * 3 + 2];
                    if (alpha is not null)
                    {
                        alpha[pixel] = index < transparency!.Length ? transparency[index] : (byte)255;
                    }
                    continue;
                }
                for (var s = 0; s < colourChannels; s++)
                {
                    colour[pixel * colourChannels + s] = Eight(row, x * samples + s, depth);
                }
                if (alpha is not null)
                {
                    alpha[pixel] = Eight(row, x * samples + samples - 1, depth);
                }
            }
        }
        return new PngImage(width, height, colour, colourChannels, alpha);
    }

    private static int Sample(ReadOnlySpan<byte> row, int index, int depth)
    {
        if (depth == 8)
        {
            return row[index];
        }
        if (depth == 16)
        {
            return row[index * 2];
        }
        var bit = index * depth;
        return (row[bit / 8] >> (8 - depth - bit % 8)) & ((1 << depth) - 1);
    }

    /// <summary>A sample scaled to 8 bits.</summary>
    private static byte Eight(ReadOnlySpan<byte> row, int index, int depth) =>
        depth >= 8 ? (byte)Sample(row, index, depth) : (byte)(Sample(row, index, depth) * 255 / ((1 << depth) - 1));

    internal override void Write(PdfObjectWriter writer, int number)
    {
        var dictionary = new ByteBuffer(200);
        var mask = 0;
        if (_alpha is not null)
        {
            mask = writer.Reserve();
        }
        dictionary.AppendAscii("/Type/XObject/Subtype/Image/Width ").Append(Width).AppendAscii("/Height ").Append(Height)
            .AppendAscii("/BitsPerComponent 8/ColorSpace/").AppendAscii(_channels == 3 ? "DeviceRGB" : "DeviceGray")
            .AppendAscii("/Filter/FlateDecode");
        if (_alpha is not null)
        {
            dictionary.AppendAscii("/SMask ").Append(mask).AppendAscii(" 0 R");
        }
        writer.WriteStream(number, dictionary.Span, _colour, compress: false);
        if (_alpha is not null)
        {
            dictionary.Clear();
            dictionary.AppendAscii("/Type/XObject/Subtype/Image/Width ").Append(Width).AppendAscii("/Height ").Append(Height)
                .AppendAscii("/BitsPerComponent 8/ColorSpace/DeviceGray/Filter/FlateDecode");
            writer.WriteStream(mask, dictionary.Span, _alpha, compress: false);
        }
    }
}
