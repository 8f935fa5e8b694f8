using System.Text;
using Workflows.Pdf.Objects;

namespace Workflows.Pdf.Tests.Objects;

public class ByteBufferTests
{
    [Theory]
    [InlineData(0, "0")]
    [InlineData(12, "12")]
    [InlineData(12.25, "12.25")]
    [InlineData(1.05, "1.05")]
    [InlineData(0.0004, "0")]
    [InlineData(-0.0006, "-0.001")]
    [InlineData(-28.9909, "-28.991")]
    [InlineData(595.2756, "595.276")]
    [InlineData(100000.5, "100000.5")]
    public void Numbers_are_written_with_at_most_three_decimals_and_no_exponent(double value, string expected)
    {
        var buffer = new ByteBuffer();
        buffer.Append(value);
        Assert.Equal(expected, Encoding.ASCII.GetString(buffer.Span));
    }

    [Fact]
    public void Text_strings_are_utf16_with_a_byte_order_mark()
    {
        var buffer = new ByteBuffer();
        buffer.AppendTextString("证书");
        Assert.Equal("<FEFF8BC14E66>", Encoding.ASCII.GetString(buffer.Span));
    }

    [Fact]
    public void Numbers_that_are_not_finite_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ByteBuffer().Append(double.NaN));
    }
}
