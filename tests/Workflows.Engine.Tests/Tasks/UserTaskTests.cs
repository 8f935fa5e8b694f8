using Workflows.Engine.Execution;
using Workflows.Engine.Tests.Support;

namespace Workflows.Engine.Tests.Tasks;

public class UserTaskTests
{
    private static string Task(string extensions) => Bpmn.Process("start", "end",
        $"<bpmn:userTask id=\"review\" name=\"县级审核\"><bpmn:extensionElements><zeebe:userTask />{extensions}</bpmn:extensionElements></bpmn:userTask>",
        "start -> review -> end");

    private static UserTaskCreated Created(string extensions, object? variables = null)
    {
        var s = new Scenario(Task(extensions));
        return Assert.Single(s.Start(variables).Effects.OfType<UserTaskCreated>());
    }

    [Fact]
    public void A_candidate_group_written_level_colon_role_gives_the_level_and_role()
    {
        var task = Created("<zeebe:assignmentDefinition candidateGroups=\"county:approver\" />");
        Assert.Equal("county", task.Assignment.Level);
        Assert.Equal("approver", task.Assignment.Role);
        Assert.Equal(["county:approver"], task.Assignment.CandidateGroups);
    }

    [Fact]
    public void Level_and_role_headers_win_over_the_candidate_group()
    {
        var task = Created("""<zeebe:assignmentDefinition candidateGroups="city:reviewer" /><zeebe:taskHeaders><zeebe:header key="level" value="province" /><zeebe:header key="role" value="approver" /></zeebe:taskHeaders>""");
        Assert.Equal("province", task.Assignment.Level);
        Assert.Equal("approver", task.Assignment.Role);
    }

    [Fact]
    public void Assignment_expressions_are_evaluated_with_the_instance_variables()
    {
        var task = Created("<zeebe:assignmentDefinition assignee=\"=applicant.user\" candidateGroups=\"=[level + &quot;:approver&quot;]\" />",
            new { applicant = new { user = "u-42" }, level = "township" });
        Assert.Equal("u-42", task.Assignment.Assignee);
        Assert.Equal("township", task.Assignment.Level);
    }

    [Fact]
    public void Form_due_date_and_reminders_are_carried_by_the_effect()
    {
        var task = Created("""<zeebe:formDefinition formKey="facility-review" /><zeebe:taskSchedule dueDate="P5WD" followUpDate="P2D" /><zeebe:taskHeaders><zeebe:header key="reminders" value="P1D,-PT2H" /></zeebe:taskHeaders>""");
        var start = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
        Assert.Equal("facility-review", task.FormKey);
        Assert.Equal(start.AddDays(7), task.DueAt);
        Assert.Equal(start.AddDays(2), task.FollowUpAt);
        Assert.Equal([start.AddDays(1), start.AddDays(7).AddHours(-2)], task.Reminders);
        Assert.Equal("县级审核", task.Name);
    }

    [Fact]
    public void A_failing_assignment_expression_raises_an_incident_on_the_task()
    {
        var s = new Scenario(Task("<zeebe:assignmentDefinition assignee=\"=applicant.user\" />"));
        var incident = Assert.Single(s.Start().Effects.OfType<IncidentRaised>());
        Assert.Equal(("review", "assignment-failed"), (incident.ElementId, incident.Code));
        Assert.DoesNotContain(s.Last!.Effects, e => e is UserTaskCreated);
    }

    [Fact]
    public void Nobody_holding_the_role_is_an_incident_and_a_retry_reopens_the_task()
    {
        var s = new Scenario(Task("<zeebe:assignmentDefinition candidateGroups=\"county:approver\" />"));
        s.Start();
        var key = s.OpenTasks("review").Single();
        var incident = Assert.Single(s.Do(new ReportUnassignable(key, "县里没有审批人")).Effects.OfType<IncidentRaised>());
        Assert.Contains("县里没有审批人", incident.MessageZh);
        Assert.False(WorkflowEngine.Execute(s.Definition, s.State, new CompleteUserTask(key), s.Now).Accepted);
        var retried = s.Do(new RetryIncident(incident.IncidentKey));
        Assert.Contains(retried.Effects, e => e is UserTaskCreated { TaskKey: var k } && k == key);
        s.Complete("review");
        Assert.Equal(InstanceStatus.Completed, s.State!.Status);
    }

    [Fact]
    public void The_outcome_and_variables_of_a_completed_task_are_merged_into_the_process()
    {
        var s = new Scenario(Task(""));
        s.Start();
        s.Complete("review", "approve", new { comment = "同意" });
        Assert.Equal("approve", s.Variable("outcome").GetString());
        Assert.Equal("同意", s.Variable("comment").GetString());
    }

    [Fact]
    public void Completing_an_unknown_or_finished_task_is_rejected_without_changing_the_state()
    {
        var s = new Scenario(Task(""));
        s.Start();
        var result = WorkflowEngine.Execute(s.Definition, s.State, new CompleteUserTask(999), s.Now);
        Assert.False(result.Accepted);
        Assert.Same(s.State, result.State);
        Assert.Empty(result.Effects);
    }
}
