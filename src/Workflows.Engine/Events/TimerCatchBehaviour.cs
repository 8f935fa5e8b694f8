using Workflows.Engine.Execution;
using Workflows.Engine.Timers;

namespace Workflows.Engine.Events;

/// <summary>An intermediate timer catch event waits until its timer fires, then leaves.</summary>
internal static class TimerCatchBehaviour
{
    public static void Activate(Run run, ElementInstance instance)
    {
        var node = run.NodeOf(instance);
        if (node.Timer is null)
        {
            run.Complete(instance);
            return;
        }
        TimerPlanning.Schedule(run, node, node.Timer, instance, owner: instance);
    }

    public static void Fire(Run run, TimerState timer, ElementInstance owner)
    {
        run.State.Timers!.Remove(timer);
        run.Complete(owner);
    }
}
