using Workflows.Engine.Execution;
using Workflows.Engine.Tests.Parsing;
using Workflows.Engine.Tests.Support;

namespace Workflows.Engine.Tests.Execution;

/// <summary>退回 (return a case for revision) and 撤回 (withdraw it), expressed with the ordinary commands.</summary>
public class ReturnAndWithdrawTests
{
    private static Scenario Application() => new(Bpmn.Process("start", "end",
        "<bpmn:userTask id=\"submit\" name=\"申请人填报\"><bpmn:extensionElements><zeebe:assignmentDefinition assignee=\"=applicantUser\" /></bpmn:extensionElements></bpmn:userTask>",
        "<bpmn:userTask id=\"county\" name=\"县级审核\"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups=\"county:approver\" /></bpmn:extensionElements></bpmn:userTask>",
        "<bpmn:userTask id=\"city\" name=\"市级审核\"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups=\"city:approver\" /></bpmn:extensionElements></bpmn:userTask>",
        "xor:countyDecision",
        "start -> submit -> county -> countyDecision -[=outcome = \"return\"]-> submit", "countyDecision -(default)-> city -> end"));

    [Fact]
    public void A_reviewer_returns_the_case_to_the_applicant_through_the_diagram()
    {
        var s = Application();
        s.Start(new { applicantUser = "u-1001" });
        s.Complete("submit");
        var result = s.Complete("county", "return", new { reason = "缺少场地照片" });
        var reopened = Assert.Single(result.Effects.OfType<UserTaskCreated>());
        Assert.Equal(("submit", "u-1001"), (reopened.ElementId, reopened.Assignment.Assignee));
        Assert.Equal("缺少场地照片", s.Variable("reason").GetString());
        s.Complete("submit");
        s.Complete("county", "approve");
        Assert.Equal(["city"], s.ActiveElements);
    }

    [Fact]
    public void An_administrator_returns_the_case_to_any_earlier_review()
    {
        var s = new Scenario(BpmnParserTests.ThreeLevelApproval);
        s.Start();
        s.Complete("countyReview", "approve");
        s.Complete("cityReview", "approve");
        var result = s.Do(new MoveTokens("provinceReview", "countyReview"));
        Assert.Contains(result.Effects, e => e is UserTaskCancelled { ElementId: "provinceReview" });
        Assert.Contains(result.Effects, e => e is UserTaskCreated { ElementId: "countyReview" });
        Assert.Equal(["countyReview"], s.ActiveElements);
    }

    [Fact]
    public void The_applicant_withdraws_before_the_county_acts()
    {
        var s = Application();
        s.Start(new { applicantUser = "u-1001" });
        s.Complete("submit");
        var result = s.Do(new MoveTokens("county", "submit"));
        Assert.Contains(result.Effects, e => e is UserTaskCancelled { ElementId: "county" });
        Assert.Equal(["submit"], s.ActiveElements);
    }

    [Fact]
    public void The_applicant_withdraws_the_application_altogether()
    {
        var s = Application();
        s.Start(new { applicantUser = "u-1001" });
        s.Complete("submit");
        var result = s.Do(new CancelInstance("申请人撤回"));
        Assert.Contains(result.Effects, e => e is InstanceCancelled { Reason: "申请人撤回" });
        Assert.Equal(InstanceStatus.Cancelled, s.State!.Status);
        Assert.False(WorkflowEngine.Execute(s.Definition, s.State, new MoveTokens("submit", "county"), s.Now).Accepted);
    }

    [Fact]
    public void Moving_from_an_element_without_a_token_is_rejected()
    {
        var s = Application();
        s.Start(new { applicantUser = "u-1001" });
        var result = WorkflowEngine.Execute(s.Definition, s.State, new MoveTokens("city", "submit"), s.Now);
        Assert.Equal("no-token", result.Rejection!.Code);
        Assert.Equal("no-such-element", WorkflowEngine.Execute(s.Definition, s.State, new MoveTokens("nowhere", "submit"), s.Now).Rejection!.Code);
    }
}
