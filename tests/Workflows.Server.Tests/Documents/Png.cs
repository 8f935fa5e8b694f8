using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Workflows.Server.Tests.Documents;

/// <summary>Writes small PNG files for the seal tests: a red ring, with a transparent background or a white one.</summary>
internal static class Png
{
    public static byte[] RedSeal(int size, bool transparent)
    {
        var channels = transparent ? 4 : 3;
        var raw = new MemoryStream();
        for (var y = 0; y < size; y++)
        {
            raw.WriteByte(0);
            for (var x = 0; x < size; x++)
            {
                var dx = x - size / 2.0;
                var dy = y - size / 2.0;
                var distance = Math.Sqrt(dx * dx + dy * dy);
                var ink = distance < size / 2.0 - 1 && distance > size / 2.0 - 6;
                raw.Write(ink ? [0xD0, 0x10, 0x10] : [0xFF, 0xFF, 0xFF]);
                if (transparent)
                {
                    raw.WriteByte(ink ? (byte)0xFF : (byte)0x00);
                }
            }
        }
        var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, size);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), size);
        header[8] = 8;
        header[9] = (byte)(channels == 4 ? 6 : 2);
        Chunk(png, "IHDR", header);
        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(raw.ToArray());
        }
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }
        return ~crc;
    }
}
