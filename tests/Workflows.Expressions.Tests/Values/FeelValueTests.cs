using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflows.Expressions.Tests.Values;

public class FeelValueTests
{
    [Fact]
    public void Json_objects_become_contexts_and_arrays_lists()
    {
        using var json = JsonDocument.Parse("""{"a":[1,"x",true,null],"b":{"c":1.50}}""");
        var value = Assert.IsType<FeelContextValue>(FeelValue.FromJson(json.RootElement));
        Assert.True(value.TryGet("a", out var list));
        Assert.Equal(4, Assert.IsType<FeelList>(list).Count);
        Assert.Equal("""{"a":[1,"x",true,null],"b":{"c":1.5}}""", value.ToJson()!.ToJsonString());
    }

    [Fact]
    public void The_json_document_may_be_disposed_after_the_context_is_made()
    {
        FeelContext context;
        using (var json = JsonDocument.Parse("""{"form":{"area":350,"rooms":[1,2]}}"""))
        {
            context = FeelContext.FromJson(json.RootElement, Evaluate.Now);
        }

        var result = Feel.Compile("form.area + count(form.rooms)").Expression!.Evaluate(context);
        Assert.Equal(352m, Assert.IsType<FeelNumber>(result.Value).Value);
    }

    [Fact]
    public void A_json_context_read_many_times_gives_the_same_entries()
    {
        using var json = JsonDocument.Parse("""{"a":1,"b":{"c":"x"},"a":2}""");
        var context = FeelContext.FromJson(json.RootElement, Evaluate.Now);
        var expression = Feel.Compile("a + string length(b.c)").Expression!;
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(3m, Assert.IsType<FeelNumber>(expression.Evaluate(context).Value).Value);
        }

        Assert.Equal(2, context.Variables.Entries.Count);
    }

    [Fact]
    public void Clr_values_convert_to_their_feel_kinds()
    {
        Assert.IsType<FeelNumber>(FeelValue.FromObject(3));
        Assert.IsType<FeelNumber>(FeelValue.FromObject(2.5));
        Assert.IsType<FeelDate>(FeelValue.FromObject(new DateOnly(2026, 1, 1)));
        Assert.IsType<FeelDateTime>(FeelValue.FromObject(DateTimeOffset.UnixEpoch));
        Assert.IsType<FeelDaysTimeDuration>(FeelValue.FromObject(TimeSpan.FromHours(1)));
        Assert.IsType<FeelList>(FeelValue.FromObject(new[] { 1, 2 }));
        Assert.IsType<FeelContextValue>(FeelValue.FromObject(new Dictionary<string, object?> { ["a"] = 1 }));
        Assert.IsType<FeelNull>(FeelValue.FromObject(double.NaN));
        Assert.Same(FeelValue.Null, FeelValue.FromObject(null));
    }

    [Fact]
    public void Dictionaries_are_variables_too()
    {
        var context = FeelContext.FromDictionary(new Dictionary<string, object?> { ["area"] = 350m, ["level"] = "county" }, Evaluate.Now);
        var result = Feel.Compile("area >= 300 and level = \"county\"").Expression!.Evaluate(context);
        Assert.True(result.Value.IsTrue);
    }

    [Fact]
    public void Values_convert_back_to_plain_clr_objects()
    {
        Assert.Equal(new DateOnly(2026, 2, 14), Evaluate.Value("@\"2026-01-15\" + duration(\"P30D\")").ToObject());
        Assert.Equal(TimeSpan.FromDays(3), Evaluate.Value("duration(\"P3D\")").ToObject());
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 10, 0, 0, TimeSpan.FromHours(8)), Evaluate.Value("@\"2026-01-15T10:00:00+08:00\"").ToObject());
        Assert.Equal(new List<object?> { 1m, "a", null }, Evaluate.Value("[1, \"a\", null]").ToObject());
        var context = Assert.IsType<Dictionary<string, object?>>(Evaluate.Value("{role: \"approver\", level: \"county\"}").ToObject());
        Assert.Equal("county", context["level"]);
    }

    [Fact]
    public void A_time_provider_supplies_now()
    {
        using var json = JsonDocument.Parse("{}");
        var clock = new FixedClock(new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero));
        var context = FeelContext.FromJson(json.RootElement, clock);
        Assert.Equal("2026-05-01", Feel.Compile("today()").Expression!.Evaluate(context).Value.ToString());
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public void Only_boolean_true_is_true()
    {
        Assert.True(FeelBoolean.True.IsTrue);
        Assert.False(FeelBoolean.False.IsTrue);
        Assert.False(FeelValue.Null.IsTrue);
        Assert.False(new FeelString("true").IsTrue);
        Assert.False(new FeelNumber(1).IsTrue);
    }

    [Fact]
    public void Temporal_values_are_written_to_json_as_iso_text()
    {
        Assert.Equal("\"2026-01-15\"", Evaluate.Value("@\"2026-01-15\"").ToJson()!.ToJsonString());
        Assert.Equal("\"P1DT2H\"", Evaluate.Value("duration(\"PT26H\")").ToJson()!.ToJsonString());
        Assert.Null(Evaluate.Value("null").ToJson());
    }

    [Fact]
    public void A_json_node_is_a_context_too()
    {
        var context = FeelContext.FromJson(JsonNode.Parse("""{"form":{"requestedArea":350},"applicant":{"level":"county"}}"""), Evaluate.Now);
        Assert.True(Feel.Compile("form.requestedArea >= 300 and applicant.level = \"county\"").Expression!.Evaluate(context).Value.IsTrue);
    }

    [Fact]
    public void Json_node_input_is_accepted_through_from_object()
    {
        var node = JsonNode.Parse("""{"a":{"b":2}}""");
        var context = FeelContext.FromDictionary(new Dictionary<string, object?> { ["x"] = node }, Evaluate.Now);
        Assert.Equal(2m, ((FeelNumber)Feel.Compile("x.a.b").Expression!.Evaluate(context).Value).Value);
    }

    [Fact]
    public void One_compiled_expression_is_evaluated_safely_from_many_threads()
    {
        var expression = Feel.Compile("sum(for i in 1..n return i) + count(xs[item > 2])").Expression!;
        var failures = 0;
        Parallel.For(0, 2000, i =>
        {
            var n = i % 50 + 1;
            var context = FeelContext.FromDictionary(new Dictionary<string, object?> { ["n"] = n, ["xs"] = new[] { 1, 2, 3, 4 } }, Evaluate.Now);
            var value = expression.Evaluate(context).Value;
            if (value is not FeelNumber number || number.Value != n * (n + 1) / 2 + 2)
            {
                Interlocked.Increment(ref failures);
            }
        });
        Assert.Equal(0, failures);
    }
}
