using Workflows.Engine.Execution;
using Workflows.Engine.Tests.Support;

namespace Workflows.Engine.Tests.Tasks;

public class SubProcessTests
{
    private const string Inner = """
        <bpmn:subProcess id="sp">
          <bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="=0" target="visits" /></zeebe:ioMapping></bpmn:extensionElements>
          <bpmn:startEvent id="s2" /><bpmn:userTask id="visit" /><bpmn:endEvent id="e2" />
          <bpmn:sequenceFlow id="i1" sourceRef="s2" targetRef="visit" /><bpmn:sequenceFlow id="i2" sourceRef="visit" targetRef="e2" />
        </bpmn:subProcess>
        """;

    [Fact]
    public void A_sub_process_completes_when_its_last_token_is_consumed_and_the_parent_continues()
    {
        var s = new Scenario(Bpmn.Process("start", "end", "task:after", Inner, "start -> sp -> after -> end"));
        s.Start();
        Assert.Equal(["sp", "visit"], s.ActiveElements);
        s.Complete("visit");
        Assert.Equal(["after"], s.ActiveElements);
    }

    [Fact]
    public void A_variable_that_exists_in_the_sub_process_is_updated_there_and_disappears_with_it()
    {
        var s = new Scenario(Bpmn.Process("start", "end", "task:after", Inner, "start -> sp -> after -> end"));
        s.Start();
        s.Complete("visit", variables: new { visits = 3, note = "ok" });
        Assert.False(s.State!.Variables.ContainsKey("visits"));
        Assert.Equal("ok", s.Variable("note").GetString());
    }

    [Fact]
    public void A_timer_catch_event_waits_for_its_timer()
    {
        var s = new Scenario(Bpmn.Process("start", "end", "timer:wait:P7D", "start -> wait -> end"));
        var timer = Assert.Single(s.Start().Effects.OfType<TimerScheduled>());
        Assert.Equal(s.Now.AddDays(7), timer.DueAt);
        s.Do(new FireTimer(timer.TimerKey));
        Assert.Equal(InstanceStatus.Completed, s.State!.Status);
    }

    [Fact]
    public void A_timer_expression_that_fails_is_an_incident_that_a_retry_with_data_resolves()
    {
        var s = new Scenario(Bpmn.Process("start", "end", "timer:wait:=publicityPeriod", "start -> wait -> end"));
        var incident = Assert.Single(s.Start().Effects.OfType<IncidentRaised>());
        Assert.Contains("publicityPeriod", incident.MessageEn);
        var retried = s.Do(new RetryIncident(incident.IncidentKey, Scenario.Vars(new { publicityPeriod = "P5WD" })));
        Assert.Single(retried.Effects.OfType<TimerScheduled>());
    }
}
