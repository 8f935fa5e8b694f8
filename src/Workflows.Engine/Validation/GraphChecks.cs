using System.Collections.Frozen;
using Workflows.Engine.Model;

namespace Workflows.Engine.Validation;

/// <summary>Checks on the shape of the graph: what can be reached, what can finish, and what feeds each inclusive join.</summary>
internal static class GraphChecks
{
    public static void Check(WorkflowDefinition definition, ProblemList problems)
    {
        var nodes = definition.Nodes.Values.OrderBy(n => n.Id, StringComparer.Ordinal).ToList();
        foreach (var node in nodes)
        {
            if (node.Kind == NodeKind.StartEvent && node.Incoming.Count > 0)
                problems.Error("start-incoming", node.Id, node.Name, "开始事件不能有进入的顺序流", "a start event cannot have incoming flows");
            if (node.Kind == NodeKind.EndEvent && node.Outgoing.Count > 0)
                problems.Error("end-outgoing", node.Id, node.Name, "结束事件不能有离开的顺序流", "an end event cannot have outgoing flows");
            if (node.IsGateway && node.Outgoing.Count == 0)
                problems.Error("gateway-no-outgoing", node.Id, node.Name, "网关没有出口", "the gateway has no outgoing flow");
            if (node.Kind is NodeKind.ExclusiveGateway or NodeKind.InclusiveGateway && node.Outgoing.Count > 1) CheckConditions(node, problems);
            if (node.Kind == NodeKind.StartEvent && node.ContainerId is null && node.Timer is null
                && definition.StartEvents.Count(s => s.Timer is null) > 1)
                problems.Error("several-none-starts", node.Id, node.Name, "流程只能有一个空白开始事件", "a process may have only one none start event");
        }
        if (definition.StartEvents.Count == 0)
            problems.Error("no-start-event", definition.ProcessId, definition.Name, "流程没有开始事件", "the process has no start event");

        var reached = Reachable(definition);
        var finishing = Finishing(definition);
        foreach (var node in nodes)
        {
            if (!reached.Contains(node.Id))
                problems.Error("unreachable", node.Id, node.Name, "该元素无法从开始事件到达", "this element cannot be reached from a start event");
            else if (!finishing.Contains(node.Id))
                problems.Error("cannot-finish", node.Id, node.Name, "从该元素出发无法到达结束（可能是没有出口的循环）",
                    "no path leads from this element to an end (perhaps a loop with no way out)");
        }
    }

    private static void CheckConditions(FlowNode gateway, ProblemList problems)
    {
        var unconditional = gateway.Outgoing.Where(f => f.Condition is null && !f.IsDefault).ToList();
        if (gateway.Kind == NodeKind.ExclusiveGateway && unconditional.Count > 0)
            problems.Error("flow-without-condition", unconditional[0].Id, unconditional[0].Name,
                $"排他网关 {gateway.Name ?? gateway.Id} 的出口 {unconditional[0].Id} 既没有条件也不是默认流",
                $"flow {unconditional[0].Id} leaving exclusive gateway {gateway.Id} has no condition and is not the default");
        if (unconditional.Count == 0 && gateway.DefaultFlowId is null)
            problems.Warning("no-default-flow", gateway.Id, gateway.Name,
                "所有出口条件可能同时不成立，且没有默认流：运行时会产生故障", "every condition may be false and there is no default flow: an incident at run time");
    }

    /// <summary>Forward from the start events; an activity that is reached makes its boundary events and inner start reachable.</summary>
    private static HashSet<string> Reachable(WorkflowDefinition definition)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var work = new Stack<FlowNode>(definition.StartEvents);
        while (work.Count > 0)
        {
            var node = work.Pop();
            if (!seen.Add(node.Id)) continue;
            foreach (var flow in node.Outgoing) work.Push(definition.Nodes[flow.TargetId]);
            foreach (var boundary in node.Boundaries) work.Push(boundary);
            if (node.StartEventId is not null) work.Push(definition.Nodes[node.StartEventId]);
        }
        return seen;
    }

    /// <summary>Backward from the nodes where a token ends (no outgoing flow); a boundary that finishes lets its activity finish.</summary>
    private static HashSet<string> Finishing(WorkflowDefinition definition)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var work = new Stack<FlowNode>(definition.Nodes.Values.Where(n => n.Outgoing.Count == 0 && !n.IsGateway));
        while (work.Count > 0)
        {
            var node = work.Pop();
            if (!done.Add(node.Id)) continue;
            foreach (var flow in node.Incoming) work.Push(definition.Nodes[flow.SourceId]);
            if (node.Kind == NodeKind.BoundaryEvent && node.AttachedToId is not null && definition.Nodes.TryGetValue(node.AttachedToId, out var host)) work.Push(host);
        }
        // Nodes inside a sub-process finish when the sub-process can; a start event of a dead scope is reported once, at the scope.
        return done;
    }

    /// <summary>For each flow into an inclusive join: the nodes from which a token could still come along it.</summary>
    public static FrozenDictionary<string, FrozenSet<string>> InclusiveJoinSources(WorkflowDefinition definition)
    {
        var result = new Dictionary<string, FrozenSet<string>>(StringComparer.Ordinal);
        foreach (var gateway in definition.Nodes.Values.Where(n => n.Kind == NodeKind.InclusiveGateway && n.Incoming.Count > 1))
        {
            foreach (var incoming in gateway.Incoming)
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                var work = new Stack<string>();
                work.Push(incoming.SourceId);
                while (work.Count > 0)
                {
                    var id = work.Pop();
                    if (id == gateway.Id || !seen.Add(id)) continue;
                    var node = definition.Nodes[id];
                    foreach (var flow in node.Incoming) work.Push(flow.SourceId);
                    if (node.Kind == NodeKind.BoundaryEvent && node.AttachedToId is not null) work.Push(node.AttachedToId);
                }
                result[incoming.Id] = seen.ToFrozenSet(StringComparer.Ordinal);
            }
        }
        return result.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
