using System.IO.Compression;

namespace Workflows.Pdf.Objects;

/// <summary>
/// Writes numbered indirect objects to a stream and finishes the file with a classic
/// cross-reference table. Object numbers are reserved first so that objects can refer to each
/// other before they are written (pages to fonts whose subsets are only known at the end).
/// </summary>
internal sealed class PdfObjectWriter
{
    private readonly Stream _output;
    private readonly List<long> _offsets = [0];
    private readonly ByteBuffer _scratch = new(1024);
    private long _position;

    public PdfObjectWriter(Stream output)
    {
        _output = output;
        // The binary comment line tells transfer tools the file is not text.
        WriteRaw("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"u8);
    }

    public int Reserve()
    {
        _offsets.Add(-1);
        return _offsets.Count - 1;
    }

    private void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        _output.Write(bytes);
        _position += bytes.Length;
    }

    /// <summary>Writes an object whose body is a dictionary, array or other direct value.</summary>
    public void WriteObject(int number, ReadOnlySpan<byte> body)
    {
        Begin(number);
        WriteRaw(body);
        WriteRaw("\nendobj\n"u8);
    }

    /// <summary>Writes a stream object; <paramref name="dictionaryEntries"/> is the dictionary without the length and filter.</summary>
    public void WriteStream(int number, ReadOnlySpan<byte> dictionaryEntries, ReadOnlySpan<byte> data, bool compress)
    {
        ReadOnlySpan<byte> payload = data;
        byte[]? compressed = null;
        if (compress)
        {
            compressed = Deflate(data);
            payload = compressed;
        }
        Begin(number);
        _scratch.Clear();
        _scratch.AppendAscii("<<").Append(dictionaryEntries);
        if (compress)
        {
            _scratch.AppendAscii("/Filter/FlateDecode");
        }
        _scratch.AppendAscii("/Length ").Append(payload.Length).AppendAscii(">>\nstream\n");
        WriteRaw(_scratch.Span);
        WriteRaw(payload);
        WriteRaw("\nendstream\nendobj\n"u8);
    }

    public static byte[] Deflate(ReadOnlySpan<byte> data)
    {
        using var memory = new MemoryStream(data.Length / 2 + 64);
        // Level 1 (zlib-ng's quick strategy) is about ten times faster than the default level on
        // glyph outlines and content streams, for files about 15% larger: the right trade for
        // documents generated on request.
        using (var zlib = new ZLibStream(memory, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(data);
        }
        return memory.ToArray();
    }

    private void Begin(int number)
    {
        if (_offsets[number] >= 0)
        {
            throw new InvalidOperationException($"PDF object {number} was written twice.");
        }
        _offsets[number] = _position;
        _scratch.Clear();
        _scratch.Append(number).AppendAscii(" 0 obj\n");
        WriteRaw(_scratch.Span);
    }

    /// <summary>Writes the cross-reference table and trailer. Every reserved object must have been written.</summary>
    public void Finish(int catalog, int info)
    {
        var xrefAt = _position;
        var table = new ByteBuffer(32 + _offsets.Count * 20);
        table.AppendAscii("xref\n0 ").Append(_offsets.Count).NewLine();
        table.AppendAscii("0000000000 65535 f\r\n");
        for (var i = 1; i < _offsets.Count; i++)
        {
            if (_offsets[i] < 0)
            {
                throw new InvalidOperationException($"PDF object {i} was reserved but never written.");
            }
            table.AppendAscii(_offsets[i].ToString("D10", System.Globalization.CultureInfo.InvariantCulture)).AppendAscii(" 00000 n\r\n");
        }
        table.AppendAscii("trailer\n<</Size ").Append(_offsets.Count)
            .AppendAscii("/Root ").Append(catalog).AppendAscii(" 0 R/Info ").Append(info).AppendAscii(" 0 R>>\nstartxref\n")
            .Append(xrefAt).AppendAscii("\n%%EOF\n");
        WriteRaw(table.Span);
        _output.Flush();
    }
}
