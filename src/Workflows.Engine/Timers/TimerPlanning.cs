using Workflows.Engine.Execution;
using Workflows.Engine.Model;

namespace Workflows.Engine.Timers;

/// <summary>Turns a diagram timer into a scheduled timer of the instance, evaluating FEEL where the timer is an expression.</summary>
internal static class TimerPlanning
{
    public static bool Schedule(Run run, FlowNode timerNode, TimerDefinition timer, ElementInstance context, ElementInstance owner)
    {
        if (!TryPlan(run, timer, context, out var plan, out var zh, out var en))
        {
            run.RaiseIncident(owner, PendingStep.Activate, "timer-invalid", $"定时器 {timerNode.Id} 无效：{zh}", $"timer {timerNode.Id} is invalid: {en}");
            return false;
        }
        var state = new TimerState
        {
            Key = run.State.TakeKey(),
            ElementId = timerNode.Id,
            OwnerKey = owner.Key,
            DueAt = plan.DueAt,
            RemainingRepetitions = plan.RemainingRepetitions,
            Interval = plan.Interval,
        };
        (run.State.Timers ??= []).Add(state);
        run.Effects.Add(new TimerScheduled(state.Key, timerNode.Id, state.DueAt));
        return true;
    }

    public static bool TryPlan(Run run, TimerDefinition timer, ElementInstance? context, out TimerPlan plan, out string zh, out string en)
    {
        var text = timer.Text;
        if (timer.Expression is { } expression)
        {
            var result = run.Evaluate(expression, context);
            if (!result.Succeeded || result.AsText() is not { } value)
            {
                plan = new TimerPlan(run.Now, 0, null);
                (zh, en) = (result.ErrorZh ?? $"表达式 {timer.Text} 的结果不是日期、时长或周期", result.ErrorEn ?? $"expression {timer.Text} gave no date, duration or cycle");
                return false;
            }
            text = value;
            // A FEEL timer may give a date where a duration was drawn, or the reverse; take what it gave.
            foreach (var kind in new[] { timer.Kind, TimerKind.Date, TimerKind.Duration })
                if (TimerSchedule.TryPlan(kind, text, run.Now, run.Options.Calendar, out plan, out _, out _))
                {
                    (zh, en) = ("", "");
                    return true;
                }
        }
        return TimerSchedule.TryPlan(timer.Kind, text, run.Now, run.Options.Calendar, out plan, out zh, out en);
    }
}
