namespace Workflows.Expressions.Tests.Functions;

public class ListAndNumberFunctionTests
{
    [Theory]
    [InlineData("count([1, 2, 3])", "3")]
    [InlineData("sum([1, 2, 3])", "6")]
    [InlineData("sum(1, 2, 3)", "6")]
    [InlineData("mean([1, 2, 3, 4])", "2.5")]
    [InlineData("min([3, 1, 2])", "1")]
    [InlineData("max(3, 1, 2)", "3")]
    [InlineData("append([1], 2, 3)", "[1, 2, 3]")]
    [InlineData("concatenate([1, 2], [3])", "[1, 2, 3]")]
    [InlineData("distinct values([1, 2, 1, 3, 2])", "[1, 2, 3]")]
    [InlineData("flatten([[1, 2], [[3]], 4])", "[1, 2, 3, 4]")]
    [InlineData("reverse([1, 2, 3])", "[3, 2, 1]")]
    [InlineData("index of([1, 2, 3, 2], 2)", "[2, 4]")]
    [InlineData("list contains([1, 2, 3], 2)", "true")]
    [InlineData("sort([3, 1, 2], function(x, y) x < y)", "[1, 2, 3]")]
    [InlineData("sublist([1, 2, 3], 2)", "[2, 3]")]
    public void List_functions_give_the_standard_results(string expression, string expected)
    {
        Assert.Equal(expected, Evaluate.Text(expression));
    }

    [Theory]
    [InlineData("decimal(1.245, 2)", "1.24")]
    [InlineData("decimal(2.5, 0)", "2")]
    [InlineData("round half up(2.5, 0)", "3")]
    [InlineData("round half up(1.005, 2)", "1.01")]
    [InlineData("round half down(2.5, 0)", "2")]
    [InlineData("round up(1.21, 1)", "1.3")]
    [InlineData("round down(-1.29, 1)", "-1.2")]
    [InlineData("floor(-1.5)", "-2")]
    [InlineData("ceiling(1.5)", "2")]
    [InlineData("abs(-3)", "3")]
    [InlineData("modulo(-10, 3)", "2")]
    [InlineData("modulo(10, -3)", "-2")]
    [InlineData("sqrt(16)", "4")]
    [InlineData("number(\"1,200.5\", \",\", \".\")", "1200.5")]
    public void Number_functions_round_in_decimal(string expression, string expected)
    {
        Assert.Equal(expected, Evaluate.Text(expression));
    }

    [Fact]
    public void Modulo_by_zero_gives_null_with_a_warning()
    {
        var result = Evaluate.Result("modulo(10, 0)");
        Assert.IsType<FeelNull>(result.Value);
        Assert.Single(result.Warnings);
    }

    [Fact]
    public void Sum_of_an_empty_list_is_null_as_in_feelin()
    {
        Assert.IsType<FeelNull>(Evaluate.Value("sum([])"));
    }

    [Fact]
    public void Context_functions_read_and_build_contexts()
    {
        Assert.Equal(1m, Evaluate.Number("get value({a: 1}, \"a\")"));
        Assert.Equal("[{key: \"a\", value: 1}]", Evaluate.Text("get entries({a: 1})"));
        Assert.Equal("{a: 1, b: 2}", Evaluate.Text("context put({a: 1}, \"b\", 2)"));
    }

    [Fact]
    public void Is_defined_tells_a_missing_variable_from_a_null_one()
    {
        Assert.True(Evaluate.Boolean("is defined(x)", """{"x":null}"""));
        Assert.False(Evaluate.Boolean("is defined(y)", """{"x":null}"""));
        Assert.False(Evaluate.Boolean("is defined(x.y)", """{"x":{}}"""));
        Assert.Empty(Evaluate.Result("is defined(y)").Warnings);
    }
}
