using System.Text.Json;
using Workflows.Engine.Execution;
using Workflows.Engine.Model;

namespace Workflows.Engine.Tests.Support;

/// <summary>Drives one instance through commands, keeping every effect and trace entry, with a clock the test moves.</summary>
internal sealed class Scenario
{
    public Scenario(string xml, EngineOptions? options = null)
    {
        var deployment = WorkflowDeployment.Deploy(xml);
        Assert.True(deployment.Succeeded, string.Join("\n", deployment.Problems));
        Definition = deployment.Definition!;
        Options = options ?? EngineOptions.Default;
    }

    public WorkflowDefinition Definition { get; }
    public EngineOptions Options { get; }
    public InstanceState? State { get; private set; }
    public DateTimeOffset Now { get; set; } = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
    public List<Effect> Effects { get; } = [];
    public List<TraceEntry> Trace { get; } = [];
    public CommandResult? Last { get; private set; }

    public CommandResult Do(Command command)
    {
        Last = WorkflowEngine.Execute(Definition, State, command, Now, Options);
        Assert.True(Last.Accepted, Last.Rejection?.MessageEn);
        State = Last.State;
        Effects.AddRange(Last.Effects);
        Trace.AddRange(Last.Trace);
        return Last;
    }

    public CommandResult Start(object? variables = null) => Do(new StartInstance(Vars(variables)));

    public CommandResult Complete(string elementId, string? outcome = null, object? variables = null, int index = 0) =>
        Do(new CompleteUserTask(OpenTasks(elementId)[index], outcome, Vars(variables)));

    public CommandResult Fire(string elementId) =>
        Do(new FireTimer(State!.Timers!.Where(t => t.ElementId == elementId).OrderBy(t => t.DueAt).First().Key));

    public CommandResult CompleteService(string elementId, object? variables = null) =>
        Do(new CompleteServiceCall(State!.Elements.First(e => e.ElementId == elementId && e.Body is null).Key, Vars(variables)));

    public List<long> OpenTasks(string elementId) =>
        State!.Elements.Where(e => e.ElementId == elementId && e.Body is null && e.Status == ElementStatus.Active).Select(e => e.Key).ToList();

    public IEnumerable<string> ActiveElements => State!.Elements.Where(e => e.Body is null).Select(e => e.ElementId);

    public JsonElement Variable(string name) => State!.Variables[name];

    public string Path => string.Join(" ", Trace.Where(t => t.Kind == TraceKind.Left).Select(t => t.ElementId));

    public static IReadOnlyDictionary<string, JsonElement>? Vars(object? variables) =>
        variables is null ? null : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.Serialize(variables));
}
