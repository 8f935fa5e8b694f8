using Workflows.Engine.Model;
using Workflows.Engine.Timers;

namespace Workflows.Engine.Validation;

/// <summary>Deploy-time checks that need the whole definition: expressions, timers, service types and the graph.</summary>
internal static class DefinitionValidator
{
    public static void Check(WorkflowDefinition definition, IReadOnlySet<string>? knownServiceTypes, ProblemList problems)
    {
        foreach (var node in definition.Nodes.Values.OrderBy(n => n.Id, StringComparer.Ordinal))
        {
            foreach (var (what, expression) in Expressions(node)) CheckFeel(node.Id, node.Name, what, expression, problems);
            if (node.Timer is { Expression: null } timer
                && !TimerSchedule.TryPlan(timer.Kind, timer.Text, DateTimeOffset.UnixEpoch, WorkingCalendar.WeekendsOnly, out _, out var zh, out var en))
                problems.Error("invalid-timer", node.Id, node.Name, zh, en);
            // A cycle repeats only where something can happen again: a start event or a non-interrupting boundary event.
            if (node.Timer is { Kind: TimerKind.Cycle } && (node.Kind == NodeKind.IntermediateTimerCatch || (node.Kind == NodeKind.BoundaryEvent && node.CancelActivity)))
                problems.Error("timer-cycle-here", node.Id, node.Name,
                    "重复周期只能用于定时开始事件和非中断边界事件，这里请用 timeDate 或 timeDuration",
                    "a repeating cycle is allowed only on timer start events and non-interrupting boundary events; use timeDate or timeDuration here");
            if (node.ServiceTask is { Type.Length: > 0 } service && knownServiceTypes is not null && !knownServiceTypes.Contains(service.Type))
                problems.Error("unknown-service-type", node.Id, node.Name,
                    $"未知的服务类型 {service.Type}（可用：{string.Join("、", knownServiceTypes.Order(StringComparer.Ordinal))}）",
                    $"unknown service type {service.Type} (known: {string.Join(", ", knownServiceTypes.Order(StringComparer.Ordinal))})");
            if (node.UserTask?.Headers.TryGetValue("reminders", out var reminders) == true)
                foreach (var part in reminders.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    if (!IsoDuration.TryParse(part, out _))
                        problems.Error("invalid-reminder", node.Id, node.Name, $"提醒不是有效的 ISO 8601 时长：{part}", $"reminder is not a valid ISO 8601 duration: {part}");
        }
        foreach (var flow in definition.Flows.Values.OrderBy(f => f.Id, StringComparer.Ordinal))
            if (flow.Condition is { } condition) CheckFeel(flow.Id, flow.Name, "条件/condition", condition, problems);
        GraphChecks.Check(definition, problems);
    }

    private static IEnumerable<(string What, Expression Expression)> Expressions(FlowNode node)
    {
        foreach (var input in node.Inputs) yield return ($"输入映射/input {input.Target}", input.Expression);
        foreach (var output in node.Outputs) yield return ($"输出映射/output {output.Target}", output.Expression);
        if (node.Timer?.Expression is { } timer) yield return ("定时器/timer", timer);
        if (node.UserTask is { } task)
            foreach (var e in new[] { task.Assignee, task.CandidateGroups, task.CandidateUsers, task.DueDate, task.FollowUpDate })
                if (e is not null) yield return ("任务设置/task setting", e);
        if (node.MultiInstance is { } mi)
            foreach (var e in new[] { mi.InputCollection, mi.LoopCardinality, mi.OutputElement, mi.CompletionCondition })
                if (e is not null) yield return ("多实例/multi-instance", e);
    }

    private static void CheckFeel(string id, string? name, string what, Expression expression, ProblemList problems)
    {
        if (expression.CompileError is not { } error) return;
        var parts = what.Split('/');
        problems.Error("invalid-feel", id, name,
            $"{parts[0]}中的 FEEL 表达式无法解析（第 {error.Line} 行第 {error.Column} 列）：{error.MessageZh}；表达式：{expression.Text}",
            $"the FEEL expression in {parts[^1]} does not parse (line {error.Line}, column {error.Column}): {error.MessageEn}; expression: {expression.Text}");
    }
}
