namespace Workflows.Engine.Tests.Shipped;

public sealed partial class ShippedWorkflowTests
{
    private const string Pilot = "pilot-village-application.bpmn";

    private static object PilotApplication(string level, string programme) => new
    {
        applicantUser = "qingan-applicant",
        applying_unit = "庆安县某村",
        level,
        programme,
    };

    [Fact]
    public void Experimental_village_is_decided_by_the_township_and_filed_with_the_county()
    {
        var run = new ShippedCase(Pilot).Start(PilotApplication("village", "experimental_village"));
        var review = run.Task("townshipReview");
        Assert.Equal(("township", "approver", "pilot-application"), (review.Assignment.Level, review.Assignment.Role, review.FormKey));

        run.Complete("townshipReview", "approve").AnswerServiceCalls();

        var designation = Assert.Single(run.Calls, c => c.Type == "document");
        Assert.Equal(("townshipDesignation", "pilot-designation", "township"),
            (designation.ElementId, designation.Headers["template"], designation.Headers["issuer"]));
        Assert.Equal("county:reviewer", Assert.Single(run.CallsOf("countyFiling")).Headers["to"]);
        Assert.Equal("applicant", Assert.Single(run.CallsOf("notifyApproved")).Headers["to"]);
        Assert.True(run.IsCompleted);
        Assert.DoesNotContain("countyReview", run.Left);
    }

    [Fact]
    public void Harmonious_community_goes_up_to_the_province_through_a_panel_countersign_and_gets_the_provinces_notice()
    {
        var run = new ShippedCase(Pilot).Start(PilotApplication("community", "harmonious_community"));
        run.Complete("townshipReview", "approve");
        run.Complete("countyReview", "approve");
        run.Complete("cityReview", "approve");
        Assert.Equal(("province", "reviewer"), (run.Task("panelSetup").Assignment.Level, run.Task("panelSetup").Assignment.Role));
        run.Complete("panelSetup", "submit", new { panelReviewers = new[] { "expert-a", "expert-b", "expert-c" } });

        var panel = run.Tasks("panelCountersign");
        Assert.Equal(["expert-a", "expert-b", "expert-c"], panel.Select(t => t.Assignment.Assignee));
        Assert.All(panel, t => Assert.Equal("approve,reject", t.Headers["outcomes"]));
        run.Complete(panel[0], "approve");
        Assert.Equal(2, run.Tasks("panelCountersign").Count);
        run.Complete(panel[2], "approve");

        // two of three agree: the countersign is decided, the third opinion is no longer needed
        Assert.Empty(run.Tasks("panelCountersign"));
        Assert.Contains(run.Effects, e => e is Workflows.Engine.Execution.UserTaskCancelled c && c.TaskKey == panel[1].TaskKey);
        Assert.Equal("[\"approve\",null,\"approve\"]", run.State!.Variables["panelOpinions"].GetRawText());
        Assert.Equal(("province", "approver"), (run.Task("provinceReview").Assignment.Level, run.Task("provinceReview").Assignment.Role));

        run.Complete("provinceReview", "approve").AnswerServiceCalls();
        var notice = Assert.Single(run.Calls, c => c.Type == "document");
        Assert.Equal(("provinceNotice", "official-notice", "province"), (notice.ElementId, notice.Headers["template"], notice.Headers["issuer"]));
        Assert.Equal("approved", run.Left[^1]);
    }

    [Fact]
    public void Panel_countersign_ends_as_soon_as_a_majority_can_no_longer_agree()
    {
        var run = new ShippedCase(Pilot).Start(PilotApplication("county", "demo_county"));
        run.Complete("cityReview", "approve");
        run.Complete("panelSetup", "submit", new { panelReviewers = new[] { "expert-a", "expert-b", "expert-c", "expert-d" } });
        var panel = run.Tasks("panelCountersign");
        run.Complete(panel[0], "reject");
        run.Complete(panel[1], "approve");
        Assert.Equal(2, run.Tasks("panelCountersign").Count);
        run.Complete(panel[3], "reject");

        Assert.Empty(run.Tasks("panelCountersign"));
        run.Complete("provinceReview", "reject", new { comment = "专家评审未过半数同意" }).AnswerServiceCalls();
        Assert.Equal("rejected", run.Left[^1]);
        Assert.DoesNotContain(run.Calls, c => c.Type == "document");
    }

    [Fact]
    public void Demonstration_township_starts_at_the_county_which_decides()
    {
        var run = new ShippedCase(Pilot).Start(PilotApplication("township", "demo_township"));
        Assert.Equal(["countyReview"], run.OpenTaskElements);

        run.Complete("countyReview", "approve").AnswerServiceCalls();
        var designation = Assert.Single(run.Calls, c => c.Type == "document");
        Assert.Equal(("countyDesignation", "county"), (designation.ElementId, designation.Headers["issuer"]));
        Assert.True(run.IsCompleted);
    }

    [Theory]
    [InlineData("township", "countyReview")]
    [InlineData("county", "cityReview")]
    [InlineData("community", "townshipReview")]
    public void The_applicant_units_level_in_the_organisation_tree_decides_where_the_chain_starts(string unitLevel, string firstStep)
    {
        var run = new ShippedCase(Pilot).Start(new
        {
            applicantUser = "applicant",
            applicant = new { unitName = "申报单位", level = unitLevel },
            level = "village",
            programme = "harmonious_community",
        });

        Assert.Equal([firstStep], run.OpenTaskElements);
    }

    [Fact]
    public void Demonstration_county_starts_at_the_city()
    {
        var run = new ShippedCase(Pilot).Start(PilotApplication("county", "demo_county"));
        Assert.Equal(["cityReview"], run.OpenTaskElements);
    }

    [Fact]
    public void Pilot_application_returned_by_the_city_goes_back_to_the_applicant_and_then_up_from_the_township_again()
    {
        var run = new ShippedCase(Pilot).Start(PilotApplication("community", "harmonious_community"));
        run.Complete("townshipReview", "approve");
        run.Complete("countyReview", "approve");
        run.Complete("cityReview", "return", new { comment = "请补充规划文件" });

        var revision = run.Task("revise");
        Assert.Equal(("qingan-applicant", "submit", "pilot-application"), (revision.Assignment.Assignee, revision.Headers["outcomes"], revision.FormKey));
        run.Complete("revise", "submit");
        Assert.Equal(["townshipReview"], run.OpenTaskElements);
    }

    [Fact]
    public void Pilot_application_rejected_by_the_county_tells_the_applicant()
    {
        var run = new ShippedCase(Pilot).Start(PilotApplication("village", "harmonious_community"));
        run.Complete("townshipReview", "approve");
        run.Complete("countyReview", "reject", new { comment = "尚不具备条件" }).AnswerServiceCalls();

        var notice = Assert.Single(run.Calls);
        Assert.Equal(("notifyRejected", "applicant"), (notice.ElementId, notice.Headers["to"]));
        Assert.Equal("rejected", run.Left[^1]);
    }
}
