using Workflows.Engine.Execution;
using Workflows.Engine.Model;
using Workflows.Engine.Tests.Support;

namespace Workflows.Engine.Tests.Parsing;

public class BpmnParserTests
{
    internal static string ThreeLevelApproval => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "three-level-approval.bpmn"));

    [Fact]
    public void A_camunda_modeler_file_with_diagram_interchange_compiles_without_problems()
    {
        var result = WorkflowDeployment.Deploy(ThreeLevelApproval);
        Assert.True(result.Succeeded);
        Assert.Empty(result.Problems);
        var definition = result.Definition!;
        Assert.Equal("facility_application", definition.ProcessId);
        Assert.Equal("社区服务设施申请（三级审批）", definition.Name);
        Assert.Equal(7, definition.Nodes.Count);
        Assert.Equal("submitted", definition.NoneStartEvent!.Id);
    }

    [Fact]
    public void Zeebe_user_task_extensions_are_read_into_the_model()
    {
        var county = WorkflowDeployment.Deploy(ThreeLevelApproval).Definition!.Node("countyReview");
        Assert.Equal(NodeKind.UserTask, county.Kind);
        Assert.Equal("县级审核", county.Name);
        var task = county.UserTask!;
        Assert.Equal("county:approver", task.CandidateGroups!.Text);
        Assert.False(task.CandidateGroups.IsFeel);
        Assert.Equal("facility-county-review", task.FormKey);
        Assert.Equal("P5WD", task.DueDate!.Text);
        Assert.Equal("P3WD,-P1WD", task.Headers["reminders"]);
    }

    [Fact]
    public void The_default_flow_and_conditions_of_a_gateway_are_read()
    {
        var gateway = WorkflowDeployment.Deploy(ThreeLevelApproval).Definition!.Node("countyDecision");
        Assert.Equal("Flow_approve", gateway.DefaultFlowId);
        var reject = gateway.Outgoing.Single(f => f.Id == "Flow_reject");
        Assert.Equal("=outcome = \"reject\"", reject.Condition!.Text);
        Assert.True(gateway.Outgoing.Single(f => f.Id == "Flow_approve").IsDefault);
    }

    [Fact]
    public void Service_tasks_mappings_multi_instance_and_boundaries_are_read()
    {
        var xml = Bpmn.Process("start", "end",
            """
            <bpmn:serviceTask id="doc" name="生成批复">
              <bpmn:extensionElements>
                <zeebe:taskDefinition type="document" retries="5" />
                <zeebe:taskHeaders><zeebe:header key="template" value="approval-letter" /></zeebe:taskHeaders>
                <zeebe:ioMapping><zeebe:input source="=applicant.name" target="name" /><zeebe:output source="=documentNumber" target="docNo" /></zeebe:ioMapping>
              </bpmn:extensionElements>
            </bpmn:serviceTask>
            """,
            """
            <bpmn:userTask id="sign">
              <bpmn:multiInstanceLoopCharacteristics isSequential="true">
                <bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=signers" inputElement="signer" outputCollection="opinions" outputElement="=outcome" /></bpmn:extensionElements>
                <bpmn:completionCondition xsi:type="bpmn:tFormalExpression">=numberOfCompletedInstances &gt;= 2</bpmn:completionCondition>
              </bpmn:multiInstanceLoopCharacteristics>
            </bpmn:userTask>
            """,
            """<bpmn:boundaryEvent id="late" attachedToRef="sign" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeCycle>R3/PT10M</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>""",
            "<bpmn:endEvent id=\"lateEnd\" />",
            "start -> doc -> sign -> end", "late -> lateEnd");
        var definition = WorkflowDeployment.Deploy(xml).Definition!;
        var doc = definition.Node("doc");
        Assert.Equal(new ServiceTaskDefinition("document", 5, doc.ServiceTask!.Headers), doc.ServiceTask);
        Assert.Equal("approval-letter", doc.ServiceTask.Headers["template"]);
        Assert.Equal("name", Assert.Single(doc.Inputs).Target);
        Assert.Equal("docNo", Assert.Single(doc.Outputs).Target);
        var mi = definition.Node("sign").MultiInstance!;
        Assert.True(mi.IsSequential);
        Assert.Equal("signer", mi.InputElement);
        Assert.Equal("opinions", mi.OutputCollection);
        Assert.Equal("=numberOfCompletedInstances >= 2", mi.CompletionCondition!.Text);
        var late = Assert.Single(definition.Node("sign").Boundaries);
        Assert.False(late.CancelActivity);
        Assert.Equal(new TimerDefinition(TimerKind.Cycle, "R3/PT10M", null), late.Timer);
    }

    [Fact]
    public void One_definition_is_shared_safely_by_instances_on_many_threads()
    {
        var definition = WorkflowDeployment.Deploy(ThreeLevelApproval).Definition!;
        var outcomes = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 200, i =>
        {
            var state = WorkflowEngine.Execute(definition, null, new StartInstance(), DateTimeOffset.UnixEpoch).State;
            var task = state.Elements.Single().Key;
            var after = WorkflowEngine.Execute(definition, state,
                new CompleteUserTask(task, i % 4 == 0 ? "reject" : "approve"), DateTimeOffset.UnixEpoch).State;
            outcomes.Add(after.Elements.SingleOrDefault()?.ElementId ?? after.Status.ToString());
        });
        Assert.Equal(50, outcomes.Count(o => o == "Completed"));
        Assert.Equal(150, outcomes.Count(o => o == "cityReview"));
    }
}
