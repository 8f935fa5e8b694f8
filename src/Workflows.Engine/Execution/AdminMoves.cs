using Workflows.Engine.Model;

namespace Workflows.Engine.Execution;

/// <summary>
/// An administrator moves tokens: every token on one element (with the tasks, calls and timers
/// it holds) is cancelled and one token is put on another element. Returning a case to the
/// applicant (退回) and withdrawing it (撤回) are this move, recorded in the audit trail.
/// </summary>
internal static class AdminMoves
{
    public static CommandRejection? Move(Run run, MoveTokens command)
    {
        var definition = run.Definition;
        if (!definition.Nodes.TryGetValue(command.FromElementId, out var from))
            return CommandHandlers.Rejection("no-such-element", $"元素 {command.FromElementId} 不存在", $"no element {command.FromElementId}");
        if (!definition.Nodes.TryGetValue(command.ToElementId, out var to) || to.Kind == NodeKind.BoundaryEvent)
            return CommandHandlers.Rejection("invalid-target", $"不能把令牌移到 {command.ToElementId}", $"tokens cannot be moved to {command.ToElementId}");

        // Inner instances of a multi-instance activity move with their body.
        var moving = run.State.Elements.Where(e => e.ElementId == from.Id && e.LoopCounter == 0).ToList();
        var waiting = run.State.Joins?.Where(j => j.GatewayId == from.Id).ToList() ?? [];
        if (moving.Count == 0 && waiting.Count == 0)
            return CommandHandlers.Rejection("no-token", $"{from.Name ?? from.Id} 上没有令牌", $"there is no token on {from.Id}");

        var scopes = moving.Select(e => e.ScopeKey).Concat(waiting.Select(j => j.ScopeKey)).Distinct().ToList();
        var targets = new List<long>();
        foreach (var scope in scopes)
        {
            var target = TargetScope(run, from, to, scope);
            if (target is null)
                return CommandHandlers.Rejection("target-out-of-scope", $"{to.Id} 所在的子流程没有运行", $"the sub-process containing {to.Id} is not running");
            if (!targets.Contains(target.Value)) targets.Add(target.Value);
        }

        foreach (var element in moving)
            if (run.State.Elements.Contains(element)) run.Cancel(element);
        run.State.Joins?.RemoveAll(j => j.GatewayId == from.Id);
        if (run.State.Joins is { Count: 0 }) run.State.Joins = null;
        ScopeVariables.MergeIntoProcess(run.State, command.Variables);
        foreach (var scope in targets) run.Send(to.Id, scope, null);
        return null;
    }

    /// <summary>Same container: same scope. Otherwise the process, or a running instance of the target's sub-process.</summary>
    private static long? TargetScope(Run run, FlowNode from, FlowNode to, long fromScope)
    {
        if (to.ContainerId == from.ContainerId) return fromScope;
        if (to.ContainerId is null) return 0;
        return run.State.Elements.FirstOrDefault(e => e.ElementId == to.ContainerId && e.Body is null)?.Key;
    }
}
