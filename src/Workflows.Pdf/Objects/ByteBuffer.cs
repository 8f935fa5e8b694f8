using System.Globalization;
using System.Runtime.CompilerServices;

namespace Workflows.Pdf.Objects;

/// <summary>
/// A growable byte buffer with the few ASCII writers PDF syntax needs. Content streams are
/// built glyph by glyph, so appending must not allocate.
/// </summary>
public sealed class ByteBuffer
{
    private static ReadOnlySpan<byte> Hex => "0123456789ABCDEF"u8;
    private byte[] _data;
    private int _length;

    public ByteBuffer(int capacity = 4096) => _data = new byte[Math.Max(16, capacity)];

    public int Length => _length;

    public ReadOnlySpan<byte> Span => _data.AsSpan(0, _length);

    public void Clear() => _length = 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> Reserve(int count)
    {
        if (_length + count > _data.Length)
        {
            Array.Resize(ref _data, Math.Max(_data.Length * 2, _length + count));
        }
        return _data.AsSpan(_length, count);
    }

    public ByteBuffer Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        _length += bytes.Length;
        return this;
    }

    public ByteBuffer Append(byte b)
    {
        Reserve(1)[0] = b;
        _length++;
        return this;
    }

    /// <summary>Appends a string that is known to be ASCII (PDF keywords, names we generate).</summary>
    public ByteBuffer AppendAscii(string text)
    {
        var span = Reserve(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            span[i] = (byte)text[i];
        }
        _length += text.Length;
        return this;
    }

    public ByteBuffer Append(int value)
    {
        var span = Reserve(12);
        value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        _length += written;
        return this;
    }

    public ByteBuffer Append(long value)
    {
        var span = Reserve(21);
        value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        _length += written;
        return this;
    }

    /// <summary>Appends a real number with at most three decimals, as PDF readers expect (no exponent).</summary>
    public ByteBuffer Append(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value) || Math.Abs(value) > 1e12)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "PDF numbers must be finite and of reasonable size.");
        }
        // Fixed-point by hand: content streams hold thousands of coordinates, and format strings are slow.
        var thousandths = (long)Math.Round(value * 1000, MidpointRounding.AwayFromZero);
        if (thousandths < 0)
        {
            Append((byte)'-');
            thousandths = -thousandths;
        }
        Append(thousandths / 1000);
        var fraction = (int)(thousandths % 1000);
        if (fraction != 0)
        {
            Append((byte)'.');
            var digits = 3;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                digits--;
            }
            var span = Reserve(digits);
            for (var i = digits - 1; i >= 0; i--)
            {
                span[i] = (byte)('0' + fraction % 10);
                fraction /= 10;
            }
            _length += digits;
        }
        return this;
    }

    public ByteBuffer AppendHex(ushort value)
    {
        var span = Reserve(4);
        span[0] = Hex[value >> 12];
        span[1] = Hex[(value >> 8) & 0xF];
        span[2] = Hex[(value >> 4) & 0xF];
        span[3] = Hex[value & 0xF];
        _length += 4;
        return this;
    }

    public ByteBuffer AppendHex(byte value)
    {
        var span = Reserve(2);
        span[0] = Hex[value >> 4];
        span[1] = Hex[value & 0xF];
        _length += 2;
        return this;
    }

    /// <summary>Appends a text string as UTF-16BE hex with a byte-order mark (document information, outlines).</summary>
    public ByteBuffer AppendTextString(string text)
    {
        Append((byte)'<').AppendAscii("FEFF");
        foreach (var c in text)
        {
            AppendHex((ushort)c);
        }
        return Append((byte)'>');
    }

    public ByteBuffer Space() => Append((byte)' ');

    public ByteBuffer NewLine() => Append((byte)'\n');

    public byte[] ToArray() => Span.ToArray();
}
