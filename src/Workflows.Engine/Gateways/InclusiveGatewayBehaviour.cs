using Workflows.Engine.Execution;
using Workflows.Engine.Flows;

namespace Workflows.Engine.Gateways;

/// <summary>
/// An inclusive gateway forks along every flow whose condition holds (the default when none
/// does). As a join it waits only for tokens that can still arrive: it fires once, for every
/// incoming flow without a token, no token anywhere in the scope can reach that flow.
/// </summary>
internal static class InclusiveGatewayBehaviour
{
    public static void Arrive(Run run, Token token) => JoinArrivals.Add(run.State, token.NodeId, token);

    public static void Activate(Run run, ElementInstance instance)
    {
        if (SequenceFlows.Select(run, instance, firstOnly: false) is { } flows) run.Complete(instance, flows);
    }

    /// <summary>Checked whenever no token is moving. Returns true when a join fired.</summary>
    public static bool FireReadyJoins(Run run)
    {
        if (run.State.Joins is not { Count: > 0 } joins) return false;
        foreach (var (scopeKey, gatewayId) in joins.Select(j => (j.ScopeKey, j.GatewayId)).Distinct().ToList())
        {
            var gateway = run.Definition.Nodes[gatewayId];
            if (gateway.Kind != Model.NodeKind.InclusiveGateway || !CanFire(run, gateway, scopeKey)) continue;
            JoinArrivals.ConsumeOneEach(run.State, gatewayId, scopeKey);
            run.Enter(gateway, scopeKey, null);
            return true;
        }
        return false;
    }

    private static bool CanFire(Run run, Model.FlowNode gateway, long scopeKey)
    {
        var joins = run.State.Joins!;
        foreach (var flow in gateway.Incoming)
        {
            if (joins.Any(j => j.ScopeKey == scopeKey && j.GatewayId == gateway.Id && j.FlowId == flow.Id)) continue;
            if (!run.Definition.InclusiveJoinSources.TryGetValue(flow.Id, out var sources)) continue;
            if (run.State.Elements.Any(e => e.ScopeKey == scopeKey && sources.Contains(e.ElementId))) return false;
            if (joins.Any(j => j.ScopeKey == scopeKey && j.GatewayId != gateway.Id && sources.Contains(j.GatewayId))) return false;
        }
        return true;
    }
}
