using Workflows.Engine.Model;
using Workflows.Engine.Tests.Conformance;
using Workflows.Engine.Tests.Support;
using Workflows.Engine.Timers;

namespace Workflows.Engine.Tests.Timers;

public class TimerScheduleTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 30, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly IWorkingCalendar Calendar = ConformanceScript.Calendar;

    private static TimerPlan Plan(TimerKind kind, string text)
    {
        Assert.True(TimerSchedule.TryPlan(kind, text, Monday, Calendar, out var plan, out _, out var error), error);
        return plan;
    }

    [Fact]
    public void A_duration_is_added_to_now()
    {
        Assert.Equal(Monday.AddMinutes(90), Plan(TimerKind.Duration, "PT1H30M").DueAt);
        Assert.Equal(Monday.AddDays(14), Plan(TimerKind.Duration, "P2W").DueAt);
    }

    [Fact]
    public void Working_days_skip_weekends_and_statutory_holidays()
    {
        // Tue 31 Mar, Wed 1, Thu 2, Fri 3 Apr; 4-6 April is 清明; Tue 7 April is the fifth working day.
        Assert.Equal(new DateTimeOffset(2026, 4, 7, 9, 0, 0, TimeSpan.FromHours(8)), Plan(TimerKind.Duration, "P5WD").DueAt);
    }

    [Fact]
    public void An_adjusted_weekend_working_day_counts()
    {
        // Friday 24 April + 1 working day: Sunday 26 April is worked (调休) for 劳动节.
        var friday = new DateTimeOffset(2026, 4, 24, 10, 0, 0, TimeSpan.FromHours(8));
        Assert.True(IsoDuration.TryParse("P1WD", out var one));
        Assert.Equal(new DateTimeOffset(2026, 4, 26, 10, 0, 0, TimeSpan.FromHours(8)), one.AddTo(friday, Calendar));
        // From Thursday 30 April, 1–5 May are holidays: the next working day is Wednesday 6 May.
        Assert.Equal(new DateOnly(2026, 5, 6), DateOnly.FromDateTime(one.AddTo(new DateTimeOffset(2026, 4, 30, 10, 0, 0, TimeSpan.FromHours(8)), Calendar)!.Value.ToOffset(TimeSpan.FromHours(8)).DateTime));
    }

    [Fact]
    public void Negative_working_days_count_backwards_for_reminders_before_a_due_date()
    {
        Assert.True(IsoDuration.TryParse("-P1WD", out var back));
        var tuesday = new DateTimeOffset(2026, 4, 7, 9, 0, 0, TimeSpan.FromHours(8));
        Assert.Equal(new DateTimeOffset(2026, 4, 3, 9, 0, 0, TimeSpan.FromHours(8)), back.AddTo(tuesday, Calendar));
    }

    [Fact]
    public void A_calendar_without_working_days_gives_no_answer_instead_of_hanging()
    {
        var never = new WorkingCalendar(weekend: Enum.GetValues<DayOfWeek>());
        Assert.True(IsoDuration.TryParse("P1WD", out var one));
        Assert.Null(one.AddTo(Monday, never));
    }

    [Fact]
    public void A_date_without_an_offset_is_read_in_the_calendar_offset()
    {
        Assert.Equal(new DateTimeOffset(2026, 10, 8, 1, 0, 0, TimeSpan.Zero), Plan(TimerKind.Date, "2026-10-08T09:00:00").DueAt);
        Assert.Equal(new DateTimeOffset(2026, 10, 8, 1, 0, 0, TimeSpan.Zero), Plan(TimerKind.Date, "2026-10-08T01:00:00Z").DueAt);
    }

    [Fact]
    public void A_bounded_cycle_fires_the_given_number_of_times()
    {
        var plan = Plan(TimerKind.Cycle, "R3/PT10M");
        var firings = new List<DateTimeOffset> { plan.DueAt };
        for (var next = TimerSchedule.Next(plan, Calendar); next is not null; next = TimerSchedule.Next(next, Calendar)) firings.Add(next.DueAt);
        Assert.Equal([Monday.AddMinutes(10), Monday.AddMinutes(20), Monday.AddMinutes(30)], firings);
    }

    [Fact]
    public void A_monthly_cycle_keeps_to_the_calendar_month()
    {
        var plan = Plan(TimerKind.Cycle, "R/2026-01-31T09:00:00+08:00/P1M");
        var february = TimerSchedule.Next(plan, Calendar)!;
        Assert.Equal(new DateTimeOffset(2026, 2, 28, 9, 0, 0, TimeSpan.FromHours(8)), february.DueAt);
        Assert.Equal(-1, february.RemainingRepetitions);
    }

    [Fact]
    public void A_working_calendar_reads_from_json()
    {
        var calendar = WorkingCalendar.FromJson("""{"utcOffset":"+08:00","holidays":["2026-10-01","2026-10-02"],"workingDays":["2026-09-27"]}""");
        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 10, 1)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 9, 27)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 9, 30)));
        Assert.Equal(TimeSpan.FromHours(8), calendar.UtcOffset);
    }

    [Fact]
    public void A_timer_start_event_reports_its_next_firing_after_now()
    {
        var xml = Bpmn.Process(
            "<bpmn:startEvent id=\"monthly\"><bpmn:timerEventDefinition><bpmn:timeCycle>R/2026-01-01T09:00:00+08:00/P1M</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>",
            "end", "monthly -> end");
        var definition = WorkflowDeployment.Deploy(xml).Definition!;
        var next = Assert.Single(StartTimers.Next(definition, Monday, Calendar));
        Assert.Equal("monthly", next.StartEventId);
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.FromHours(8)), next.Plan.DueAt);
    }
}
