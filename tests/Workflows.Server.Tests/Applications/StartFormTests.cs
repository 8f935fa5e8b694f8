using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Workflows.Server.Forms;
using Workflows.Server.Tests.Forms;
using Workflows.Server.Tests.Infrastructure;
using static Workflows.Server.Tests.Forms.FormSteps;

namespace Workflows.Server.Tests.Applications;

/// <summary>A workflow published with a form bound to its start event is what applicants can apply for with that form.</summary>
public sealed class StartFormTests(FormsServer server) : IClassFixture<FormsServer>
{
    private const string Process = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="designed-request" name="活动场地借用申请" isExecutable="true">
            <bpmn:startEvent id="submitted" name="提交申请">
              <bpmn:extensionElements><zeebe:formDefinition formId="venue-request" /></bpmn:extensionElements>
              <bpmn:outgoing>f1</bpmn:outgoing>
            </bpmn:startEvent>
            <bpmn:userTask id="countyReview" name="县级审核">
              <bpmn:extensionElements>
                <zeebe:assignmentDefinition candidateGroups="county:approver" />
                <zeebe:formDefinition formId="venue-request" />
              </bpmn:extensionElements>
              <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
            </bpmn:userTask>
            <bpmn:endEvent id="done"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="submitted" targetRef="countyReview" />
            <bpmn:sequenceFlow id="f2" sourceRef="countyReview" targetRef="done" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task A_form_bound_to_a_published_start_event_can_be_applied_for_and_starts_that_workflow()
    {
        var admin = await server.SignInAsync("admin", "en");
        var form = new JsonObject
        {
            ["id"] = "venue-request", ["type"] = "default", ["schemaVersion"] = 19,
            ["components"] = new JsonArray(
                new JsonObject { ["id"] = "reason", ["type"] = "textfield", ["key"] = "reason", ["label"] = "借用事由", ["validate"] = new JsonObject { ["required"] = true } }),
        };
        await (await admin.PostRawJsonAsync("/api/v1/forms", form.ToJsonString())).ExpectAsync(HttpStatusCode.Created);
        var before = await (await admin.GetAsync("/api/v1/forms")).ExpectAsync(HttpStatusCode.OK);
        Assert.Null(before.EnumerateArray().Single(f => f.GetProperty("formId").GetString() == "venue-request").GetProperty("processId").GetString());

        await (await admin.PostAsync("/api/v1/workflows", new StringContent(Process, Encoding.UTF8, "application/xml"))).ExpectAsync(HttpStatusCode.Created);
        var after = await (await admin.GetAsync("/api/v1/forms")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("designed-request", after.EnumerateArray().Single(f => f.GetProperty("formId").GetString() == "venue-request").GetProperty("processId").GetString());
        // The shipped pairings are unchanged.
        Assert.Equal("facility-application", after.EnumerateArray().Single(f => f.GetProperty("formId").GetString() == "facility-application").GetProperty("processId").GetString());

        var applicant = await server.SignInAsync("dongsheng");
        var id = await CreateAsync(applicant, "venue-request");
        await (await SaveAsync(applicant, id, new { reason = "重阳节老年人活动" })).ExpectAsync(HttpStatusCode.OK);
        var submitted = await (await SubmitAsync(applicant, id)).ExpectAsync(HttpStatusCode.OK);
        var application = submitted.GetProperty("application");
        Assert.Equal("designed-request", application.GetProperty("processId").GetString());
        var instance = application.GetProperty("instanceId").GetGuid();

        var county = await server.SignInAsync("zhaodong.approver");
        var task = (await TodoAsync(county)).Single(t => t.GetProperty("instanceId").GetGuid() == instance);
        Assert.Equal("县级审核", task.GetProperty("name").GetString());
    }

    [Fact]
    public void Only_the_none_start_event_of_an_executable_process_counts()
    {
        Assert.Equal("venue-request", StartForms.StartFormOf(Process));
        var timer = Process.Replace("<bpmn:outgoing>f1</bpmn:outgoing>", "<bpmn:outgoing>f1</bpmn:outgoing><bpmn:timerEventDefinition><bpmn:timeCycle>R/P1Y</bpmn:timeCycle></bpmn:timerEventDefinition>");
        Assert.NotEqual(Process, timer);
        Assert.Null(StartForms.StartFormOf(timer));
        Assert.Null(StartForms.StartFormOf(Process.Replace("isExecutable=\"true\"", "isExecutable=\"false\"")));
        Assert.Null(StartForms.StartFormOf("not xml"));
        Assert.Null(StartForms.StartFormOf("<!DOCTYPE x [<!ENTITY e \"x\">]><x>&e;</x>"));
    }
}
