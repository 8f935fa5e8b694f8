using Workflows.Engine.Execution;
using Workflows.Engine.Flows;

namespace Workflows.Engine.Gateways;

/// <summary>An exclusive gateway passes every arriving token on along the first flow whose condition holds, else the default.</summary>
internal static class ExclusiveGatewayBehaviour
{
    public static void Activate(Run run, ElementInstance instance)
    {
        if (SequenceFlows.Select(run, instance, firstOnly: true) is { } flows) run.Complete(instance, flows);
    }
}
