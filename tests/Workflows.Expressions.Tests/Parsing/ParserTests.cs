using Workflows.Expressions.Parsing;

namespace Workflows.Expressions.Tests.Parsing;

public class ParserTests
{
    [Fact]
    public void A_leading_equals_sign_is_ignored_as_in_form_js()
    {
        Assert.Equal(3m, Evaluate.Number("= 1 + 2"));
        Assert.Equal(3m, Evaluate.Number("=1 + 2"));
    }

    [Fact]
    public void A_parse_error_names_the_line_and_column()
    {
        var error = Evaluate.ParseError("1 +\n  (2 * ");
        Assert.Equal(2, error.Line);
        Assert.Equal(8, error.Column);
        Assert.Equal("FEEL_UNEXPECTED_END", error.Code);
        Assert.Contains("意外结束", error.MessageZh);
        Assert.Contains("unexpected end", error.MessageEn);
    }

    [Fact]
    public void An_unexpected_token_is_reported_where_it_stands()
    {
        var error = Evaluate.ParseError("a + )");
        Assert.Equal((1, 5), (error.Line, error.Column));
        Assert.Contains("')'", error.MessageEn);
    }

    [Fact]
    public void An_unterminated_string_is_a_parse_error()
    {
        Assert.Equal("FEEL_UNTERMINATED_STRING", Evaluate.ParseError("\"abc").Code);
    }

    [Fact]
    public void The_column_of_an_error_counts_the_leading_equals_sign()
    {
        var error = Evaluate.ParseError("= 1 +");
        Assert.Equal((1, 6), (error.Line, error.Column));
    }

    [Fact]
    public void An_empty_expression_is_an_error()
    {
        Assert.Equal("FEEL_EMPTY", Evaluate.ParseError("   ").Code);
        Assert.Equal("FEEL_EMPTY", Evaluate.ParseError("=").Code);
    }

    [Fact]
    public void Names_may_contain_spaces_and_chinese_characters()
    {
        Assert.Equal("Li", Evaluate.Text("first name", """{"first name":"Li"}"""));
        Assert.Equal("张三", Evaluate.Text("申请人.姓名", """{"申请人":{"姓名":"张三"}}"""));
    }

    [Fact]
    public void Built_in_names_containing_and_are_read_as_one_name()
    {
        Assert.Equal("2026-01-15T10:00:00", Evaluate.Text("""date and time("2026-01-15T10:00:00")"""));
        Assert.Equal("P1Y", Evaluate.Text("""years and months duration(date("2025-01-01"), date("2026-01-01"))"""));
    }

    [Fact]
    public void Comments_are_ignored()
    {
        Assert.Equal(2m, Evaluate.Number("1 // one\n + /* and */ 1"));
    }

    [Fact]
    public void Compilation_is_cached_by_source_text()
    {
        // Other tests fill the cache at the same time and may make it start over between two
        // calls; three misses in a row would mean there is no cache.
        var hits = 0;
        for (var attempt = 0; attempt < 3 && hits == 0; attempt++)
        {
            hits += ReferenceEquals(Feel.Compile("x + 41"), Feel.Compile("x + 41")) ? 1 : 0;
        }

        Assert.Equal(1, hits);
    }

    [Fact]
    public void Compiling_from_many_threads_at_once_gives_working_expressions()
    {
        var failures = 0;
        Parallel.For(0, 4000, i =>
        {
            var compilation = Feel.Compile($"{i % 300} + x * 2");
            var context = FeelContext.FromDictionary(new Dictionary<string, object?> { ["x"] = 1 }, Evaluate.Now);
            if (compilation.Expression?.Evaluate(context).Value is not FeelNumber { Value: var n } || n != i % 300 + 2)
            {
                Interlocked.Increment(ref failures);
            }
        });
        Assert.Equal(0, failures);
    }

    [Fact]
    public void Named_and_positional_arguments_cannot_be_mixed()
    {
        Assert.Equal("FEEL_MIXED_ARGUMENTS", Evaluate.ParseError("substring(string: \"abc\", 2)").Code);
    }

    [Fact]
    public void The_printed_tree_reads_back_as_the_same_tree()
    {
        var source = "if a.b[c > 1] in (1, [2..3]) then {\"k\": for x in 1..3 return -x ** 2} else not(some y in z satisfies y between 1 and 2)";
        var printed = Printer.Print(Parser.ParseExpression(source));
        Assert.Equal(printed, Printer.Print(Parser.ParseExpression(printed)));
    }

    [Fact]
    public void Unary_tests_accept_a_dash_for_anything()
    {
        var compilation = Feel.CompileUnaryTests("-");
        Assert.True(compilation.Succeeded);
    }
}
