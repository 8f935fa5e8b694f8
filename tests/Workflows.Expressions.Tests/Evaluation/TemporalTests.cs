namespace Workflows.Expressions.Tests.Evaluation;

public class TemporalTests
{
    [Fact]
    public void A_date_plus_a_duration_is_a_date()
    {
        Assert.Equal("2026-02-14", Evaluate.Text("@\"2026-01-15\" + duration(\"P30D\")"));
        Assert.Equal("2026-02-28", Evaluate.Text("date(\"2026-01-31\") + duration(\"P1M\")"));
    }

    [Fact]
    public void A_date_minus_a_date_is_a_days_duration()
    {
        Assert.Equal("P59D", Evaluate.Text("date(\"2026-03-01\") - date(\"2026-01-01\")"));
        Assert.Equal(59m, Evaluate.Number("(date(\"2026-03-01\") - date(\"2026-01-01\")).days"));
    }

    [Fact]
    public void Dates_and_durations_compare()
    {
        Assert.True(Evaluate.Boolean("date(\"2026-01-15\") < date(\"2026-02-01\")"));
        Assert.True(Evaluate.Boolean("duration(\"P1D\") = duration(\"PT24H\")"));
        Assert.True(Evaluate.Boolean("duration(\"P1Y\") > duration(\"P11M\")"));
    }

    [Fact]
    public void Date_components_are_properties()
    {
        Assert.Equal(2026m, Evaluate.Number("date(\"2026-01-15\").year"));
        Assert.Equal(4m, Evaluate.Number("date(\"2026-01-15\").weekday"));
        Assert.Equal(3m, Evaluate.Number("duration(\"P2DT3H\").hours"));
    }

    [Fact]
    public void Now_and_today_come_from_the_context_not_the_system_clock()
    {
        // The evaluation instant is 2026-03-15 10:30 at UTC+8.
        Assert.Equal("2026-03-15", Evaluate.Text("today()"));
        Assert.Equal("2026-03-15T10:30:00+08:00", Evaluate.Text("now()"));
    }

    [Fact]
    public void Years_and_months_duration_has_whole_months_only()
    {
        Assert.Equal("P5Y11M", Evaluate.Text("years and months duration(date(\"2020-01-15\"), date(\"2026-01-14\"))"));
    }

    [Fact]
    public void An_invalid_temporal_literal_gives_null_with_a_warning()
    {
        var result = Evaluate.Result("@\"2026-13-01\"");
        Assert.IsType<FeelNull>(result.Value);
        Assert.Equal("FEEL_INVALID_TEMPORAL", Assert.Single(result.Warnings).Code);
    }

    [Fact]
    public void Day_of_week_and_month_of_year_are_english_names()
    {
        Assert.Equal("Thursday", Evaluate.Text("day of week(date(\"2026-01-15\"))"));
        Assert.Equal("March", Evaluate.Text("month of year(date(\"2026-03-01\"))"));
    }
}
