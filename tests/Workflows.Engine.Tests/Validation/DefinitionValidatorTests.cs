using Workflows.Engine.Tests.Support;
using Workflows.Engine.Validation;

namespace Workflows.Engine.Tests.Validation;

public class DefinitionValidatorTests
{
    private static IReadOnlyList<ValidationProblem> Problems(params string[] parts) => WorkflowDeployment.Deploy(Bpmn.Process(parts)).Problems;

    [Fact]
    public void A_flow_to_a_missing_element_is_reported_with_its_id()
    {
        var problem = Problems("start", "end", "start -> end", "start -> nowhere").Single(p => p.Code == "dangling-flow");
        Assert.Equal("f2", problem.ElementId);
        Assert.Contains("nowhere", problem.MessageEn);
        Assert.Contains("nowhere", problem.MessageZh);
    }

    [Fact]
    public void An_element_that_cannot_be_reached_is_reported_with_its_name()
    {
        var problem = Problems("start", "end", "task:orphan", "start -> end", "orphan -> end").Single(p => p.Code == "unreachable");
        Assert.Equal("orphan", problem.ElementId);
        Assert.Equal("orphan", problem.ElementName);
        Assert.Equal(ProblemSeverity.Error, problem.Severity);
    }

    [Fact]
    public void A_loop_with_no_way_out_cannot_reach_an_end()
    {
        var problems = Problems("start", "task:a", "task:b", "start -> a -> b -> a");
        Assert.Contains(problems, p => p.Code == "cannot-finish" && p.ElementId == "a");
    }

    [Fact]
    public void An_exclusive_gateway_whose_conditions_may_all_be_false_is_a_warning_not_an_error()
    {
        var result = WorkflowDeployment.Deploy(Bpmn.Process("start", "xor:g", "end:e1", "end:e2", "start -> g -[=x > 1]-> e1", "g -[=x < 0]-> e2"));
        Assert.True(result.Succeeded);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("no-default-flow", warning.Code);
        Assert.Equal("g", warning.ElementId);
    }

    [Fact]
    public void With_a_default_flow_there_is_no_warning()
    {
        Assert.Empty(Problems("start", "xor:g", "end:e1", "end:e2", "start -> g -[=x > 1]-> e1", "g -(default)-> e2"));
    }

    [Fact]
    public void FEEL_that_does_not_parse_is_reported_with_its_position()
    {
        var problems = Problems("start", "xor:g", "end:e1", "end:e2", "start -> g -[=x > (1 +]-> e1", "g -(default)-> e2");
        var problem = problems.FirstOrDefault(p => p.Code == "invalid-feel") ?? throw new Xunit.Sdk.XunitException(string.Join("; ", problems));
        Assert.Equal("f2", problem.ElementId);
        Assert.Contains("line 1", problem.MessageEn);
        Assert.Contains("FEEL", problem.MessageZh);
    }

    [Theory]
    [InlineData("timeDuration", "PT10X")]
    [InlineData("timeDuration", "10 minutes")]
    [InlineData("timeDate", "tomorrow")]
    [InlineData("timeCycle", "0 0 9 * * ?")]
    [InlineData("timeCycle", "R3/PT0S")]
    public void A_timer_that_is_not_ISO_8601_is_reported(string kind, string text)
    {
        var timer = $"<bpmn:boundaryEvent id=\"t\" name=\"等待\" attachedToRef=\"task\" cancelActivity=\"false\"><bpmn:timerEventDefinition><bpmn:{kind}>{text}</bpmn:{kind}></bpmn:timerEventDefinition></bpmn:boundaryEvent>";
        var problem = Assert.Single(Problems("start", "end", "task:task", "end:e2", timer, "start -> task -> end", "t -> e2"));
        Assert.Equal("invalid-timer", problem.Code);
        Assert.Equal("等待", problem.ElementName);
    }

    [Theory]
    [InlineData("timeDuration", "P5WD")]
    [InlineData("timeDuration", "PT1H30M")]
    [InlineData("timeDate", "2026-10-08T09:00:00+08:00")]
    [InlineData("timeDate", "2026-10-08")]
    [InlineData("timeCycle", "R3/PT10M")]
    [InlineData("timeCycle", "R/P1M")]
    [InlineData("timeCycle", "R12/2026-01-01T09:00:00+08:00/P1M")]
    [InlineData("timeDuration", "=reviewPeriod")]
    public void Valid_timers_pass(string kind, string text)
    {
        var timer = $"<bpmn:boundaryEvent id=\"t\" attachedToRef=\"task\" cancelActivity=\"false\"><bpmn:timerEventDefinition><bpmn:{kind}>{text}</bpmn:{kind}></bpmn:timerEventDefinition></bpmn:boundaryEvent>";
        Assert.Empty(Problems("start", "end", "task:task", "end:e2", timer, "start -> task -> end", "t -> e2"));
    }

    [Fact]
    public void A_repeating_cycle_on_an_intermediate_timer_is_refused()
    {
        var timer = "<bpmn:intermediateCatchEvent id=\"t\"><bpmn:timerEventDefinition><bpmn:timeCycle>R3/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>";
        Assert.Equal("timer-cycle-here", Assert.Single(Problems("start", "end", timer, "start -> t -> end")).Code);
    }

    [Fact]
    public void An_unknown_service_type_is_reported_against_the_known_set()
    {
        var problem = Assert.Single(Problems("start", "end", "service:s:sendFax", "start -> s -> end"));
        Assert.Equal("unknown-service-type", problem.Code);
        Assert.Contains("document, notify", problem.MessageEn);
    }

    [Fact]
    public void The_caller_decides_which_service_types_are_known()
    {
        var options = new DeploymentOptions { KnownServiceTypes = new HashSet<string> { "sendFax" } };
        Assert.True(WorkflowDeployment.Deploy(Bpmn.Process("start", "end", "service:s:sendFax", "start -> s -> end"), options).Succeeded);
    }

    [Fact]
    public void Every_problem_carries_both_languages()
    {
        var problems = Problems("start", "task:orphan", "service:s:fax", "start -> s", "s -> missing");
        Assert.NotEmpty(problems);
        Assert.All(problems, p =>
        {
            Assert.False(string.IsNullOrWhiteSpace(p.MessageZh));
            Assert.False(string.IsNullOrWhiteSpace(p.MessageEn));
        });
    }

    [Fact]
    public void A_sub_process_needs_one_none_start_event()
    {
        var problems = Problems("start", "end", "<bpmn:subProcess id=\"sp\"><bpmn:endEvent id=\"x\" /></bpmn:subProcess>", "start -> sp -> end");
        Assert.Contains(problems, p => p.Code == "subprocess-start" && p.ElementId == "sp");
    }

    [Fact]
    public void An_error_boundary_on_a_user_task_is_reported()
    {
        var problems = Problems("start", "end", "task:t", "<bpmn:boundaryEvent id=\"b\" attachedToRef=\"t\"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>", "end:e2",
            "start -> t -> end", "b -> e2");
        Assert.Contains(problems, p => p.Code == "boundary-host" && p.ElementId == "b");
    }
}
