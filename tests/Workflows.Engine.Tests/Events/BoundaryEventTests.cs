using Workflows.Engine.Execution;
using Workflows.Engine.Tests.Support;

namespace Workflows.Engine.Tests.Events;

public class BoundaryEventTests
{
    private static string OnReview(string boundary) => Bpmn.Process("start", "end", "task:review", "task:escalate", "end:escalated", boundary,
        "start -> review -> end", "b -> escalate -> escalated");

    private const string Interrupting = "<bpmn:boundaryEvent id=\"b\" attachedToRef=\"review\"><bpmn:timerEventDefinition><bpmn:timeDuration>P3D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>";
    private const string Repeating = "<bpmn:boundaryEvent id=\"b\" attachedToRef=\"review\" cancelActivity=\"false\"><bpmn:timerEventDefinition><bpmn:timeCycle>R2/PT12H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>";

    [Fact]
    public void A_boundary_timer_starts_with_its_activity_and_is_cancelled_with_it()
    {
        var s = new Scenario(OnReview(Interrupting));
        var scheduled = Assert.Single(s.Start().Effects.OfType<TimerScheduled>());
        Assert.Equal(s.Now.AddDays(3), scheduled.DueAt);
        var cancelled = Assert.Single(s.Complete("review").Effects.OfType<TimerCancelled>());
        Assert.Equal(scheduled.TimerKey, cancelled.TimerKey);
        Assert.Null(s.State!.Timers);
    }

    [Fact]
    public void An_interrupting_timer_cancels_the_task_and_leaves_by_the_boundary()
    {
        var s = new Scenario(OnReview(Interrupting));
        s.Start();
        var result = s.Fire("b");
        Assert.Contains(result.Effects, e => e is UserTaskCancelled { ElementId: "review" });
        Assert.Equal(["escalate"], s.ActiveElements);
    }

    [Fact]
    public void A_non_interrupting_cycle_fires_repeatedly_and_the_task_stays_open()
    {
        var s = new Scenario(OnReview(Repeating));
        s.Start();
        var first = s.Fire("b");
        Assert.Contains(first.Effects, e => e is TimerScheduled t && t.DueAt == s.Now.AddHours(24));
        s.Fire("b");
        Assert.Empty(s.State!.Timers ?? []);
        Assert.Equal(["review", "escalate", "escalate"], s.ActiveElements);
    }

    [Fact]
    public void Firing_a_cancelled_timer_is_rejected()
    {
        var s = new Scenario(OnReview(Interrupting));
        var timer = s.Start().Effects.OfType<TimerScheduled>().Single().TimerKey;
        s.Complete("review");
        Assert.False(WorkflowEngine.Execute(s.Definition, s.State, new FireTimer(timer), s.Now).Accepted);
    }

    [Fact]
    public void An_error_boundary_on_a_sub_process_catches_an_error_thrown_inside()
    {
        var s = new Scenario(Bpmn.Process("start", "end", "task:manual", "end:handled",
            "<bpmn:subProcess id=\"sp\"><bpmn:startEvent id=\"s2\" /><bpmn:serviceTask id=\"call\"><bpmn:extensionElements><zeebe:taskDefinition type=\"notify\" /></bpmn:extensionElements></bpmn:serviceTask><bpmn:endEvent id=\"e2\" /><bpmn:sequenceFlow id=\"i1\" sourceRef=\"s2\" targetRef=\"call\" /><bpmn:sequenceFlow id=\"i2\" sourceRef=\"call\" targetRef=\"e2\" /></bpmn:subProcess>",
            "<bpmn:boundaryEvent id=\"caught\" attachedToRef=\"sp\"><bpmn:errorEventDefinition errorRef=\"E1\" /></bpmn:boundaryEvent>",
            "start -> sp -> end", "caught -> manual -> handled").Replace("</bpmn:process>", "</bpmn:process><bpmn:error id=\"E1\" errorCode=\"SMS_DOWN\" />"));
        s.Start();
        var result = s.Do(new ThrowServiceError(s.State!.Elements.Single(e => e.ElementId == "call").Key, "SMS_DOWN"));
        Assert.DoesNotContain(result.Effects, e => e is ServiceCallCancelled);
        Assert.Equal(["manual"], s.ActiveElements);
    }
}
