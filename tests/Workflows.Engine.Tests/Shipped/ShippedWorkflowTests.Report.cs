using Workflows.Engine.Timers;

namespace Workflows.Engine.Tests.Shipped;

public sealed partial class ShippedWorkflowTests
{
    private const string Report = "statistical-report.bpmn";
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static ShippedCase StartedByTheAnnualTimer()
    {
        var run = new ShippedCase(Report) { Now = new DateTimeOffset(2026, 12, 1, 9, 0, 0, China) };
        return run.Start(new { }, "annualCycle");
    }

    [Fact]
    public void Statistical_report_cycle_starts_every_first_of_December()
    {
        var definition = ShippedFiles.Deploy(Report);

        var first = Assert.Single(StartTimers.Next(definition, new DateTimeOffset(2026, 11, 23, 12, 0, 0, China), WorkingCalendar.WeekendsOnly));
        Assert.Equal(("annualCycle", new DateTimeOffset(2026, 12, 1, 9, 0, 0, China)), (first.StartEventId, first.Plan.DueAt));
        var next = Assert.Single(StartTimers.Next(definition, first.Plan.DueAt, WorkingCalendar.WeekendsOnly));
        Assert.Equal(new DateTimeOffset(2027, 12, 1, 9, 0, 0, China), next.Plan.DueAt);
    }

    [Fact]
    public void Statistical_report_is_compiled_by_the_county_by_15_February_with_reminders_before_the_window_closes()
    {
        var run = StartedByTheAnnualTimer();

        var compile = run.Task("countyCompile");
        Assert.Equal(("county", "reviewer", "statistical-report"), (compile.Assignment.Level, compile.Assignment.Role, compile.FormKey));
        Assert.Equal(new DateTimeOffset(2027, 2, 15, 17, 0, 0, China), compile.DueAt);
        Assert.Equal([new DateTimeOffset(2027, 2, 8, 17, 0, 0, China), new DateTimeOffset(2027, 2, 12, 17, 0, 0, China)], compile.Reminders);
        Assert.Equal(2026, run.State!.Variables["periodYear"].GetInt32());
    }

    [Fact]
    public void Statistical_report_approved_by_city_and_province_produces_the_report_document()
    {
        var run = StartedByTheAnnualTimer();
        run.Now = new DateTimeOffset(2027, 2, 10, 10, 0, 0, China);
        run.Complete("countyCompile", "submit", new { communities_total = 686, communities_meeting_standard = 219 });
        Assert.Equal(new DateTimeOffset(2027, 2, 28, 17, 0, 0, China), run.Task("cityReview").DueAt);
        Assert.Equal("approve,return", run.Task("cityReview").Headers["outcomes"]);
        run.Complete("cityReview", "approve");
        Assert.Equal(new DateTimeOffset(2027, 3, 15, 17, 0, 0, China), run.Task("provinceReview").DueAt);
        run.Complete("provinceReview", "approve").AnswerServiceCalls();

        var report = Assert.Single(run.Calls, c => c.Type == "document");
        Assert.Equal(("reportDocument", "statistical-report", "county"), (report.ElementId, report.Headers["template"], report.Headers["issuer"]));
        Assert.Equal(686, report.Variables.GetProperty("communities_total").GetInt32());
        Assert.Equal("county:reviewer", Assert.Single(run.CallsOf("notifyAccepted")).Headers["to"]);
        Assert.Equal("accepted", run.Left[^1]);
    }

    [Fact]
    public void Statistical_report_returned_by_the_province_goes_to_the_city_and_by_the_city_to_the_county()
    {
        var run = StartedByTheAnnualTimer();
        run.Complete("countyCompile", "submit");
        run.Complete("cityReview", "approve");
        run.Complete("provinceReview", "return", new { comment = "达标率与明细不符" });
        Assert.Equal(["cityReview"], run.OpenTaskElements);
        run.Complete("cityReview", "return", new { comment = "请核对达标社区数" });
        Assert.Equal(["countyCompile"], run.OpenTaskElements);
        Assert.Empty(run.Calls);
    }

    [Fact]
    public void Statistical_report_not_submitted_by_the_deadline_is_reported_to_the_city()
    {
        var run = StartedByTheAnnualTimer();
        Assert.Equal(new DateTimeOffset(2027, 2, 15, 17, 0, 0, China), run.Timer("countyCompileOverdue").DueAt);
        run.Fire("countyCompileOverdue");

        var escalation = Assert.Single(run.CallsOf("countyCompileEscalate"));
        Assert.Equal(("city:approver", "report-overdue"), (escalation.Headers["to"], escalation.Headers["template"]));
        run.AnswerServiceCalls();
        Assert.Equal(["countyCompile"], run.OpenTaskElements);
    }

    [Fact]
    public void Statistical_report_started_by_hand_for_an_earlier_year_keeps_that_year()
    {
        var run = new ShippedCase(Report) { Now = new DateTimeOffset(2026, 1, 5, 9, 0, 0, China) }.Start(new { periodYear = 2025 });

        Assert.Equal(new DateTimeOffset(2026, 2, 15, 17, 0, 0, China), run.Task("countyCompile").DueAt);
    }
}
