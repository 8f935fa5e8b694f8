using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflows.Server.Tests.Forms;
using Workflows.Server.Tests.Infrastructure;
using static Workflows.Server.Tests.Forms.FormSteps;

namespace Workflows.Server.Tests.Applications;

/// <summary>Drafts, submission and resubmission of applications made on the shipped forms.</summary>
public sealed class SubmissionTests(FormsServer server) : IClassFixture<FormsServer>
{
    [Fact]
    public async Task A_draft_saved_and_submitted_reaches_the_county_approvers_inbox()
    {
        var applicant = await server.SignInAsync("dongsheng");
        var id = await CreateAsync(applicant);
        // A half-filled draft is saved as typed.
        await (await SaveAsync(applicant, id, new { applicant_contact = "刘某", planned_premises_m2 = -5 })).ExpectAsync(HttpStatusCode.OK);
        var draft = await ApplicationAsync(applicant, id);
        Assert.Equal(-5, draft.GetProperty("data").GetProperty("planned_premises_m2").GetInt32());
        Assert.Equal("Draft", draft.GetProperty("application").GetProperty("status").GetString());

        await (await UploadToApplicationAsync(applicant, id, "site_plan", "site-plan.pdf", PdfBytes())).ExpectAsync(HttpStatusCode.Created);
        await (await SaveAsync(applicant, id, FacilityData())).ExpectAsync(HttpStatusCode.OK);
        var submitted = await (await SubmitAsync(applicant, id)).ExpectAsync(HttpStatusCode.OK);
        var application = submitted.GetProperty("application");
        Assert.Equal("InReview", application.GetProperty("status").GetString());
        Assert.Equal("肇东市东升社区 社区服务站建设申请", application.GetProperty("title").GetString());
        Assert.Equal("facility-application", application.GetProperty("processId").GetString());
        var instance = application.GetProperty("instanceId").GetGuid();

        var mine = await (await applicant.GetAsync("/api/v1/applications/mine")).ExpectAsync(HttpStatusCode.OK);
        var listed = mine.EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == id);
        Assert.Equal("InReview", listed.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(listed.GetProperty("currentSteps").GetString()));

        var (applicationId, variables) = await server.WithDbAsync(async db =>
        {
            var row = await db.WorkflowInstances.SingleAsync(i => i.Id == instance);
            return (row.ApplicationId, row.State);
        });
        Assert.Equal(id, applicationId);
        Assert.Contains("planned_premises_m2", variables);

        var street = await server.SignInAsync("dongcheng.reviewer");
        await (await street.PostJsonAsync($"/api/v1/tasks/{await TaskForAsync(street, instance)}/complete", new { outcome = "approve" })).ExpectAsync(HttpStatusCode.OK);
        var county = await server.SignInAsync("zhaodong.approver");
        Assert.Contains(await TodoAsync(county), t => t.GetProperty("instanceId").GetGuid() == instance && t.GetProperty("title").GetString() == "肇东市东升社区 社区服务站建设申请");
    }

    [Fact]
    public async Task An_invalid_submission_names_the_fields_and_leaves_the_draft_intact()
    {
        var applicant = await server.SignInAsync("dongsheng", "en");
        var data = FacilityData();
        data.Remove("applicant_contact");
        data["applicant_phone"] = "12345";
        var id = await ReadyFacilityAsync(applicant, data);
        var before = await ApplicationAsync(applicant, id);

        var problem = await (await SubmitAsync(applicant, id)).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.ErrorsFor("applicant_phone"));
        Assert.NotEmpty(problem.ErrorsFor("applicant_contact"));
        Assert.Contains(problem.GetProperty("issues").EnumerateArray(), i => i.GetProperty("code").GetString() == "REQUIRED" && i.GetProperty("path").GetString() == "applicant_contact");
        Assert.Contains("required", string.Join(" ", problem.ErrorsFor("applicant_contact")));
        Assert.Equal("https://workflows.local/problems/validation", problem.GetProperty("type").GetString());

        var after = await ApplicationAsync(applicant, id);
        Assert.Equal("Draft", after.GetProperty("application").GetProperty("status").GetString());
        Assert.Equal("12345", after.GetProperty("data").GetProperty("applicant_phone").GetString());
        Assert.Equal(before.GetProperty("application").GetProperty("version").GetInt32(), after.GetProperty("application").GetProperty("version").GetInt32());
        Assert.Null(await server.WithDbAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.InstanceId).SingleAsync()));
    }

    [Fact]
    public async Task The_same_data_passes_in_Heilongjiang_and_is_refused_in_Jilin()
    {
        // An ordinary urban community planning 400 m²: inside Heilongjiang's 300–500 m², below Jilin's 500 m² (an error since 2016).
        var heilongjiang = await server.SignInAsync("dongsheng");
        var hlj = await ReadyFacilityAsync(heilongjiang, FacilityData(plannedPremises: 400));
        var hljCheck = await (await heilongjiang.PostAsync($"/api/v1/applications/{hlj}/validate", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.True(hljCheck.GetProperty("valid").GetBoolean(), hljCheck.ToString());

        var jilin = await server.SignInAsync("xingfu.cc", "en");
        var jl = await ReadyFacilityAsync(jilin, FacilityData(plannedPremises: 400));
        var jlCheck = await (await jilin.PostAsync($"/api/v1/applications/{jl}/validate", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.False(jlCheck.GetProperty("valid").GetBoolean());
        var error = jlCheck.GetProperty("errors").EnumerateArray().Single();
        Assert.Equal("planned_premises_m2", error.GetProperty("path").GetString());
        Assert.Contains("Jilin", error.GetProperty("message").GetString());

        var refused = await (await SubmitAsync(jilin, jl)).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(refused.ErrorsFor("planned_premises_m2"));
        await (await SubmitAsync(heilongjiang, hlj)).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Warnings_are_shown_before_submitting_and_kept_with_the_submission()
    {
        // 250 m² is below Heilongjiang's target for an ordinary community: a warning, not an error.
        var applicant = await server.SignInAsync("dongsheng");
        var id = await ReadyFacilityAsync(applicant, FacilityData(plannedPremises: 250));
        var check = await (await applicant.PostAsync($"/api/v1/applications/{id}/validate", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.True(check.GetProperty("valid").GetBoolean());
        Assert.Contains(check.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("path").GetString() == "planned_premises_m2");

        var submitted = await (await SubmitAsync(applicant, id)).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(submitted.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("path").GetString() == "planned_premises_m2");
        var kept = await ApplicationAsync(applicant, id);
        Assert.Contains(kept.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("path").GetString() == "planned_premises_m2");
    }

    [Fact]
    public async Task A_hidden_field_is_dropped_and_a_computed_field_recomputed_on_the_server()
    {
        var applicant = await server.SignInAsync("dongsheng");
        var data = FacilityData(plannedPremises: 250, communityType: "rural", communityClass: "small");
        data["rc_member_count"] = 7;        // hidden for rural communities
        data["funding_total"] = 1;          // computed: the sum of the funding rows
        data["uniform_logo"] = true;
        var id = await ReadyFacilityAsync(applicant, data);
        await (await SubmitAsync(applicant, id)).ExpectAsync(HttpStatusCode.OK);

        var stored = (await ApplicationAsync(applicant, id)).GetProperty("data");
        Assert.False(stored.TryGetProperty("rc_member_count", out _));
        Assert.Equal(900000, stored.GetProperty("funding_total").GetDecimal());
        Assert.Equal(0, stored.GetProperty("funding_gap").GetDecimal());
        Assert.True(stored.GetProperty("uniform_logo").GetBoolean());
    }

    [Fact]
    public async Task An_unknown_key_is_refused()
    {
        var applicant = await server.SignInAsync("dongsheng");
        var id = await CreateAsync(applicant);
        var problem = await (await SaveAsync(applicant, id, new { applicant_contact = "刘某", is_approved = true })).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.ErrorsFor("is_approved"));
        Assert.False((await ApplicationAsync(applicant, id)).GetProperty("data").TryGetProperty("applicant_contact", out _));
    }

    [Fact]
    public async Task A_fifty_megabyte_body_and_a_hundred_thousand_rows_are_refused_quickly()
    {
        var applicant = await server.SignInAsync("dongsheng");
        var id = await CreateAsync(applicant);
        var watch = Stopwatch.StartNew();
        var huge = new ByteArrayContent(new byte[50 * 1024 * 1024]);
        huge.Headers.ContentType = new("application/json");
        var tooLarge = await applicant.PutAsync($"/api/v1/applications/{id}/data", huge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);

        var rows = new StringBuilder("{\"funding_sources\":[");
        rows.Append(string.Join(",", Enumerable.Repeat("{}", 100_000)));
        rows.Append("]}");
        var many = await applicant.PutAsync($"/api/v1/applications/{id}/data", new StringContent(rows.ToString(), Encoding.UTF8, "application/json"));
        var problem = await many.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.ErrorsFor("funding_sources"));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_script_tag_is_stored_as_text()
    {
        var applicant = await server.SignInAsync("dongsheng");
        var id = await CreateAsync(applicant);
        await (await SaveAsync(applicant, id, new { applicant_contact = "<script>alert(1)</script>" })).ExpectAsync(HttpStatusCode.OK);
        var response = await applicant.GetAsync($"/api/v1/applications/{id}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var stored = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("<script>alert(1)</script>", stored.GetProperty("data").GetProperty("applicant_contact").GetString());
    }

    [Fact]
    public async Task A_deleted_draft_is_gone_and_a_submitted_one_cannot_be_deleted()
    {
        var applicant = await server.SignInAsync("dongsheng");
        var draft = await CreateAsync(applicant);
        var other = await server.SignInAsync("xiangyang");
        await (await other.DeleteAsync($"/api/v1/applications/{draft}")).ExpectAsync(HttpStatusCode.Forbidden);
        await (await applicant.DeleteAsync($"/api/v1/applications/{draft}")).ExpectAsync(HttpStatusCode.NoContent);
        await (await applicant.GetAsync($"/api/v1/applications/{draft}")).ExpectAsync(HttpStatusCode.NotFound);

        var submitted = await ReadyFacilityAsync(applicant);
        await (await SubmitAsync(applicant, submitted)).ExpectAsync(HttpStatusCode.OK);
        await (await applicant.DeleteAsync($"/api/v1/applications/{submitted}")).ExpectAsync(HttpStatusCode.Conflict);
        await (await SubmitAsync(applicant, submitted)).ExpectAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_returned_application_is_edited_and_resubmitted_through_the_revision_task()
    {
        var applicant = await server.SignInAsync("dongsheng");
        var id = await ReadyFacilityAsync(applicant);
        var instance = (await (await SubmitAsync(applicant, id)).ExpectAsync(HttpStatusCode.OK)).GetProperty("application").GetProperty("instanceId").GetGuid();
        var street = await server.SignInAsync("dongcheng.reviewer");
        await (await street.PostJsonAsync($"/api/v1/tasks/{await TaskForAsync(street, instance)}/complete", new { outcome = "return", comment = "请补充居民会议纪要" }))
            .ExpectAsync(HttpStatusCode.OK);

        var returned = (await ApplicationAsync(applicant, id)).GetProperty("application");
        Assert.Equal("Returned", returned.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, returned.GetProperty("revisionTaskId").ValueKind);

        var bypass = await (await applicant.PostJsonAsync($"/api/v1/tasks/{returned.GetProperty("revisionTaskId").GetGuid()}/complete",
            new { outcome = "submit", variables = new { planned_premises_m2 = -1 } })).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(bypass.ErrorsFor("outcome"));

        var edited = FacilityData(plannedPremises: 480);
        edited["assembly_resolution_date"] = "2026-10-20";
        await (await SaveAsync(applicant, id, edited)).ExpectAsync(HttpStatusCode.OK);
        var resubmitted = await (await SubmitAsync(applicant, id)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("InReview", resubmitted.GetProperty("application").GetProperty("status").GetString());
        Assert.Equal(480, (await ApplicationAsync(applicant, id)).GetProperty("data").GetProperty("planned_premises_m2").GetInt32());
        Assert.Contains(await TodoAsync(street), t => t.GetProperty("instanceId").GetGuid() == instance);
        var state = await server.WithDbAsync(db => db.WorkflowInstances.Where(i => i.Id == instance).Select(i => i.State).SingleAsync());
        Assert.Contains("2026-10-20", state);
    }

    [Fact]
    public async Task Two_submits_at_once_start_one_case()
    {
        var applicant = await server.SignInAsync("dongsheng");
        var id = await ReadyFacilityAsync(applicant);
        var responses = await Task.WhenAll(SubmitAsync(applicant, id), SubmitAsync(applicant, id));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Conflict);
        Assert.Equal(1, await server.WithDbAsync(db => db.WorkflowInstances.CountAsync(i => i.ApplicationId == id)));
    }

    [Fact]
    public async Task Nobody_but_the_applicant_unit_changes_or_submits_an_application()
    {
        var applicant = await server.SignInAsync("dongsheng");
        var id = await ReadyFacilityAsync(applicant);
        var county = await server.SignInAsync("zhaodong.approver");
        await (await SaveAsync(county, id, FacilityData())).ExpectAsync(HttpStatusCode.Forbidden);
        await (await SubmitAsync(county, id)).ExpectAsync(HttpStatusCode.Forbidden);
        var otherCounty = await server.SignInAsync("qingan.approver");
        await (await otherCounty.GetAsync($"/api/v1/applications/{id}")).ExpectAsync(HttpStatusCode.Forbidden);
    }
}
