using Workflows.Engine.Timers;

namespace Workflows.Engine.Execution;

/// <summary>What the caller decides for every command: the working calendar and the safety limits.</summary>
public sealed record EngineOptions
{
    public IWorkingCalendar Calendar { get; init; } = WorkingCalendar.WeekendsOnly;

    /// <summary>
    /// Automatic steps one command may take before the engine stops and raises an incident. A
    /// loop of gateways with no wait state would otherwise never return.
    /// </summary>
    public int MaxStepsPerCommand { get; init; } = 1000;

    /// <summary>Record elements entered and left in <see cref="CommandResult.Trace"/>.</summary>
    public bool RecordTrace { get; init; } = true;

    public static EngineOptions Default { get; } = new();
}
