using System.Text.Json;
using Workflows.Engine.Execution;
using Workflows.Engine.Tests.Parsing;
using Workflows.Engine.Tests.Support;

namespace Workflows.Engine.Tests.Execution;

public class StateSerializationTests
{
    [Fact]
    public void The_three_level_approval_state_stays_under_two_kilobytes_at_every_step()
    {
        var s = new Scenario(BpmnParserTests.ThreeLevelApproval);
        var sizes = new List<int>
        {
            StateSerializer.SerializeToUtf8(s.Start(new { applicant = "黑龙江省绥化市庆安县某某社区居民委员会", applicationId = "FA-2026-000123", amount = 350000 }).State).Length,
        };
        foreach (var task in new[] { "countyReview", "cityReview", "provinceReview" })
        {
            s.Complete(task, "approve", new { comment = "材料齐全，同意上报。" });
            sizes.Add(StateSerializer.SerializeToUtf8(s.State!).Length);
        }
        Assert.All(sizes, size => Assert.True(size <= 2048, $"state is {size} bytes"));
    }

    [Fact]
    public void The_json_is_compact_and_carries_its_format_version()
    {
        var s = new Scenario(BpmnParserTests.ThreeLevelApproval);
        s.Start(new { applicant = "五一社区" });
        var json = StateSerializer.Serialize(s.State!);
        Assert.StartsWith("{\"v\":1,", json);
        Assert.DoesNotContain("\n", json);
        Assert.Contains("五一社区", json);
    }

    [Fact]
    public void A_state_of_an_unknown_format_is_refused()
    {
        Assert.Throws<JsonException>(() => StateSerializer.Deserialize("{\"v\":99,\"p\":\"x\"}"));
    }

    [Fact]
    public void Restoring_a_state_and_continuing_gives_what_continuing_in_memory_gives()
    {
        var s = new Scenario(Bpmn.Process("start", "and:fork", "task:a", "timer:t:PT1H", "service:d:document", "and:join", "end",
            "start -> fork -> a -> join -> end", "fork -> t -> join", "fork -> d -> join"));
        s.Start(new { x = 1 });
        var restored = StateSerializer.Deserialize(StateSerializer.Serialize(s.State!));
        Assert.Equal(StateSerializer.Serialize(s.State!), StateSerializer.Serialize(restored));

        var task = s.OpenTasks("a").Single();
        var inMemory = WorkflowEngine.Execute(s.Definition, s.State, new CompleteUserTask(task, "ok"), s.Now);
        var fromJson = WorkflowEngine.Execute(s.Definition, restored, new CompleteUserTask(task, "ok"), s.Now);
        Assert.Equal(StateSerializer.Serialize(inMemory.State), StateSerializer.Serialize(fromJson.State));
        Assert.Equal(inMemory.Effects, fromJson.Effects);
    }

    [Fact]
    public void A_command_never_changes_the_state_it_was_given()
    {
        var s = new Scenario(BpmnParserTests.ThreeLevelApproval);
        s.Start();
        var before = StateSerializer.Serialize(s.State!);
        WorkflowEngine.Execute(s.Definition, s.State, new CompleteUserTask(s.State!.Elements[0].Key, "approve"), s.Now);
        Assert.Equal(before, StateSerializer.Serialize(s.State!));
    }
}
