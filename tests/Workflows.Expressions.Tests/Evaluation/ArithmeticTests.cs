namespace Workflows.Expressions.Tests.Evaluation;

public class ArithmeticTests
{
    [Fact]
    public void Decimal_arithmetic_makes_one_tenth_plus_two_tenths_exactly_three_tenths()
    {
        Assert.True(Evaluate.Boolean("0.1 + 0.2 = 0.3"));
        Assert.Equal(0.3m, Evaluate.Number("0.1 + 0.2"));
    }

    [Fact]
    public void Division_by_zero_gives_null_with_a_warning()
    {
        var result = Evaluate.Result("1 / 0");
        Assert.True(result.Succeeded);
        Assert.IsType<FeelNull>(result.Value);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("FEEL_DIVISION_BY_ZERO", warning.Code);
        Assert.Equal((1, 3), (warning.Line, warning.Column));
        Assert.Contains("除数为零", warning.MessageZh);
    }

    [Fact]
    public void Adding_a_string_to_a_number_gives_null_with_a_warning()
    {
        var result = Evaluate.Result("\"a\" + 1");
        Assert.IsType<FeelNull>(result.Value);
        Assert.Equal("FEEL_INVALID_TYPE", Assert.Single(result.Warnings).Code);
    }

    [Fact]
    public void Strings_are_concatenated_with_plus()
    {
        Assert.Equal("和平社区", Evaluate.Text("\"和平\" + \"社区\""));
    }

    [Fact]
    public void Multiplication_binds_tighter_than_addition()
    {
        Assert.Equal(7m, Evaluate.Number("1 + 2 * 3"));
        Assert.Equal(9m, Evaluate.Number("(1 + 2) * 3"));
    }

    [Fact]
    public void Negation_binds_tighter_than_power_as_in_feelin()
    {
        Assert.Equal(4m, Evaluate.Number("-2 ** 2"));
        Assert.Equal(1024m, Evaluate.Number("2 ** 10"));
        Assert.Equal(0.5m, Evaluate.Number("2 ** -1"));
    }

    [Fact]
    public void Overflow_gives_null_with_a_warning()
    {
        var result = Evaluate.Result("99999999999999999999 * 99999999999999999999");
        Assert.IsType<FeelNull>(result.Value);
        Assert.Equal("FEEL_NUMBER_OVERFLOW", Assert.Single(result.Warnings).Code);
    }

    [Fact]
    public void Arithmetic_with_null_gives_null()
    {
        Assert.IsType<FeelNull>(Evaluate.Value("missing + 1"));
    }
}
