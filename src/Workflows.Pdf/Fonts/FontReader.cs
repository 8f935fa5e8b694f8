using System.Buffers.Binary;

namespace Workflows.Pdf.Fonts;

/// <summary>Big-endian reads with bounds checks that report which table was truncated.</summary>
internal readonly ref struct FontReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly string _table;

    public FontReader(ReadOnlySpan<byte> data, string table)
    {
        _data = data;
        _table = table;
    }

    public int Length => _data.Length;

    private ReadOnlySpan<byte> At(int offset, int count)
    {
        if (offset < 0 || offset > _data.Length - count)
        {
            throw new FontFormatException(_table, $"truncated: needs {count} bytes at offset {offset}, table has {_data.Length}");
        }
        return _data.Slice(offset, count);
    }

    public ushort UInt16(int offset) => BinaryPrimitives.ReadUInt16BigEndian(At(offset, 2));

    public short Int16(int offset) => BinaryPrimitives.ReadInt16BigEndian(At(offset, 2));

    public uint UInt32(int offset) => BinaryPrimitives.ReadUInt32BigEndian(At(offset, 4));

    public int Int32(int offset) => BinaryPrimitives.ReadInt32BigEndian(At(offset, 4));

    public ReadOnlySpan<byte> Slice(int offset, int count) => At(offset, count);
}
