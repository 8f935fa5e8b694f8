using Workflows.Engine.Execution;
using Workflows.Engine.Tests.Support;

namespace Workflows.Engine.Tests.Tasks;

public class MultiInstanceTests
{
    private static Scenario Signing(string completion = "", bool sequential = false) => new(Bpmn.Process("start", "end",
        $"""
        <bpmn:userTask id="sign" name="会签">
          <bpmn:extensionElements><zeebe:assignmentDefinition assignee="=signer" /></bpmn:extensionElements>
          <bpmn:multiInstanceLoopCharacteristics isSequential="{(sequential ? "true" : "false")}">
            <bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=signers" inputElement="signer" outputCollection="opinions" outputElement="=outcome" /></bpmn:extensionElements>
            {(completion.Length == 0 ? "" : $"<bpmn:completionCondition>{System.Security.SecurityElement.Escape(completion)}</bpmn:completionCondition>")}
          </bpmn:multiInstanceLoopCharacteristics>
        </bpmn:userTask>
        """, "start -> sign -> end"));

    private static readonly object Three = new { signers = new[] { "张三", "李四", "王五" } };

    [Fact]
    public void All_must_sign_opens_one_task_per_signer_and_completes_after_the_last()
    {
        var s = Signing();
        var tasks = s.Start(Three).Effects.OfType<UserTaskCreated>().ToList();
        Assert.Equal(["张三", "李四", "王五"], tasks.Select(t => t.Assignment.Assignee));
        Assert.Equal([1, 2, 3], tasks.Select(t => t.LoopCounter));
        s.Complete("sign", "agree");
        s.Complete("sign", "agree");
        Assert.Equal(InstanceStatus.Active, s.State!.Status);
        s.Complete("sign", "disagree");
        Assert.Equal(InstanceStatus.Completed, s.State!.Status);
        Assert.Equal("""["agree","agree","disagree"]""", s.Variable("opinions").GetRawText());
    }

    [Fact]
    public void Any_one_signs_completes_after_the_first_and_cancels_the_others()
    {
        var s = Signing("=numberOfCompletedInstances >= 1");
        s.Start(Three);
        var result = s.Complete("sign", "agree", index: 1);
        Assert.Equal(2, result.Effects.OfType<UserTaskCancelled>().Count());
        Assert.Equal(InstanceStatus.Completed, s.State!.Status);
        Assert.Equal("""[null,"agree",null]""", s.Variable("opinions").GetRawText());
    }

    [Fact]
    public void Two_of_three_completes_on_the_second_approval()
    {
        var s = Signing("=count(opinions[item = \"approve\"]) >= 2");
        s.Start(Three);
        s.Complete("sign", "approve");
        s.Complete("sign", "reject");
        Assert.Equal(InstanceStatus.Active, s.State!.Status);
        s.Complete("sign", "approve");
        Assert.Equal(InstanceStatus.Completed, s.State!.Status);
    }

    [Fact]
    public void Two_of_three_completes_as_soon_as_two_approve_and_cancels_the_third()
    {
        var s = Signing("=count(opinions[item = \"approve\"]) >= 2");
        s.Start(Three);
        s.Complete("sign", "approve");
        var result = s.Complete("sign", "approve");
        Assert.Single(result.Effects.OfType<UserTaskCancelled>());
        Assert.Equal(InstanceStatus.Completed, s.State!.Status);
        Assert.Equal("""["approve","approve",null]""", s.Variable("opinions").GetRawText());
    }

    [Fact]
    public void Sequential_signing_opens_the_next_task_only_after_the_previous()
    {
        var s = Signing(sequential: true);
        Assert.Single(s.Start(Three).Effects.OfType<UserTaskCreated>());
        var next = Assert.Single(s.Complete("sign", "agree").Effects.OfType<UserTaskCreated>());
        Assert.Equal("李四", next.Assignment.Assignee);
    }

    [Fact]
    public void An_input_collection_that_is_not_a_list_raises_an_incident()
    {
        var s = Signing();
        Assert.Contains(s.Start(new { signers = "张三" }).Effects, e => e is IncidentRaised { Code: "input-collection" });
    }
}
