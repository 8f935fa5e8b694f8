using System.Diagnostics;
using System.Text;
using Workflows.Engine.Execution;
using Workflows.Engine.Tests.Support;
using Workflows.Engine.Validation;

namespace Workflows.Engine.Tests.Parsing;

public class BadInputTests
{
    private static ValidationProblem SingleError(string xml)
    {
        var result = WorkflowDeployment.Deploy(xml);
        Assert.False(result.Succeeded);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void Malformed_xml_is_a_problem_with_the_line_not_an_exception()
    {
        var problem = SingleError("<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><bpmn:process id=\"p\">");
        Assert.Equal("invalid-xml", problem.Code);
        Assert.Contains("malformed XML", problem.MessageEn);
        Assert.Contains("XML 格式错误", problem.MessageZh);
    }

    [Fact]
    public void A_billion_laughs_document_is_refused_without_expanding_entities()
    {
        var xml = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
            <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="p">&lol9;</bpmn:process></bpmn:definitions>
            """;
        var watch = Stopwatch.StartNew();
        var problem = SingleError(xml);
        Assert.Contains("DTD", problem.MessageEn);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void An_external_entity_is_never_resolved()
    {
        var xml = """
            <?xml version="1.0"?>
            <!DOCTYPE d [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="p" name="&secret;" /></bpmn:definitions>
            """;
        Assert.Equal("invalid-xml", SingleError(xml).Code);
    }

    [Fact]
    public void A_fifty_megabyte_file_is_refused_quickly()
    {
        var padding = new string(' ', 50 * 1024 * 1024);
        var xml = Bpmn.Process("start", "end", "start -> end").Replace("<bpmn:process", padding + "<bpmn:process");
        var watch = Stopwatch.StartNew();
        var problem = SingleError(xml);
        Assert.Contains("too large", problem.MessageEn);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void Ten_thousand_nested_sub_processes_are_refused_without_a_stack_overflow()
    {
        var open = new StringBuilder();
        var close = new StringBuilder();
        for (var i = 0; i < 10_000; i++)
        {
            open.Append($"<bpmn:subProcess id=\"s{i}\"><bpmn:startEvent id=\"st{i}\" />");
            close.Append("</bpmn:subProcess>");
        }
        var watch = Stopwatch.StartNew();
        var problem = SingleError(Bpmn.Definitions(open.ToString() + close));
        Assert.Contains("nesting too deep", problem.MessageEn);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void Too_many_elements_are_refused()
    {
        var body = string.Concat(Enumerable.Range(0, 60_000).Select(i => $"<bpmn:textAnnotation id=\"t{i}\" />"));
        Assert.Contains("too many elements", SingleError(Bpmn.Definitions(body)).MessageEn);
    }

    [Fact]
    public void A_large_flat_process_is_checked_in_bounded_time()
    {
        // 8,000 sub-processes side by side, each with its own start and end: over 40,000 elements in all.
        var body = new StringBuilder("<bpmn:startEvent id=\"start\" /><bpmn:parallelGateway id=\"fork\" /><bpmn:sequenceFlow id=\"in\" sourceRef=\"start\" targetRef=\"fork\" />");
        for (var i = 0; i < 8000; i++)
            body.Append($"<bpmn:subProcess id=\"s{i}\"><bpmn:startEvent id=\"a{i}\" /><bpmn:endEvent id=\"b{i}\" /><bpmn:sequenceFlow id=\"c{i}\" sourceRef=\"a{i}\" targetRef=\"b{i}\" /></bpmn:subProcess><bpmn:sequenceFlow id=\"d{i}\" sourceRef=\"fork\" targetRef=\"s{i}\" />");
        var watch = Stopwatch.StartNew();
        var result = WorkflowDeployment.Deploy(Bpmn.Definitions(body.ToString()));
        Assert.True(result.Succeeded, string.Join("\n", result.Problems.Take(3)));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Thirty_nested_sub_processes_within_the_limits_run_to_the_end()
    {
        var body = new StringBuilder();
        for (var i = 0; i < 30; i++)
            body.Append($"<bpmn:subProcess id=\"s{i}\"><bpmn:startEvent id=\"st{i}\" /><bpmn:endEvent id=\"en{i}\" />");
        body.Append("<bpmn:sequenceFlow id=\"innermost\" sourceRef=\"st29\" targetRef=\"en29\" />");
        for (var i = 29; i >= 0; i--)
        {
            body.Append("</bpmn:subProcess>");
            body.Append(i == 0
                ? "<bpmn:startEvent id=\"start\" /><bpmn:endEvent id=\"end\" /><bpmn:sequenceFlow id=\"a\" sourceRef=\"start\" targetRef=\"s0\" /><bpmn:sequenceFlow id=\"b\" sourceRef=\"s0\" targetRef=\"end\" />"
                : $"<bpmn:sequenceFlow id=\"in{i}\" sourceRef=\"st{i - 1}\" targetRef=\"s{i}\" /><bpmn:sequenceFlow id=\"out{i}\" sourceRef=\"s{i}\" targetRef=\"en{i - 1}\" />");
        }
        var s = new Scenario(Bpmn.Definitions(body.ToString()));
        s.Start();
        Assert.Equal(InstanceStatus.Completed, s.State!.Status);
    }

    [Fact]
    public void A_gateway_cycle_without_a_wait_state_stops_with_an_incident_in_bounded_time()
    {
        var s = new Scenario(Bpmn.Process("start", "xor:a", "xor:b", "end", "start -> a -[=false]-> end", "a -(default)-> b -(default)-> a"));
        var watch = Stopwatch.StartNew();
        var result = s.Start();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2));
        var incident = Assert.Single(result.Effects.OfType<IncidentRaised>());
        Assert.Equal("step-limit", incident.Code);
        Assert.Equal(InstanceStatus.Active, s.State!.Status);

        // Retrying runs another bounded batch; cancelling ends it.
        var again = s.Do(new RetryIncident(incident.IncidentKey));
        Assert.Contains(again.Effects, e => e is IncidentRaised { Code: "step-limit" });
        s.Do(new CancelInstance("loop"));
        Assert.Equal(InstanceStatus.Cancelled, s.State!.Status);
    }

    [Theory]
    [InlineData("<bpmn:scriptTask id=\"x\" name=\"脚本\" />", "bpmn:scriptTask")]
    [InlineData("<bpmn:callActivity id=\"x\" />", "bpmn:callActivity")]
    [InlineData("<bpmn:eventBasedGateway id=\"x\" />", "bpmn:eventBasedGateway")]
    [InlineData("<bpmn:intermediateCatchEvent id=\"x\"><bpmn:messageEventDefinition /></bpmn:intermediateCatchEvent>", "messageEventDefinition")]
    [InlineData("<bpmn:subProcess id=\"x\" triggeredByEvent=\"true\"><bpmn:startEvent id=\"y\" /></bpmn:subProcess>", "triggeredByEvent")]
    public void An_unsupported_element_is_named_in_a_problem(string element, string expected)
    {
        var result = WorkflowDeployment.Deploy(Bpmn.Process("start", "end", element, "start -> end", "start -> x"));
        Assert.False(result.Succeeded);
        var problem = result.Errors.First(p => p.MessageEn.Contains(expected, StringComparison.Ordinal));
        Assert.Equal("x", problem.ElementId);
    }

    [Fact]
    public void A_camunda_7_attribute_that_would_change_the_meaning_is_a_problem()
    {
        var xml = Bpmn.Process("start", "end",
            "<bpmn:userTask id=\"t\" xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" camunda:assignee=\"demo\" />", "start -> t -> end");
        var problem = Assert.Single(WorkflowDeployment.Deploy(xml).Errors);
        Assert.Equal("unsupported-attribute", problem.Code);
        Assert.Equal("t", problem.ElementId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not xml at all")]
    [InlineData("<html><body>hello</body></html>")]
    [InlineData("<?xml version=\"1.0\"?><bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" />")]
    public void Garbage_gives_problems_never_exceptions(string xml)
    {
        var result = WorkflowDeployment.Deploy(xml);
        Assert.False(result.Succeeded);
        Assert.NotEmpty(result.Errors);
    }
}
