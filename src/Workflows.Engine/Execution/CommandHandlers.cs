using System.Text.Json;
using Workflows.Engine.Events;
using Workflows.Engine.Model;
using Workflows.Engine.Tasks;

namespace Workflows.Engine.Execution;

/// <summary>What each command does to the instance before the tokens move on. A rejected command changes nothing.</summary>
internal static class CommandHandlers
{
    public static CommandRejection? Apply(Run run, Command command) => command switch
    {
        StartInstance c => Start(run, c),
        CompleteUserTask c => CompleteTask(run, c),
        ReportUnassignable c => Unassignable(run, c),
        FireTimer c => Fire(run, c),
        CompleteServiceCall c => CompleteCall(run, c),
        ThrowServiceError c => ThrowError(run, c),
        FailServiceCall c => FailCall(run, c),
        CancelInstance c => Cancel(run, c),
        MoveTokens c => AdminMoves.Move(run, c),
        SetVariables c => Set(run, c),
        RetryIncident c => IncidentResolution.Retry(run, c),
        SkipIncident c => IncidentResolution.Skip(run, c),
        _ => Rejection("unknown-command", "未知的命令", $"unknown command {command.GetType().Name}"),
    };

    public static CommandRejection Rejection(string code, string zh, string en) => new(code, zh, en);

    private static CommandRejection? Start(Run run, StartInstance command)
    {
        var start = command.StartEventId is null
            ? run.Definition.NoneStartEvent
            : run.Definition.StartEvents.FirstOrDefault(s => s.Id == command.StartEventId);
        if (start is null)
            return Rejection("no-start-event", $"找不到开始事件 {command.StartEventId}", $"no such start event: {command.StartEventId ?? "(none start event)"}");
        ScopeVariables.MergeIntoProcess(run.State, command.Variables);
        run.Send(start.Id, 0, null);
        return null;
    }

    private static CommandRejection? CompleteTask(Run run, CompleteUserTask command)
    {
        if (!Find(run, command.TaskKey, NodeKind.UserTask, out var task, out var rejection)) return rejection;
        var variables = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (command.Variables is not null)
            foreach (var (name, value) in command.Variables) variables[name] = value.Clone();
        if (command.Outcome is not null) variables["outcome"] = JsonSerializer.SerializeToElement(command.Outcome);
        SetCompletionVariables(run, task, variables);
        run.Complete(task);
        return null;
    }

    /// <summary>
    /// With output mappings (or a multi-instance output element) the answer stays local and the
    /// mappings pick from it; otherwise it is merged outward, Zeebe's rule.
    /// </summary>
    private static void SetCompletionVariables(Run run, ElementInstance instance, IReadOnlyDictionary<string, JsonElement> variables)
    {
        var local = run.NodeOf(instance).Outputs.Count > 0 || MultiInstanceBehaviour.KeepsCompletionLocal(run, instance);
        foreach (var (name, value) in variables)
        {
            if (local) ScopeVariables.SetLocal(instance, name, value);
            else ScopeVariables.Propagate(run.State, instance.Key, name, value);
        }
    }

    private static CommandRejection? Unassignable(Run run, ReportUnassignable command)
    {
        if (!Find(run, command.TaskKey, NodeKind.UserTask, out var task, out var rejection)) return rejection;
        run.RaiseIncident(task, PendingStep.Activate, "unassignable", $"任务无人可办理：{command.Reason}", $"nobody can take the task: {command.Reason}");
        return null;
    }

    private static CommandRejection? Fire(Run run, FireTimer command)
    {
        var timer = run.State.Timers?.FirstOrDefault(t => t.Key == command.TimerKey);
        if (timer is null) return Rejection("no-such-timer", "定时器不存在或已取消", $"timer {command.TimerKey} does not exist or was cancelled");
        var owner = run.State.FindElement(timer.OwnerKey);
        var node = run.Definition.Nodes[timer.ElementId];
        if (owner is null) return Rejection("no-such-timer", "定时器所属的元素已不存在", "the timer's element is gone");
        if (node.Kind == NodeKind.BoundaryEvent) BoundaryEventBehaviour.Fire(run, timer, node, owner);
        else TimerCatchBehaviour.Fire(run, timer, owner);
        return null;
    }

    private static CommandRejection? CompleteCall(Run run, CompleteServiceCall command)
    {
        if (!Find(run, command.CallKey, NodeKind.ServiceTask, out var call, out var rejection)) return rejection;
        if (command.Variables is not null) SetCompletionVariables(run, call, command.Variables.ToDictionary(p => p.Key, p => p.Value.Clone()));
        run.Complete(call);
        return null;
    }

    private static CommandRejection? ThrowError(Run run, ThrowServiceError command)
    {
        if (!Find(run, command.CallKey, NodeKind.ServiceTask, out var call, out var rejection)) return rejection;
        ErrorPropagation.Throw(run, call, command.ErrorCode, command.Message);
        return null;
    }

    private static CommandRejection? FailCall(Run run, FailServiceCall command)
    {
        if (!Find(run, command.CallKey, NodeKind.ServiceTask, out var call, out var rejection)) return rejection;
        ServiceTaskBehaviour.Fail(run, call, command.Message);
        return null;
    }

    private static CommandRejection? Cancel(Run run, CancelInstance command)
    {
        foreach (var element in run.State.Elements.Where(e => e.ScopeKey == 0).ToList())
            if (run.State.Elements.Contains(element)) run.Cancel(element);
        run.State.Joins = null;
        run.State.Status = InstanceStatus.Cancelled;
        run.Effects.Add(new InstanceCancelled(command.Reason));
        return null;
    }

    private static CommandRejection? Set(Run run, SetVariables command)
    {
        ScopeVariables.MergeIntoProcess(run.State, command.Variables);
        return null;
    }

    private static bool Find(Run run, long key, NodeKind kind, out ElementInstance instance, out CommandRejection? rejection)
    {
        instance = run.State.FindElement(key)!;
        rejection = null;
        if (instance is null || instance.Body is not null || run.NodeOf(instance).Kind != kind)
        {
            rejection = Rejection("no-such-task", $"任务 {key} 不存在或已结束", $"{(kind == NodeKind.UserTask ? "task" : "service call")} {key} does not exist or has ended");
            return false;
        }
        if (instance.Status == ElementStatus.Failed)
        {
            rejection = Rejection("element-failed", "该环节存在未处理的故障，请先重试或跳过", "the element has an open incident: retry or skip it first");
            return false;
        }
        return true;
    }
}
