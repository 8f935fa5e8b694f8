using System.Text.Json;

namespace Workflows.Expressions.Tests.Evaluation;

public class UnaryTestsTests
{
    private static bool? Test(string tests, object? input)
    {
        var compilation = Feel.CompileUnaryTests(tests);
        Assert.True(compilation.Succeeded, compilation.Error?.ToString());
        using var empty = JsonDocument.Parse("{}");
        var context = FeelContext.FromJson(empty.RootElement, Evaluate.Now).WithInputValue(FeelValue.FromObject(input));
        return compilation.Expression!.Evaluate(context).Value switch
        {
            FeelBoolean b => b.Value,
            _ => null,
        };
    }

    [Theory]
    [InlineData("> 5", 7, true)]
    [InlineData("> 5", 5, false)]
    [InlineData("[1..10]", 10, true)]
    [InlineData("[1..10)", 10, false)]
    [InlineData("1, 2, 7", 7, true)]
    [InlineData("not(1, 2)", 7, true)]
    [InlineData("not(7)", 7, false)]
    [InlineData("-", 7, true)]
    [InlineData("? > 5 and ? < 10", 7, true)]
    public void Unary_tests_compare_against_the_input_value(string tests, int input, bool expected)
    {
        Assert.Equal(expected, Test(tests, input));
    }

    [Fact]
    public void String_unary_tests_match_by_equality()
    {
        Assert.Equal(true, Test("\"city\", \"county\"", "county"));
        Assert.Equal(false, Test("\"city\"", "county"));
    }

    [Theory]
    [InlineData("5 in [1..10]", true)]
    [InlineData("5 in (1, 2, 5)", true)]
    [InlineData("5 in > 3", true)]
    [InlineData("2 in (> 3, < 1)", false)]
    [InlineData("2 in [1, 2, 3]", true)]
    [InlineData("10 in [1..10[", false)]
    [InlineData("\"m\" in [\"a\"..\"z\"]", true)]
    public void In_accepts_ranges_lists_and_unary_tests(string expression, bool expected)
    {
        Assert.Equal(expected, Evaluate.Boolean(expression));
    }

    [Fact]
    public void In_binds_tighter_than_and()
    {
        Assert.True(Evaluate.Boolean("5 in [1..10] and 3 in (1, 2, 3)"));
    }
}
