namespace Workflows.Expressions.Tests.Functions;

public class StringFunctionTests
{
    [Theory]
    [InlineData("substring(\"foobar\", 3)", "obar")]
    [InlineData("substring(\"foobar\", -2, 1)", "a")]
    [InlineData("substring(\"和平社区\", 2, 2)", "平社")]
    [InlineData("substring before(\"foobar\", \"bar\")", "foo")]
    [InlineData("substring after(\"foobar\", \"ob\")", "ar")]
    [InlineData("upper case(\"aBc\")", "ABC")]
    [InlineData("lower case(\"aBc\")", "abc")]
    [InlineData("replace(\"banana\", \"a\", \"o\")", "bonono")]
    [InlineData("string join([\"a\", null, \"c\"], \", \")", "a, c")]
    [InlineData("string(1.50)", "1.5")]
    public void String_functions_give_the_standard_results(string expression, string expected)
    {
        Assert.Equal(expected, Evaluate.Text(expression));
    }

    [Fact]
    public void String_length_counts_characters_not_utf16_units()
    {
        Assert.Equal(2m, Evaluate.Number("string length(\"𝄞x\")"));
        Assert.Equal(3m, Evaluate.Number("string length(\"中文字\")"));
    }

    [Fact]
    public void Named_parameters_follow_the_standard_names()
    {
        Assert.Equal("bc", Evaluate.Text("substring(string: \"abc\", start position: 2)"));
        Assert.Equal("b", Evaluate.Text("substring(start position: 2, string: \"abc\", length: 1)"));
    }

    [Fact]
    public void An_unknown_parameter_name_gives_null_with_a_warning()
    {
        var result = Evaluate.Result("substring(string: \"abc\", foo: 2)");
        Assert.IsType<FeelNull>(result.Value);
        Assert.Equal("FEEL_INVALID_ARGUMENTS", Assert.Single(result.Warnings).Code);
    }

    [Fact]
    public void Matches_uses_regular_expressions_with_flags()
    {
        Assert.True(Evaluate.Boolean("matches(\"13800138000\", \"^1[3-9]\\\\d{9}$\")"));
        Assert.True(Evaluate.Boolean("matches(\"foobar\", \"^FO\", \"i\")"));
    }

    [Fact]
    public void A_catastrophic_pattern_stops_at_the_regex_timeout_with_a_warning()
    {
        var input = new string('a', 40) + "!";
        var result = Evaluate.Result($"matches(\"{input}\", \"^(a+)+$\")");
        Assert.IsType<FeelNull>(result.Value);
        Assert.Equal("FEEL_REGEX_TIMEOUT", Assert.Single(result.Warnings).Code);
    }

    [Fact]
    public void An_invalid_pattern_gives_null_with_a_warning()
    {
        var result = Evaluate.Result("matches(\"a\", \"(\")");
        Assert.IsType<FeelNull>(result.Value);
        Assert.Equal("FEEL_INVALID_PATTERN", Assert.Single(result.Warnings).Code);
    }

    [Fact]
    public void Split_uses_a_pattern_as_delimiter()
    {
        Assert.Equal("[\"John\", \"Doe\"]", Evaluate.Text("split(\"John Doe\", \"\\\\s\")"));
    }

    [Fact]
    public void An_unknown_function_gives_null_with_a_warning()
    {
        var result = Evaluate.Result("no such thing(1)");
        Assert.IsType<FeelNull>(result.Value);
        Assert.Equal("FEEL_NO_FUNCTION", Assert.Single(result.Warnings).Code);
    }
}
