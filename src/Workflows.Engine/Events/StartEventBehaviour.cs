using Workflows.Engine.Execution;

namespace Workflows.Engine.Events;

/// <summary>A start event (none or timer) only marks where the token begins; it leaves at once.</summary>
internal static class StartEventBehaviour
{
    public static void Activate(Run run, ElementInstance instance) => run.Complete(instance);
}
