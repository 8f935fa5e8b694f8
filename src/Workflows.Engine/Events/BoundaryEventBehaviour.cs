using System.Text.Json;
using Workflows.Engine.Execution;
using Workflows.Engine.Model;
using Workflows.Engine.Timers;

namespace Workflows.Engine.Events;

/// <summary>
/// Boundary events sit on an activity. Timers start with the activity and are cancelled when it
/// ends. When one fires, an interrupting event cancels the activity; a non-interrupting one
/// leaves it running and, for a cycle, schedules its next firing. Either way a new token leaves
/// from the boundary event.
/// </summary>
internal static class BoundaryEventBehaviour
{
    public static bool ScheduleTimers(Run run, ElementInstance activity)
    {
        foreach (var boundary in run.NodeOf(activity).Boundaries)
        {
            if (boundary.Timer is null) continue;
            if (!TimerPlanning.Schedule(run, boundary, boundary.Timer, activity, owner: activity)) return false;
        }
        return true;
    }

    /// <summary>The boundary event's own instance does nothing but pass the token on.</summary>
    public static void Activate(Run run, ElementInstance instance) => run.Complete(instance);

    public static void Fire(Run run, TimerState timer, FlowNode boundary, ElementInstance activity)
    {
        var scopeKey = activity.ScopeKey;
        if (boundary.CancelActivity)
        {
            run.State.Timers!.Remove(timer);
            run.Cancel(activity);
        }
        else
        {
            var next = TimerSchedule.Next(new TimerPlan(timer.DueAt, timer.RemainingRepetitions, timer.Interval), run.Options.Calendar);
            run.State.Timers!.Remove(timer);
            if (next is not null)
            {
                var again = timer with { Key = run.State.TakeKey(), DueAt = next.DueAt, RemainingRepetitions = next.RemainingRepetitions };
                run.State.Timers.Add(again);
                run.Effects.Add(new TimerScheduled(again.Key, again.ElementId, again.DueAt));
            }
        }
        run.Enter(boundary, scopeKey, null);
    }

    public static void Catch(Run run, FlowNode boundary, ElementInstance activity, ElementInstance thrower, string code, string? message)
    {
        var scopeKey = activity.ScopeKey;
        run.Cancel(activity, answeredKey: thrower.Key);
        var locals = new Dictionary<string, JsonElement>
        {
            ["errorCode"] = JsonSerializer.SerializeToElement(code),
            ["errorMessage"] = JsonSerializer.SerializeToElement(message),
        };
        run.Enter(boundary, scopeKey, null, locals);
    }
}
