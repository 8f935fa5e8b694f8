using Workflows.Engine.Execution;
using Workflows.Engine.Tests.Support;

namespace Workflows.Engine.Tests.Gateways;

public class GatewayTests
{
    [Fact]
    public void An_exclusive_gateway_takes_the_first_flow_whose_condition_holds()
    {
        var s = new Scenario(Bpmn.Process("start", "xor:g", "end:a", "end:b", "end:c",
            "start -> g -[=n > 1]-> a", "g -[=n > 0]-> b", "g -(default)-> c"));
        s.Start(new { n = 5 });
        Assert.Equal("start g a", s.Path);
    }

    [Fact]
    public void An_exclusive_gateway_takes_the_default_flow_when_nothing_holds()
    {
        var s = new Scenario(Bpmn.Process("start", "xor:g", "end:a", "end:c", "start -> g -[=n > 1]-> a", "g -(default)-> c"));
        s.Start(new { n = 0 });
        Assert.Equal("start g c", s.Path);
    }

    [Fact]
    public void A_condition_on_a_missing_variable_raises_an_incident_that_names_it()
    {
        var s = new Scenario(Bpmn.Process("start", "xor:g", "end:a", "end:c", "start -> g -[=amount > 1]-> a", "g -(default)-> c"));
        var result = s.Start();
        var incident = Assert.Single(result.Effects.OfType<IncidentRaised>());
        Assert.Equal("g", incident.ElementId);
        Assert.Contains("amount", incident.MessageEn);
        Assert.Equal(InstanceStatus.Active, s.State!.Status);

        s.Do(new RetryIncident(incident.IncidentKey, Scenario.Vars(new { amount = 3 })));
        Assert.Equal(InstanceStatus.Completed, s.State!.Status);
        Assert.Equal("start g a", s.Path);
    }

    [Fact]
    public void A_condition_that_is_not_a_boolean_raises_an_incident()
    {
        var s = new Scenario(Bpmn.Process("start", "xor:g", "end:a", "end:c", "start -> g -[=\"yes\"]-> a", "g -(default)-> c"));
        Assert.Contains(s.Start().Effects, e => e is IncidentRaised { Code: "condition-not-boolean" });
    }

    [Fact]
    public void A_parallel_join_waits_for_a_token_on_every_incoming_flow()
    {
        var s = new Scenario(Bpmn.Process("start", "and:fork", "task:a", "task:b", "and:join", "end",
            "start -> fork -> a -> join -> end", "fork -> b -> join"));
        s.Start();
        s.Complete("a");
        Assert.Single(s.State!.Joins!);
        Assert.Equal(InstanceStatus.Active, s.State.Status);
        s.Complete("b");
        Assert.Null(s.State!.Joins);
        Assert.Equal(InstanceStatus.Completed, s.State.Status);
    }

    [Fact]
    public void Two_tokens_on_one_incoming_flow_are_joined_in_two_rounds()
    {
        // Branch a loops once, so two tokens reach the join by the same flow before b arrives twice.
        var s = new Scenario(Bpmn.Process("start", "and:fork", "task:a", "task:b", "and:join", "task:after", "end",
            "start -> fork -> a -> join -> after -> end", "fork -> b -> join"));
        s.Start();
        s.Complete("a");
        s.Do(new MoveTokens("b", "a"));
        s.Complete("a");
        Assert.Equal(2, s.State!.Joins!.Single().Count);
        Assert.Empty(s.OpenTasks("after"));
    }

    [Fact]
    public void An_inclusive_gateway_forks_on_every_true_condition_and_joins_only_those()
    {
        var s = new Scenario(Bpmn.Process("start", "or:fork", "task:a", "task:b", "task:c", "or:join", "end",
            "start -> fork -[=x]-> a -> join -> end", "fork -[=y]-> b -> join", "fork -[=z]-> c -> join"));
        s.Start(new { x = true, y = false, z = true });
        Assert.Equal(["a", "c"], s.ActiveElements.Order());
        s.Complete("c");
        Assert.Equal(InstanceStatus.Active, s.State!.Status);
        s.Complete("a");
        Assert.Equal(InstanceStatus.Completed, s.State!.Status);
    }

    [Fact]
    public void An_inclusive_join_fires_when_the_other_branch_ends_elsewhere()
    {
        var s = new Scenario(Bpmn.Process("start", "and:fork", "task:a", "task:b", "xor:route", "end:elsewhere", "or:join", "end",
            "start -> fork -> a -> join -> end", "fork -> b -> route -[=stop]-> elsewhere", "route -(default)-> join"));
        s.Start();
        s.Complete("a");
        Assert.Equal(InstanceStatus.Active, s.State!.Status);
        s.Complete("b", variables: new { stop = true });
        Assert.Equal(InstanceStatus.Completed, s.State!.Status);
        Assert.EndsWith("elsewhere join end", s.Path);
    }

    [Fact]
    public void An_inclusive_gateway_with_nothing_true_and_no_default_raises_an_incident()
    {
        var s = new Scenario(Bpmn.Process("start", "or:fork", "end:a", "end:b", "start -> fork -[=x]-> a", "fork -[=y]-> b"));
        Assert.Contains(s.Start(new { x = false, y = false }).Effects, e => e is IncidentRaised { Code: "no-flow-taken" });
    }
}

public class ParallelJoinDeadlockTests
{
    [Fact]
    public void A_parallel_join_that_can_never_fire_raises_an_incident_instead_of_waiting_forever()
    {
        var s = new Scenario(Bpmn.Process("start", "and:fork", "task:a", "task:b", "xor:route", "end:elsewhere", "and:join", "end",
            "start -> fork -> a -> join -> end", "fork -> b -> route -[=stop]-> elsewhere", "route -(default)-> join"));
        s.Start();
        s.Complete("a");
        var incident = Assert.Single(s.Complete("b", variables: new { stop = true }).Effects.OfType<IncidentRaised>());
        Assert.Equal(("join", "join-deadlock"), (incident.ElementId, incident.Code));
        s.Do(new RetryIncident(incident.IncidentKey));
        Assert.Equal(InstanceStatus.Completed, s.State!.Status);
    }
}
