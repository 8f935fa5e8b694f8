using Workflows.Engine.Execution;
using Workflows.Engine.Model;

namespace Workflows.Engine.Gateways;

/// <summary>
/// A parallel gateway joins by counting tokens per incoming flow within one scope: it fires once
/// every incoming flow has at least one, consuming one from each (extra tokens on a flow wait
/// for the next round, as a loop feeding the join needs). It forks along every outgoing flow.
/// </summary>
internal static class ParallelGatewayBehaviour
{
    public static void Arrive(Run run, FlowNode gateway, Token token)
    {
        var joins = JoinArrivals.Add(run.State, gateway.Id, token);
        foreach (var flow in gateway.Incoming)
            if (!joins.Any(j => j.ScopeKey == token.ScopeKey && j.GatewayId == gateway.Id && j.FlowId == flow.Id)) return;
        JoinArrivals.ConsumeOneEach(run.State, gateway.Id, token.ScopeKey);
        run.Enter(gateway, token.ScopeKey, null);
    }

    public static void Activate(Run run, ElementInstance instance) => run.Complete(instance);

    /// <summary>
    /// Nothing is left moving in the scope, yet a parallel join still holds tokens: the missing
    /// ones can never come (a branch ended elsewhere). Rather than wait forever, the join gets an
    /// incident; retrying or skipping it lets the waiting tokens through.
    /// </summary>
    public static void ReportDeadlock(Run run, long scopeKey)
    {
        var stuck = run.State.Joins!.Where(j => j.ScopeKey == scopeKey)
            .Select(j => j.GatewayId).Distinct().Where(id => run.Definition.Nodes[id].Kind == NodeKind.ParallelGateway).ToList();
        foreach (var gatewayId in stuck)
        {
            var gateway = run.Definition.Nodes[gatewayId];
            var missing = gateway.Incoming.Where(f => !run.State.Joins!.Any(j => j.ScopeKey == scopeKey && j.GatewayId == gatewayId && j.FlowId == f.Id))
                .Select(f => f.Id).ToList();
            run.State.Joins!.RemoveAll(j => j.ScopeKey == scopeKey && j.GatewayId == gatewayId);
            var held = new ElementInstance { Key = run.State.TakeKey(), ElementId = gatewayId, ScopeKey = scopeKey };
            run.State.Elements.Add(held);
            run.Record(TraceKind.Entered, held);
            run.RaiseIncident(held, PendingStep.Activate, "join-deadlock",
                $"并行合并永远等不到来自 {string.Join("、", missing)} 的令牌（该分支已在别处结束）",
                $"the parallel join can never receive a token on {string.Join(", ", missing)} (that branch ended elsewhere)");
        }
    }
}

/// <summary>Bookkeeping of tokens waiting at joins.</summary>
internal static class JoinArrivals
{
    public static List<JoinArrival> Add(InstanceState state, string gatewayId, Token token)
    {
        var joins = state.Joins ??= [];
        var existing = joins.FirstOrDefault(j => j.ScopeKey == token.ScopeKey && j.GatewayId == gatewayId && j.FlowId == token.Via);
        if (existing is not null) existing.Count++;
        else joins.Add(new JoinArrival { ScopeKey = token.ScopeKey, GatewayId = gatewayId, FlowId = token.Via ?? "", Count = 1 });
        return joins;
    }

    public static void ConsumeOneEach(InstanceState state, string gatewayId, long scopeKey)
    {
        var joins = state.Joins!;
        for (var i = 0; i < joins.Count; i++)
        {
            var join = joins[i];
            if (join.ScopeKey != scopeKey || join.GatewayId != gatewayId) continue;
            if (--join.Count == 0) joins.RemoveAt(i--);
        }
        if (joins.Count == 0) state.Joins = null;
    }
}
