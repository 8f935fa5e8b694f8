using System.Text.Json;
using CsCheck;
using Workflows.Engine.Execution;
using Workflows.Engine.Model;

namespace Workflows.Engine.Tests.Properties;

public class EngineProperties
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    private static WorkflowDefinition Deploy(string xml)
    {
        var result = WorkflowDeployment.Deploy(xml);
        Assert.True(result.Succeeded, string.Join("\n", result.Problems) + "\n" + xml);
        return result.Definition!;
    }

    /// <summary>Picks the next command from what the instance is waiting for; null when it waits for nothing.</summary>
    private static Command? NextCommand(WorkflowDefinition definition, InstanceState state, Genome choices, bool admin)
    {
        var waiting = state.Elements.Where(e => e.Body is null).ToList();
        var options = new List<Command>();
        foreach (var element in waiting)
        {
            if (element.Status == ElementStatus.Failed)
            {
                options.Add(new SkipIncident(state.Incidents!.First(i => i.ElementInstanceKey == element.Key).Key));
                continue;
            }
            var kind = definition.Nodes[element.ElementId].Kind;
            if (kind == NodeKind.UserTask) options.Add(new CompleteUserTask(element.Key, choices.Next(3) == 0 ? "again" : "done"));
            if (kind == NodeKind.ServiceTask) options.Add(new CompleteServiceCall(element.Key));
        }
        foreach (var timer in state.Timers ?? []) options.Add(new FireTimer(timer.Key));
        if (admin && waiting.Count > 0 && choices.Next(10) == 0)
        {
            var from = waiting[choices.Next(waiting.Count)].ElementId;
            var sameScope = definition.Nodes.Values.Where(n => n.ContainerId == definition.Nodes[from].ContainerId && n.Kind == NodeKind.UserTask).ToList();
            if (sameScope.Count > 0) options.Add(new MoveTokens(from, sameScope[choices.Next(sameScope.Count)].Id));
        }
        return options.Count == 0 ? null : options[choices.Next(options.Count)];
    }

    private static List<string> Drive(WorkflowDefinition definition, string variables, int[] commandGenes, bool roundTrip, bool admin)
    {
        var log = new List<string>();
        var choices = new Genome(commandGenes);
        var now = Start;
        var result = WorkflowEngine.Execute(definition, null, new StartInstance(JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(variables)), now);
        log.Add(Describe(result));
        for (var step = 0; step < 80 && result.State.Status == InstanceStatus.Active; step++)
        {
            var state = roundTrip ? StateSerializer.Deserialize(StateSerializer.Serialize(result.State)) : result.State;
            if (NextCommand(definition, state, choices, admin) is not { } command) break;
            now = now.AddHours(1);
            result = WorkflowEngine.Execute(definition, state, command, now);
            log.Add(command + " => " + Describe(result));
        }
        return log;
    }

    private static string Describe(CommandResult result) =>
        StateSerializer.Serialize(result.State) + " | " + string.Join(";", result.Effects) + " | " + string.Join(" ", result.Trace);

    private static readonly Gen<(int[] Model, int[] Commands)> Cases = Gen.Select(Gen.Int.Array[4, 40], Gen.Int.Array[100]);

    [Fact]
    public void The_same_commands_on_the_same_model_give_the_same_states_and_effects_even_through_json()
    {
        Cases.Sample(c =>
        {
            var (xml, variables) = RandomModels.Build(c.Model, loops: true);
            var definition = Deploy(xml);
            var first = Drive(definition, variables, c.Commands, roundTrip: false, admin: true);
            var second = Drive(Deploy(xml), variables, c.Commands, roundTrip: false, admin: true);
            var restored = Drive(definition, variables, c.Commands, roundTrip: true, admin: true);
            Assert.Equal(first, second);
            Assert.Equal(first, restored);
        }, iter: 150);
    }

    [Fact]
    public void Fork_and_join_never_lose_or_duplicate_a_token()
    {
        Cases.Sample(c =>
        {
            var (xml, variables) = RandomModels.Build(c.Model, loops: false);
            var definition = Deploy(xml);
            var choices = new Genome(c.Commands);
            var result = WorkflowEngine.Execute(definition, null, new StartInstance(JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(variables)), Start);
            var created = new Dictionary<string, int>();
            for (var step = 0; step < 200; step++)
            {
                foreach (var task in result.Effects.OfType<UserTaskCreated>()) created[task.ElementId] = created.GetValueOrDefault(task.ElementId) + 1;
                Assert.Empty(result.Effects.OfType<IncidentRaised>());
                // Without loops, each element holds at most one token at a time.
                var perElement = result.State.Elements.Where(e => e.Body is null).GroupBy(e => e.ElementId);
                Assert.All(perElement, g => Assert.Single(g));
                if (result.State.Status != InstanceStatus.Active) break;
                var command = NextCommand(definition, result.State, choices, admin: false);
                Assert.NotNull(command); // an active instance always waits for something: no token was lost at a join
                result = WorkflowEngine.Execute(definition, result.State, command!, Start.AddHours(step + 1));
            }
            Assert.Equal(InstanceStatus.Completed, result.State.Status);
            Assert.Empty(result.State.Elements);
            Assert.Null(result.State.Joins);
            Assert.Null(result.State.Timers);
            Assert.All(created.Values, count => Assert.Equal(1, count)); // no task ran twice: no token was duplicated
        }, iter: 300);
    }
}
