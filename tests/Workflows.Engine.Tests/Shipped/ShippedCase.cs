using System.Text.Json;
using Workflows.Engine.Execution;
using Workflows.Engine.Model;
using Workflows.Engine.Timers;

namespace Workflows.Engine.Tests.Shipped;

/// <summary>
/// One case of a shipped workflow driven through the engine as the runtime would: it keeps the open
/// tasks, service calls and timers from the effects, stores the state as JSON between commands,
/// answers service calls on request, and fails the test on any rejected command or incident.
/// </summary>
internal sealed class ShippedCase
{
    private readonly Dictionary<long, UserTaskCreated> _openTasks = [];
    private readonly Dictionary<long, ServiceCallRequested> _openCalls = [];
    private readonly Dictionary<long, TimerScheduled> _timers = [];

    public ShippedCase(string fileName)
    {
        Definition = ShippedFiles.Deploy(fileName);
    }

    public static EngineOptions Options { get; } = new() { Calendar = WorkingCalendar.WeekendsOnly };

    public WorkflowDefinition Definition { get; }
    public InstanceState? State { get; private set; }

    /// <summary>Monday 2 March 2026, 09:00 China time, unless a test moves it.</summary>
    public DateTimeOffset Now { get; set; } = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    public List<Effect> Effects { get; } = [];
    public List<TraceEntry> Trace { get; } = [];

    public IEnumerable<ServiceCallRequested> Calls => Effects.OfType<ServiceCallRequested>();
    public IEnumerable<UserTaskCreated> CreatedTasks => Effects.OfType<UserTaskCreated>();
    public IEnumerable<string> OpenTaskElements => _openTasks.Values.Select(t => t.ElementId).Distinct().Order();
    public bool IsCompleted => State?.Status == InstanceStatus.Completed;

    /// <summary>The elements the token left, in order: the path through the diagram.</summary>
    public IReadOnlyList<string> Left => Trace.Where(t => t.Kind == TraceKind.Left).Select(t => t.ElementId).ToList();

    public CommandResult Do(Command command)
    {
        var result = WorkflowEngine.Execute(Definition, State, command, Now, Options);
        Assert.True(result.Accepted, result.Rejection?.MessageEn);
        var incident = result.Effects.OfType<IncidentRaised>().FirstOrDefault();
        Assert.True(incident is null, incident is null ? "" : $"incident at {incident.ElementId}: {incident.MessageEn}");
        State = StateSerializer.Deserialize(StateSerializer.Serialize(result.State));
        Effects.AddRange(result.Effects);
        Trace.AddRange(result.Trace);
        foreach (var effect in result.Effects)
        {
            switch (effect)
            {
                case UserTaskCreated created: _openTasks[created.TaskKey] = created; break;
                case UserTaskCancelled cancelled: _openTasks.Remove(cancelled.TaskKey); break;
                case ServiceCallRequested call: _openCalls[call.CallKey] = call; break;
                case ServiceCallCancelled cancelled: _openCalls.Remove(cancelled.CallKey); break;
                case TimerScheduled timer: _timers[timer.TimerKey] = timer; break;
                case TimerCancelled cancelled: _timers.Remove(cancelled.TimerKey); break;
            }
        }
        return result;
    }

    public ShippedCase Start(object variables, string? startEventId = null)
    {
        Do(new StartInstance(Vars(variables), startEventId));
        return this;
    }

    /// <summary>The one open task of an element (fails when there is none or several).</summary>
    public UserTaskCreated Task(string elementId)
    {
        var open = Tasks(elementId);
        Assert.True(open.Count == 1, $"expected one open task '{elementId}', open: {string.Join(", ", OpenTaskElements)}");
        return open[0];
    }

    public List<UserTaskCreated> Tasks(string elementId) =>
        _openTasks.Values.Where(t => t.ElementId == elementId).OrderBy(t => t.TaskKey).ToList();

    public ShippedCase Complete(string elementId, string outcome, object? variables = null) =>
        Complete(Task(elementId), outcome, variables);

    public ShippedCase Complete(UserTaskCreated task, string outcome, object? variables = null)
    {
        Do(new CompleteUserTask(task.TaskKey, outcome, Vars(variables)));
        _openTasks.Remove(task.TaskKey);
        return this;
    }

    /// <summary>Answers every service call that is waiting, as the document and notification services would, until none is left.</summary>
    public ShippedCase AnswerServiceCalls()
    {
        while (_openCalls.Count > 0)
        {
            var call = _openCalls.Values.OrderBy(c => c.CallKey).First();
            _openCalls.Remove(call.CallKey);
            object answer = call.Type == "document"
                ? new { documentId = $"doc-{call.CallKey}", documentNumber = $"〔2026〕{call.CallKey}号" }
                : new { notified = 1 };
            Do(new CompleteServiceCall(call.CallKey, Vars(answer)));
        }
        return this;
    }

    public TimerScheduled Timer(string elementId) =>
        Assert.Single(_timers.Values, t => t.ElementId == elementId);

    public ShippedCase Fire(string elementId)
    {
        var timer = Timer(elementId);
        _timers.Remove(timer.TimerKey);
        Now = timer.DueAt;
        Do(new FireTimer(timer.TimerKey));
        return this;
    }

    /// <summary>The service calls of one element, in the order they were asked for.</summary>
    public List<ServiceCallRequested> CallsOf(string elementId) => Calls.Where(c => c.ElementId == elementId).ToList();

    public static IReadOnlyDictionary<string, JsonElement>? Vars(object? variables) =>
        variables is null ? null : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.Serialize(variables));
}
