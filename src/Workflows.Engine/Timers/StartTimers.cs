using Workflows.Engine.Model;

namespace Workflows.Engine.Timers;

/// <summary>A timer start event's next firing: the runtime starts an instance with <c>StartInstance(StartEventId: …)</c> then.</summary>
public sealed record StartTimer(string StartEventId, TimerPlan Plan);

/// <summary>
/// Timer start events (periodic reports, training compliance windows) belong to the definition,
/// not to an instance, so the runtime asks for their schedule when it deploys a definition and
/// again after each firing.
/// </summary>
public static class StartTimers
{
    private const int MaxCatchUp = 100_000;

    /// <summary>The first firing after <paramref name="after"/> of every timer start event. FEEL timers are evaluated without variables.</summary>
    public static IReadOnlyList<StartTimer> Next(WorkflowDefinition definition, DateTimeOffset after, IWorkingCalendar calendar)
    {
        var result = new List<StartTimer>();
        foreach (var start in definition.TimerStartEvents)
        {
            var timer = start.Timer!;
            var text = timer.Text;
            if (timer.Expression is { } expression)
            {
                var value = Expressions.ExpressionEvaluator.Evaluate(expression, new Dictionary<string, object?>(), after);
                if (value.AsText() is not { } evaluated) continue;
                text = evaluated;
            }
            if (!TimerSchedule.TryPlan(timer.Kind, text, after, calendar, out var plan, out _, out _)) continue;
            // A cycle that began in the past is caught up to its first firing still to come.
            for (var i = 0; plan.DueAt <= after && i < MaxCatchUp; i++)
            {
                if (TimerSchedule.Next(plan, calendar) is not { } next) break;
                plan = next;
            }
            if (plan.DueAt > after || timer.Kind == TimerKind.Date) result.Add(new StartTimer(start.Id, plan));
        }
        return result;
    }
}
