using Workflows.Engine.Execution;
using Workflows.Engine.Model;

namespace Workflows.Engine.Flows;

/// <summary>Which outgoing flows of a gateway a token takes, by their conditions.</summary>
internal static class SequenceFlows
{
    /// <summary>
    /// Evaluates conditions in document order. <paramref name="firstOnly"/> stops at the first
    /// that holds (exclusive); otherwise every flow that holds is taken (inclusive). A flow
    /// without a condition always holds; the default flow is taken only when none does.
    /// Returns null after raising an incident.
    /// </summary>
    public static IReadOnlyList<SequenceFlow>? Select(Run run, ElementInstance gateway, bool firstOnly)
    {
        var node = run.NodeOf(gateway);
        if (node.Outgoing.Count <= 1 && node.Outgoing.All(f => f.Condition is null)) return node.Outgoing;

        var taken = new List<SequenceFlow>();
        SequenceFlow? fallback = null;
        foreach (var flow in node.Outgoing)
        {
            if (flow.IsDefault)
            {
                fallback = flow;
                continue;
            }
            var holds = true;
            if (flow.Condition is { } condition)
            {
                var result = run.Evaluate(condition, gateway);
                if (!result.Succeeded)
                {
                    run.RaiseIncident(gateway, PendingStep.Activate, "condition-failed",
                        $"顺序流 {flow.Id} 的条件求值失败：{result.ErrorZh}", $"the condition of flow {flow.Id} failed: {result.ErrorEn}");
                    return null;
                }
                if (result.Value.ValueKind is not (System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False or System.Text.Json.JsonValueKind.Null))
                {
                    run.RaiseIncident(gateway, PendingStep.Activate, "condition-not-boolean",
                        $"顺序流 {flow.Id} 的条件结果不是布尔值：{result.Value.GetRawText()}",
                        $"the condition of flow {flow.Id} is not a boolean: {result.Value.GetRawText()}");
                    return null;
                }
                holds = result.IsTrue;
            }
            if (!holds) continue;
            taken.Add(flow);
            if (firstOnly) break;
        }
        if (taken.Count == 0 && fallback is not null) taken.Add(fallback);
        if (taken.Count == 0)
        {
            run.RaiseIncident(gateway, PendingStep.Activate, "no-flow-taken",
                "没有满足条件的出口，也没有默认流", "no outgoing flow's condition holds and there is no default flow");
            return null;
        }
        return taken;
    }
}
