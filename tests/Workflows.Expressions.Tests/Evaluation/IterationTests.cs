namespace Workflows.Expressions.Tests.Evaluation;

public class IterationTests
{
    private const string Items = """{"items":[{"name":"桌子","amount":12},{"name":"椅子","amount":40},{"name":"柜子","amount":3}]}""";

    [Fact]
    public void A_filter_keeps_the_items_whose_condition_is_true()
    {
        Assert.Equal("[\"桌子\", \"椅子\"]", Evaluate.Text("items[amount > 10].name", Items));
    }

    [Fact]
    public void A_numeric_filter_is_a_one_based_index_and_negative_counts_from_the_end()
    {
        Assert.Equal("桌子", Evaluate.Text("items[1].name", Items));
        Assert.Equal("柜子", Evaluate.Text("items[-1].name", Items));
        Assert.IsType<FeelNull>(Evaluate.Value("items[4]", Items));
    }

    [Fact]
    public void A_path_on_a_list_maps_over_its_items()
    {
        Assert.Equal(55m, Evaluate.Number("sum(items.amount)", Items));
    }

    [Fact]
    public void For_returns_a_list_and_iterates_a_numeric_range()
    {
        Assert.Equal("[1, 4, 9]", Evaluate.Text("for i in 1..3 return i * i"));
        Assert.Equal("[11, 21, 12, 22]", Evaluate.Text("for x in [1, 2], y in [10, 20] return x + y"));
    }

    [Fact]
    public void Some_and_every_test_a_condition_over_a_list()
    {
        Assert.True(Evaluate.Boolean("some item in items satisfies item.amount > 30", Items));
        Assert.False(Evaluate.Boolean("every item in items satisfies item.amount > 5", Items));
        Assert.True(Evaluate.Boolean("every x in [] satisfies x > 1"));
    }

    [Fact]
    public void Function_literals_can_be_passed_to_sort()
    {
        Assert.Equal("[3, 2, 1]", Evaluate.Text("sort([1, 3, 2], function(a, b) a > b)"));
    }

    [Fact]
    public void Context_entries_can_use_earlier_entries()
    {
        Assert.Equal(2m, Evaluate.Number("{a: 1, b: a + 1}.b"));
    }
}
