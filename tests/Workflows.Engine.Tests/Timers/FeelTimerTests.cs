using Workflows.Engine.Execution;
using Workflows.Engine.Tests.Support;

namespace Workflows.Engine.Tests.Timers;

public class FeelTimerTests
{
    private static TimerScheduled Scheduled(string kind, string expression, object? variables = null)
    {
        var timer = $"<bpmn:intermediateCatchEvent id=\"t\"><bpmn:timerEventDefinition><bpmn:{kind}>{System.Security.SecurityElement.Escape(expression)}</bpmn:{kind}></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>";
        var s = new Scenario(Bpmn.Process("start", "end", timer, "start -> t -> end"));
        var result = s.Start(variables);
        Assert.Empty(result.Effects.OfType<IncidentRaised>());
        return Assert.Single(result.Effects.OfType<TimerScheduled>());
    }

    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void A_FEEL_duration_is_added_to_now() =>
        Assert.Equal(Now.AddDays(3), Scheduled("timeDuration", "=duration(\"P3D\")").DueAt);

    [Fact]
    public void A_FEEL_date_and_time_built_from_now_is_used_as_it_is() =>
        Assert.Equal(Now.AddHours(2), Scheduled("timeDate", "=now() + duration(\"PT2H\")").DueAt);

    [Fact]
    public void A_FEEL_date_means_midnight_in_the_calendar_offset() =>
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 0, 0, 0, TimeSpan.FromHours(8)), Scheduled("timeDate", "=today() + duration(\"P1D\")").DueAt);

    [Fact]
    public void A_FEEL_text_may_use_working_days() =>
        Assert.Equal(Now.AddDays(7), Scheduled("timeDuration", "=\"P\" + string(days) + \"WD\"", new { days = 5 }).DueAt);
}
