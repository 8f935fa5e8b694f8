using Workflows.Engine.Execution;
using Workflows.Engine.Tests.Support;

namespace Workflows.Engine.Tests.Tasks;

public class ServiceTaskTests
{
    private static readonly string Document = Bpmn.Process("start", "end",
        """
        <bpmn:serviceTask id="generate" name="生成批复">
          <bpmn:extensionElements>
            <zeebe:taskDefinition type="document" retries="2" />
            <zeebe:taskHeaders><zeebe:header key="template" value="approval-letter" /><zeebe:header key="issuer" value="county" /></zeebe:taskHeaders>
            <zeebe:ioMapping><zeebe:output source="=documentNumber" target="approvalNumber" /></zeebe:ioMapping>
          </bpmn:extensionElements>
        </bpmn:serviceTask>
        """, "start -> generate -> end");

    [Fact]
    public void The_service_type_headers_and_variables_become_a_requested_call()
    {
        var s = new Scenario(Document);
        var call = Assert.Single(s.Start(new { applicant = "五一社区" }).Effects.OfType<ServiceCallRequested>());
        Assert.Equal(("generate", "document", 1), (call.ElementId, call.Type, call.Attempt));
        Assert.Equal("approval-letter", call.Headers["template"]);
        Assert.Equal("五一社区", call.Variables.GetProperty("applicant").GetString());
    }

    [Fact]
    public void Completing_the_call_maps_its_output_variables()
    {
        var s = new Scenario(Document);
        s.Start();
        s.CompleteService("generate", new { documentNumber = "民社〔2026〕7号", pages = 2 });
        Assert.Equal("民社〔2026〕7号", s.Variable("approvalNumber").GetString());
        Assert.False(s.State!.Variables.ContainsKey("pages"));
        Assert.Equal(InstanceStatus.Completed, s.State.Status);
    }

    [Fact]
    public void A_failed_call_is_retried_then_becomes_an_incident_that_can_be_retried()
    {
        var s = new Scenario(Document);
        s.Start();
        var key = s.State!.Elements.Single().Key;
        Assert.Contains(s.Do(new FailServiceCall(key, "template engine down")).Effects, e => e is ServiceCallRequested { Attempt: 2 });
        var incident = Assert.Single(s.Do(new FailServiceCall(key, "template engine down")).Effects.OfType<IncidentRaised>());
        Assert.Contains("template engine down", incident.MessageEn);
        Assert.Contains(s.Do(new RetryIncident(incident.IncidentKey)).Effects, e => e is ServiceCallRequested { Attempt: 3 });
        s.CompleteService("generate", new { documentNumber = "x" });
        Assert.Equal(InstanceStatus.Completed, s.State!.Status);
    }

    [Fact]
    public void A_bpmn_error_without_a_boundary_is_an_incident_that_can_be_skipped()
    {
        var s = new Scenario(Document);
        s.Start();
        var incident = Assert.Single(s.Do(new ThrowServiceError(s.State!.Elements.Single().Key, "NO_TEMPLATE")).Effects.OfType<IncidentRaised>());
        Assert.Equal("unhandled-error", incident.Code);
        s.Do(new SkipIncident(incident.IncidentKey));
        Assert.Equal(InstanceStatus.Completed, s.State!.Status);
    }
}
