using Workflows.Engine.Execution;

namespace Workflows.Engine.Tasks;

/// <summary>An embedded sub-process is a scope: its start event gets a token; it completes when its last token is consumed.</summary>
internal static class SubProcessBehaviour
{
    public static void Activate(Run run, ElementInstance instance)
    {
        var start = run.NodeOf(instance).StartEventId;
        if (start is null) run.Complete(instance);
        else run.Send(start, instance.Key, null);
    }
}
