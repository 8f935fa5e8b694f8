using Workflows.Engine.Execution;
using Workflows.Engine.Tests.Support;

namespace Workflows.Engine.Tests.Events;

public class StartAndEndEventTests
{
    [Fact]
    public void A_process_from_start_to_end_completes_at_once()
    {
        var s = new Scenario(Bpmn.Process("start", "end", "start -> end"));
        var result = s.Start(new { applicant = "社区A" });
        Assert.Equal(InstanceStatus.Completed, s.State!.Status);
        Assert.Contains(result.Effects, e => e is InstanceCompleted);
        Assert.Equal("start end", s.Path);
        Assert.Equal("社区A", s.Variable("applicant").GetString());
    }

    [Fact]
    public void The_instance_completes_only_when_the_last_token_is_consumed()
    {
        var s = new Scenario(Bpmn.Process("start", "and:fork", "task:a", "task:b", "end:e1", "end:e2",
            "start -> fork -> a -> e1", "fork -> b -> e2"));
        s.Start();
        s.Complete("a");
        Assert.Equal(InstanceStatus.Active, s.State!.Status);
        s.Complete("b");
        Assert.Equal(InstanceStatus.Completed, s.State!.Status);
    }

    [Fact]
    public void A_terminate_end_event_cancels_the_other_tokens_and_terminates_the_instance()
    {
        var s = new Scenario(Bpmn.Process("start", "and:fork", "task:a", "task:b", "terminate:stop", "end:e2",
            "start -> fork -> a -> stop", "fork -> b -> e2"));
        s.Start();
        var result = s.Complete("a");
        Assert.Equal(InstanceStatus.Terminated, s.State!.Status);
        Assert.Contains(result.Effects, e => e is UserTaskCancelled { ElementId: "b" });
        Assert.Contains(result.Effects, e => e is InstanceTerminated { ElementId: "stop" });
        Assert.Empty(s.State.Elements);
    }
}
