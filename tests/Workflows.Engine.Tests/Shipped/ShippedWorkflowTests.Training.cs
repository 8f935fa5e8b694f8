namespace Workflows.Engine.Tests.Shipped;

public sealed partial class ShippedWorkflowTests
{
    private const string Training = "training-record.bpmn";

    private static object TrainingRecord() => new
    {
        applicantUser = "xiaochun-applicant",
        worker_name = "王某",
        role = "rc_director",
        year = 2026,
        sessions = new[] { new { title = "社区工作者业务培训", kind = "business_training", hours = 16, attendance = "present" } },
    };

    [Fact]
    public void Training_record_confirmed_by_the_township_gets_a_certificate_and_is_counted_by_the_county()
    {
        var run = new ShippedCase(Training).Start(TrainingRecord());
        var confirm = run.Task("townshipConfirm");
        Assert.Equal(("township", "reviewer", "training-record"), (confirm.Assignment.Level, confirm.Assignment.Role, confirm.FormKey));
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 9, 0, 0, TimeSpan.FromHours(8)), confirm.DueAt);

        run.Complete("townshipConfirm", "approve").AnswerServiceCalls();
        var certificate = Assert.Single(run.Calls, c => c.Type == "document");
        Assert.Equal(("certificate", "training-certificate", "township"),
            (certificate.ElementId, certificate.Headers["template"], certificate.Headers["issuer"]));
        Assert.Equal("applicant", Assert.Single(run.CallsOf("notifyConfirmed")).Headers["to"]);

        var count = run.Task("countyCount");
        Assert.Equal(("county", "reviewer", "approve"), (count.Assignment.Level, count.Assignment.Role, count.Headers["outcomes"]));
        run.Complete("countyCount", "approve");
        Assert.True(run.IsCompleted);
        Assert.Equal("counted", run.Left[^1]);
    }

    [Fact]
    public void Training_record_returned_by_the_township_goes_back_to_the_community_and_is_confirmed_after_correction()
    {
        var run = new ShippedCase(Training).Start(TrainingRecord());
        run.Complete("townshipConfirm", "return", new { comment = "请上传签到表" });
        var revision = run.Task("revise");
        Assert.Equal(("xiaochun-applicant", "submit", "training-record"), (revision.Assignment.Assignee, revision.Headers["outcomes"], revision.FormKey));

        run.Complete("revise", "submit", new { sign_in_sheet = "upload-1" });
        run.Complete("townshipConfirm", "approve").AnswerServiceCalls();
        Assert.Single(run.CallsOf("certificate"));
        Assert.Equal(["countyCount"], run.OpenTaskElements);
    }

    [Fact]
    public void Training_record_not_confirmed_tells_the_community_and_issues_no_certificate()
    {
        var run = new ShippedCase(Training).Start(TrainingRecord());
        run.Complete("townshipConfirm", "reject", new { comment = "未参加该培训" }).AnswerServiceCalls();

        Assert.Equal("notifyRejected", Assert.Single(run.Calls).ElementId);
        Assert.Equal("rejected", run.Left[^1]);
    }

    [Fact]
    public void Overdue_training_confirmation_is_reported_to_the_county()
    {
        var run = new ShippedCase(Training).Start(TrainingRecord());
        Assert.Equal(new DateTimeOffset(2026, 3, 12, 9, 0, 0, TimeSpan.FromHours(8)), run.Timer("townshipConfirmOverdue").DueAt);
        run.Fire("townshipConfirmOverdue");

        Assert.Equal("county:reviewer", Assert.Single(run.CallsOf("townshipConfirmEscalate")).Headers["to"]);
        run.AnswerServiceCalls();
        Assert.Equal(["townshipConfirm"], run.OpenTaskElements);
    }
}
