namespace Workflows.Expressions.Tests.Evaluation;

public class LogicTests
{
    [Theory]
    [InlineData("true and null", null)]
    [InlineData("false and null", false)]
    [InlineData("true or null", true)]
    [InlineData("false or null", null)]
    [InlineData("null and null", null)]
    [InlineData("1 and true", null)]
    public void And_and_or_are_three_valued(string expression, bool? expected)
    {
        Assert.Equal(expected, Evaluate.Boolean(expression));
    }

    [Fact]
    public void Not_negates_only_booleans()
    {
        Assert.False(Evaluate.Boolean("not(true)"));
        Assert.Null(Evaluate.Boolean("not(1)"));
    }

    [Fact]
    public void The_typical_gateway_condition_holds_for_a_large_county_application()
    {
        const string variables = """{"form":{"requestedArea":350},"applicant":{"level":"county"}}""";
        var result = Evaluate.Result("form.requestedArea >= 300 and applicant.level = \"county\"", variables);
        Assert.True(result.Value.IsTrue);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void A_condition_on_missing_data_is_not_true()
    {
        var result = Evaluate.Result("form.requestedArea >= 300", "{}");
        Assert.False(result.Value.IsTrue);
        Assert.IsType<FeelNull>(result.Value);
    }

    [Fact]
    public void Comparing_values_of_different_kinds_gives_null_with_a_warning()
    {
        var result = Evaluate.Result("\"a\" < 1");
        Assert.IsType<FeelNull>(result.Value);
        Assert.Equal("FEEL_NOT_COMPARABLE", Assert.Single(result.Warnings).Code);
    }

    [Fact]
    public void Null_equals_only_null()
    {
        Assert.True(Evaluate.Boolean("null = null"));
        Assert.False(Evaluate.Boolean("1 = null"));
    }

    [Fact]
    public void Between_includes_both_ends()
    {
        Assert.True(Evaluate.Boolean("5 between 5 and 10"));
        Assert.True(Evaluate.Boolean("10 between 5 and 10"));
        Assert.False(Evaluate.Boolean("11 between 5 and 10"));
    }

    [Fact]
    public void If_takes_the_then_branch_only_for_true()
    {
        Assert.Equal(1m, Evaluate.Number("if true then 1 else 2"));
        Assert.Equal(2m, Evaluate.Number("if null then 1 else 2"));
        Assert.Equal(2m, Evaluate.Number("if \"yes\" then 1 else 2"));
    }

    [Fact]
    public void Instance_of_checks_the_kind_of_value()
    {
        Assert.True(Evaluate.Boolean("1 instance of number"));
        Assert.True(Evaluate.Boolean("@\"2026-01-01\" instance of date"));
        Assert.False(Evaluate.Boolean("\"1\" instance of number"));
        Assert.True(Evaluate.Boolean("@\"2026-01-01T10:00:00\" instance of date and time"));
        Assert.True(Evaluate.Boolean("1 instance of number and true"));
    }
}
