namespace Workflows.Engine.Tests.Shipped;

public sealed partial class ShippedWorkflowTests
{
    private const string Facility = "facility-application.bpmn";

    private static object FacilityApplication(decimal budget = 300_000m, decimal area = 450m, params string[] sources) => new
    {
        applicantUser = "yonghuan-applicant",
        applicant_unit = "永环社区",
        facility_kind = "community_service_station",
        planned_premises_m2 = area,
        total_budget = budget,
        funding_sources = (sources.Length == 0 ? ["county", "self_raised"] : sources)
            .Select(s => new { source = s, amount = budget / Math.Max(sources.Length, 2) }).ToArray(),
    };

    private static ShippedCase ApprovedUpToTheCounty(object application)
    {
        var run = new ShippedCase(Facility).Start(application);
        run.Complete("townshipReview", "approve");
        return run.Complete("countyReview", "approve");
    }

    [Fact]
    public void Facility_application_opens_a_township_review_with_form_due_date_and_reminders()
    {
        var run = new ShippedCase(Facility).Start(FacilityApplication());
        var task = run.Task("townshipReview");

        Assert.Equal(("township", "reviewer"), (task.Assignment.Level, task.Assignment.Role));
        Assert.Equal("facility-application", task.FormKey);
        // ten working days from Monday 2 March 2026: Monday 16 March, with reminders two and one working day before
        Assert.Equal(new DateTimeOffset(2026, 3, 16, 9, 0, 0, TimeSpan.FromHours(8)), task.DueAt);
        Assert.Equal([new DateTimeOffset(2026, 3, 12, 9, 0, 0, TimeSpan.FromHours(8)), new DateTimeOffset(2026, 3, 13, 9, 0, 0, TimeSpan.FromHours(8))],
            task.Reminders);
        Assert.Equal(new DateTimeOffset(2026, 3, 19, 9, 0, 0, TimeSpan.FromHours(8)), run.Timer("townshipReviewOverdue").DueAt);
    }

    [Fact]
    public void Facility_application_within_county_means_is_decided_by_the_county_with_a_county_reply()
    {
        var run = ApprovedUpToTheCounty(FacilityApplication()).AnswerServiceCalls();

        var reply = Assert.Single(run.Calls, c => c.Type == "document");
        Assert.Equal("replyByCounty", reply.ElementId);
        Assert.Equal("official-reply", reply.Headers["template"]);
        Assert.Equal("county", reply.Headers["issuer"]);
        var notice = Assert.Single(run.CallsOf("notifyApproved"));
        Assert.Equal("applicant", notice.Headers["to"]);
        Assert.True(run.IsCompleted);
        Assert.Equal("approved", run.Left[^1]);
        Assert.DoesNotContain("cityReview", run.Left);
    }

    [Fact]
    public void Facility_application_approved_all_the_way_with_a_provincial_reward_gets_the_provinces_reply()
    {
        var run = ApprovedUpToTheCounty(FacilityApplication(800_000m, 500m, "provincial_reward", "county"));
        Assert.Equal(("city", "approver"), (run.Task("cityReview").Assignment.Level, run.Task("cityReview").Assignment.Role));
        run.Complete("cityReview", "approve");
        var province = run.Task("provinceReview");
        Assert.Equal(("province", "approver"), (province.Assignment.Level, province.Assignment.Role));
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 9, 0, 0, TimeSpan.FromHours(8)), province.DueAt);
        run.Complete("provinceReview", "approve").AnswerServiceCalls();

        var reply = Assert.Single(run.Calls, c => c.Type == "document");
        Assert.Equal(("replyByProvince", "official-reply", "province"), (reply.ElementId, reply.Headers["template"], reply.Headers["issuer"]));
        Assert.Equal("approved", run.Left[^1]);
        Assert.Equal(["townshipReview", "countyReview", "cityReview", "provinceReview"],
            run.Left.Where(id => id.EndsWith("Review", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(300_000, 450, "city")]
    [InlineData(1_200_000, 450, "county")]
    [InlineData(300_000, 1_200, "county")]
    public void Facility_application_with_city_funds_or_a_large_budget_or_area_is_decided_by_the_city(int budget, int area, string source)
    {
        var run = ApprovedUpToTheCounty(FacilityApplication(budget, area, source, "self_raised"));
        run.Complete("cityReview", "approve").AnswerServiceCalls();

        var reply = Assert.Single(run.Calls, c => c.Type == "document");
        Assert.Equal(("replyByCity", "city"), (reply.ElementId, reply.Headers["issuer"]));
        Assert.DoesNotContain("provinceReview", run.Left);
    }

    [Fact]
    public void Facility_application_without_budget_or_funding_data_stays_with_the_county()
    {
        var run = ApprovedUpToTheCounty(new { applicantUser = "yonghuan-applicant" }).AnswerServiceCalls();

        Assert.Equal("replyByCounty", Assert.Single(run.Calls, c => c.Type == "document").ElementId);
        Assert.True(run.IsCompleted);
    }

    [Fact]
    public void Facility_application_rejected_at_the_county_tells_the_applicant_and_generates_no_reply()
    {
        var run = new ShippedCase(Facility).Start(FacilityApplication());
        run.Complete("townshipReview", "approve");
        run.Complete("countyReview", "reject", new { comment = "用房面积不足" }).AnswerServiceCalls();

        var notice = Assert.Single(run.Calls);
        Assert.Equal(("notifyRejected", "notify", "applicant", "application-rejected"),
            (notice.ElementId, notice.Type, notice.Headers["to"], notice.Headers["template"]));
        Assert.True(run.IsCompleted);
        Assert.Equal("rejected", run.Left[^1]);
        Assert.DoesNotContain(run.Effects, e => e is Workflows.Engine.Execution.TimerScheduled t && t.ElementId == "cityReviewOverdue");
    }

    [Fact]
    public void Facility_application_returned_by_the_county_goes_to_the_applicant_and_after_resubmission_starts_again_at_the_township()
    {
        var run = new ShippedCase(Facility).Start(FacilityApplication());
        run.Complete("townshipReview", "approve");
        run.Complete("countyReview", "return", new { comment = "请补充居民代表大会决议" });

        var revision = run.Task("revise");
        Assert.Equal("yonghuan-applicant", revision.Assignment.Assignee);
        Assert.Equal("submit", revision.Headers["outcomes"]);
        Assert.Equal("facility-application", revision.FormKey);
        Assert.Empty(run.Calls);

        run.Complete("revise", "submit", new { assembly_resolution_date = "2026-03-05" });
        run.Complete("townshipReview", "approve");
        run.Complete("countyReview", "approve").AnswerServiceCalls();
        Assert.Equal(2, run.Left.Count(id => id == "countyReview"));
        Assert.Equal("approved", run.Left[^1]);
    }

    [Fact]
    public void Overdue_county_review_escalates_to_the_city_and_stays_open()
    {
        var run = new ShippedCase(Facility).Start(FacilityApplication());
        run.Complete("townshipReview", "approve");
        var review = run.Task("countyReview");

        run.Fire("countyReviewOverdue");
        var escalation = Assert.Single(run.CallsOf("countyReviewEscalate"));
        Assert.Equal(("notify", "city:approver", "task-overdue"), (escalation.Type, escalation.Headers["to"], escalation.Headers["template"]));
        run.AnswerServiceCalls();
        Assert.Equal(review.TaskKey, run.Task("countyReview").TaskKey);
        Assert.False(run.IsCompleted);

        run.Complete("countyReview", "approve").AnswerServiceCalls();
        Assert.True(run.IsCompleted);
    }
}
