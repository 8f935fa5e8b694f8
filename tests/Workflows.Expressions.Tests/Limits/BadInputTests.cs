using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Workflows.Expressions.Tests.Limits;

/// <summary>Hostile or broken input: a clear error or null, quickly, and never an exception or a hang.</summary>
public class BadInputTests
{
    private static T Quickly<T>(Func<T> action)
    {
        var watch = Stopwatch.StartNew();
        var result = action();
        // A guard against hangs, generous for a shared and busy 2-core machine: on a quiet one
        // these finish in a few milliseconds (the step budget in well under a second).
        Assert.True(watch.ElapsedMilliseconds < 15_000, $"took {watch.ElapsedMilliseconds} ms");
        return result;
    }

    [Fact]
    public void A_one_megabyte_expression_is_refused_as_too_long()
    {
        var source = string.Concat(Enumerable.Repeat("1 + ", 262_144)) + "1";
        var compilation = Quickly(() => Feel.Compile(source));
        Assert.False(compilation.Succeeded);
        Assert.Equal("FEEL_TOO_LONG", compilation.Error!.Code);
        Assert.Contains("过长", compilation.Error.MessageZh);
    }

    [Fact]
    public void Ten_thousand_nested_parentheses_are_refused_before_the_stack_is_at_risk()
    {
        var source = new string('(', 10_000) + "1" + new string(')', 10_000);
        var compilation = Quickly(() => Feel.Compile(source));
        Assert.False(compilation.Succeeded);
        Assert.Equal("FEEL_TOO_DEEP", compilation.Error!.Code);
        Assert.Equal(1, compilation.Error.Line);
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{a: ", "}")]
    [InlineData("-", "")]
    [InlineData("not(", ")")]
    [InlineData("if true then ", " else 0")]
    public void Deep_nesting_of_any_kind_is_a_parse_error(string open, string close)
    {
        var source = string.Concat(Enumerable.Repeat(open, 1000)) + "1" + string.Concat(Enumerable.Repeat(close, 1000));
        var compilation = Quickly(() => Feel.Compile(source));
        Assert.False(compilation.Succeeded);
        Assert.Equal("FEEL_TOO_DEEP", compilation.Error!.Code);
    }

    [Fact]
    public void A_long_chain_of_operators_within_the_size_limit_is_refused_or_evaluated_without_overflow()
    {
        var source = string.Concat(Enumerable.Repeat("1 + ", 5000)) + "1";
        var compilation = Quickly(() => Feel.Compile(source));
        Assert.False(compilation.Succeeded);
        Assert.Equal("FEEL_TOO_DEEP", compilation.Error!.Code);
        Assert.Equal(501m, Evaluate.Number(string.Concat(Enumerable.Repeat("1 + ", 500)) + "1"));
    }

    [Fact]
    public void The_deepest_allowed_expression_evaluates_on_a_small_thread_stack()
    {
        // 190 nested parentheses around 990 chained additions: close to both limits at once.
        var source = new string('(', 190) + string.Concat(Enumerable.Repeat("1 + ", 790)) + "1" + new string(')', 190);
        var expression = Feel.Compile(source).Expression!;
        FeelResult? result = null;
        var thread = new Thread(() => result = expression.Evaluate(FeelContext.FromDictionary(new Dictionary<string, object?>(), Evaluate.Now)), 256 * 1024);
        thread.Start();
        thread.Join();
        Assert.NotNull(result);
        Assert.True(result!.Succeeded ? result.Value is FeelNumber { Value: 791m } : result.Error!.Code == "FEEL_TOO_DEEP");
    }

    [Fact]
    public void Recursion_through_deep_function_bodies_stops_with_an_error_not_a_stack_overflow()
    {
        var body = string.Concat(Enumerable.Repeat("1 + ", 900)) + "g(g)";
        var source = $"(function(f) f(f))(function(g) {body})";
        var compilation = Feel.Compile(source);
        Assert.True(compilation.Succeeded, compilation.Error?.ToString());
        FeelResult? result = null;
        var thread = new Thread(() => result = compilation.Expression!.Evaluate(FeelContext.FromDictionary(new Dictionary<string, object?>(), Evaluate.Now)), 512 * 1024);
        thread.Start();
        thread.Join();
        Assert.False(result!.Succeeded);
        Assert.Contains(result.Error!.Code, new[] { "FEEL_CALL_TOO_DEEP", "FEEL_TOO_DEEP" });
    }

    [Fact]
    public void A_lone_surrogate_in_the_source_is_a_clear_error()
    {
        var compilation = Feel.Compile("\"abc\uD800\" + \"x\"");
        Assert.False(compilation.Succeeded);
        Assert.Equal("FEEL_INVALID_TEXT", compilation.Error!.Code);
        Assert.Equal((1, 5), (compilation.Error.Line, compilation.Error.Column));
    }

    [Fact]
    public void A_lone_surrogate_escape_in_a_string_literal_is_a_clear_error()
    {
        Assert.Equal("FEEL_INVALID_TEXT", Evaluate.ParseError("\"\\uDC00\"").Code);
    }

    [Fact]
    public void A_lone_surrogate_in_input_data_is_processed_without_failing()
    {
        const string variables = "{\"s\":\"a\\ud800b\"}";
        Assert.Equal(3m, Evaluate.Number("string length(s)", variables));
        Assert.Equal("A\uD800B", Evaluate.Text("upper case(s)", variables));
        Assert.Equal("\uD800", Evaluate.Text("substring(s, 2, 1)", variables));
    }

    [Fact]
    public void A_lone_surrogate_in_a_json_property_name_does_not_fail()
    {
        Assert.Equal(1m, Evaluate.Number("count(get entries(x))", "{\"x\":{\"a\\udc00\":1}}"));
    }

    [Fact]
    public void A_deep_path_into_missing_data_is_null()
    {
        var result = Quickly(() => Evaluate.Result("form.a.b.c.d.e.f.g.h.i.j", """{"form":{}}"""));
        Assert.True(result.Succeeded);
        Assert.IsType<FeelNull>(result.Value);
        Assert.Single(result.Warnings);
    }

    [Fact]
    public void A_path_into_an_unknown_variable_is_null_with_a_warning()
    {
        var result = Evaluate.Result("nobody.knows.this");
        Assert.IsType<FeelNull>(result.Value);
        Assert.Equal("FEEL_NO_VARIABLE", Assert.Single(result.Warnings).Code);
    }

    [Fact]
    public void A_loop_over_a_billion_numbers_stops_at_the_step_budget()
    {
        var result = Quickly(() => Evaluate.Result("for x in 1..1000000000 return x"));
        Assert.False(result.Succeeded);
        Assert.Contains(result.Error!.Code, new[] { "FEEL_STEP_BUDGET", "FEEL_LIST_TOO_LONG" });
        Assert.Equal((1, 1), (result.Error.Line, result.Error.Column));
    }

    [Fact]
    public void Nested_loops_stop_at_the_step_budget()
    {
        var result = Quickly(() => Evaluate.Result("some x in 1..100000, y in 1..100000 satisfies x + y < 0"));
        Assert.Equal("FEEL_STEP_BUDGET", result.Error!.Code);
    }

    [Fact]
    public void A_string_that_doubles_too_often_stops_at_the_string_limit()
    {
        var result = Quickly(() => Evaluate.Result("""{s0: "xxxxxxxxxxxxxxxx", s1: s0+s0, s2: s1+s1, s3: s2+s2, s4: s3+s3, s5: s4+s4, s6: s5+s5, s7: s6+s6, s8: s7+s7, s9: s8+s8, s10: s9+s9, s11: s10+s10, s12: s11+s11, s13: s12+s12, s14: s13+s13, s15: s14+s14, s16: s15+s15, s17: s16+s16}"""));
        Assert.Equal("FEEL_STRING_TOO_LONG", result.Error!.Code);
    }

    [Fact]
    public void Self_application_stops_at_the_call_depth_limit()
    {
        var result = Quickly(() => Evaluate.Result("(function(f) f(f))(function(g) g(g))"));
        Assert.Equal("FEEL_CALL_TOO_DEEP", result.Error!.Code);
    }

    [Fact]
    public void Deeply_nested_input_data_is_cut_off_instead_of_overflowing()
    {
        object? value = 1;
        for (var i = 0; i < 5000; i++)
        {
            value = new Dictionary<string, object?> { ["a"] = value };
        }

        var context = FeelContext.FromDictionary(new Dictionary<string, object?> { ["x"] = value }, Evaluate.Now);
        var result = Feel.Compile("x.a.a.a").Expression!.Evaluate(context);
        Assert.True(result.Succeeded);
        Assert.IsType<FeelContextValue>(result.Value);
    }

    [Fact]
    public void Evaluating_without_a_context_is_an_error_not_an_exception()
    {
        var result = Feel.Compile("1").Expression!.Evaluate(null!);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public void Random_garbage_never_throws()
    {
        var random = new Random(20260315);
        const string alphabet = "ab1 .,()[]{}\"'@+-*/<>=!?:;\\\n\tandorinif then else for some every 中文\uD800";
        for (var i = 0; i < 2000; i++)
        {
            var text = new StringBuilder();
            var length = random.Next(0, 40);
            for (var j = 0; j < length; j++)
            {
                text.Append(alphabet[random.Next(alphabet.Length)]);
            }

            var compilation = Feel.Compile(text.ToString());
            if (compilation.Succeeded)
            {
                using var empty = JsonDocument.Parse("{}");
                compilation.Expression!.Evaluate(FeelContext.FromJson(empty.RootElement, Evaluate.Now));
            }
            else
            {
                Assert.True(compilation.Error!.Line >= 1 && compilation.Error.Column >= 1);
            }
        }
    }
}
