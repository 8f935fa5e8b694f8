using Workflows.Engine.Model;

namespace Workflows.Engine.Execution;

/// <summary>
/// The engine as one pure function: (definition, state, command, now) → (new state, effects).
/// No clock, I/O or randomness: the same inputs always give the same outputs.
/// </summary>
public static class WorkflowEngine
{
    public static CommandResult Execute(WorkflowDefinition definition, InstanceState? state, Command command, DateTimeOffset now, EngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(command);
        options ??= EngineOptions.Default;

        InstanceState working;
        if (command is StartInstance)
        {
            if (state is not null) return Reject(state, "already-started", "流程实例已经启动", "the instance has already started");
            working = new InstanceState { ProcessId = definition.ProcessId };
        }
        else
        {
            if (state is null) return Reject(new InstanceState { ProcessId = definition.ProcessId }, "not-started", "流程实例尚未启动", "the instance has not started");
            if (state.ProcessId != definition.ProcessId)
                return Reject(state, "wrong-definition", "流程实例不属于该流程定义", $"the instance belongs to process {state.ProcessId}, not {definition.ProcessId}");
            if (state.Status != InstanceStatus.Active)
                return Reject(state, "instance-ended", "流程实例已经结束", $"the instance has ended ({state.Status})");
            working = state.Clone();
        }

        var run = new Run(definition, working, now.ToUniversalTime(), options);
        try
        {
            var rejection = CommandHandlers.Apply(run, command);
            if (rejection is not null) return new CommandResult(state ?? working, [], [], rejection);
            run.Drain();
        }
        catch (Exception ex) when (ex is InvalidOperationException or KeyNotFoundException or ArgumentException or NullReferenceException or FormatException)
        {
            // A defect of the engine must not take the runtime down: the command is refused and the stored state stays as it was.
            return Reject(state ?? working, "engine-fault", $"流程引擎内部错误：{ex.Message}", $"internal engine error: {ex.Message}");
        }
        run.State.Normalise();
        return new CommandResult(run.State, run.Effects, run.Trace, null);
    }

    private static CommandResult Reject(InstanceState state, string code, string zh, string en) =>
        new(state, [], [], new CommandRejection(code, zh, en));
}
