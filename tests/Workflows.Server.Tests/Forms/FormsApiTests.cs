using System.Net;
using System.Text.Json.Nodes;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Forms;

/// <summary>Form definitions deployed and versioned, the form as the viewer opens it, option lists.</summary>
public sealed class FormsApiTests(FormsServer server) : IClassFixture<FormsServer>
{
    [Fact]
    public async Task The_shipped_forms_are_deployed_with_the_workflow_each_starts()
    {
        var client = await server.SignInAsync("dongsheng");
        var forms = await (await client.GetAsync("/api/v1/forms")).ExpectAsync(HttpStatusCode.OK);
        var starts = forms.EnumerateArray().ToDictionary(f => f.GetProperty("formId").GetString()!, f => f.GetProperty("processId").GetString());
        Assert.Equal("facility-application", starts["facility-application"]);
        Assert.Equal("pilot-village-application", starts["pilot-application"]);
        Assert.Equal("training-record", starts["training-record"]);
        Assert.Equal("statistical-report", starts["statistical-report"]);
    }

    [Fact]
    public async Task A_form_opens_with_the_applicants_initial_data()
    {
        var client = await server.SignInAsync("dongsheng");
        var form = await (await client.GetAsync("/api/v1/forms/facility-application")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("facility-application", form.GetProperty("schema").GetProperty("id").GetString());
        var initial = form.GetProperty("initialData");
        Assert.Equal("东升社区", initial.GetProperty("applicant_unit").GetString());
        Assert.Contains(initial.GetProperty("community_types").EnumerateArray(), o => o.GetProperty("value").GetString() == "urban");
        Assert.Equal(5, initial.GetProperty("unit_chain").GetArrayLength());
        Assert.Equal("community", initial.GetProperty("applicant").GetProperty("level").GetString());
        Assert.Equal("肇东市东升社区", initial.GetProperty("applicant").GetProperty("label").GetString());

        var chain = await (await client.GetAsync("/api/v1/forms/options/unit_chain")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["黑龙江省", "绥化市", "肇东市", "东城街道", "东升社区"], chain.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("label").GetString()));
        var kinds = await (await client.GetAsync("/api/v1/forms/options/facility_kinds")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(kinds.GetProperty("entries").EnumerateArray(), e => e.GetProperty("label").GetString() == "社区服务站");
        await (await client.GetAsync("/api/v1/forms/options/no_such_list")).ExpectAsync(HttpStatusCode.NotFound);
        var otherCounty = await server.UnitIdAsync("231224");
        await (await client.GetAsync($"/api/v1/forms/options/unit_chain?unitId={otherCounty}")).ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_form_is_deployed_by_upload_versioned_and_refused_when_it_has_errors()
    {
        var admin = await server.SignInAsync("admin", "en");
        var form = new JsonObject
        {
            ["id"] = "upload-test", ["type"] = "default", ["schemaVersion"] = 19,
            ["components"] = new JsonArray(
                new JsonObject { ["id"] = "name", ["type"] = "textfield", ["key"] = "name", ["label"] = "名称" }),
        };
        var created = await (await admin.PostRawJsonAsync("/api/v1/forms", form.ToJsonString())).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(1, created.GetProperty("version").GetProperty("version").GetInt32());
        var again = await (await admin.PostRawJsonAsync("/api/v1/forms", form.ToJsonString())).ExpectAsync(HttpStatusCode.OK);
        Assert.False(again.GetProperty("created").GetBoolean());

        ((JsonArray)form["components"]!).Add(new JsonObject { ["id"] = "name2", ["type"] = "number", ["key"] = "name", ["label"] = "重复" });
        var refused = await (await admin.PostRawJsonAsync("/api/v1/forms", form.ToJsonString())).ExpectAsync(HttpStatusCode.BadRequest);
        var messages = refused.GetProperty("errors").EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(m => m.GetString()!)).ToList();
        Assert.Contains(messages, m => m.Contains("name2"));
        var versions = await (await admin.GetAsync("/api/v1/forms/upload-test/versions")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, versions.GetArrayLength());

        ((JsonArray)form["components"]!).RemoveAt(1);
        form["components"]![0]!["label"] = "单位名称";
        await (await admin.PostRawJsonAsync("/api/v1/forms", form.ToJsonString())).ExpectAsync(HttpStatusCode.Created);
        var json = await (await admin.GetAsync("/api/v1/forms/upload-test/versions/2")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("单位名称", json.GetProperty("components")[0].GetProperty("label").GetString());

        var applicant = await server.SignInAsync("dongsheng");
        await (await applicant.PostRawJsonAsync("/api/v1/forms", form.ToJsonString())).ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_draft_is_checked_against_the_form_version_it_was_started_with()
    {
        var admin = await server.SignInAsync("admin");
        var v1 = new JsonObject
        {
            ["id"] = "versioned-test", ["type"] = "default", ["schemaVersion"] = 19,
            ["components"] = new JsonArray(new JsonObject { ["id"] = "a", ["type"] = "textfield", ["key"] = "a", ["label"] = "甲" }),
        };
        await (await admin.PostRawJsonAsync("/api/v1/forms", v1.ToJsonString())).ExpectAsync(HttpStatusCode.Created);
        var applicant = await server.SignInAsync("dongsheng");
        var draft = await FormSteps.CreateAsync(applicant, "versioned-test", new { a = "一" });

        var v2 = (JsonObject)v1.DeepClone();
        v2["components"] = new JsonArray(new JsonObject { ["id"] = "b", ["type"] = "textfield", ["key"] = "b", ["label"] = "乙" });
        await (await admin.PostRawJsonAsync("/api/v1/forms", v2.ToJsonString())).ExpectAsync(HttpStatusCode.Created);

        // Field "a" exists only in version 1, the version of the draft.
        await (await FormSteps.SaveAsync(applicant, draft, new { a = "二" })).ExpectAsync(HttpStatusCode.OK);
        var application = await FormSteps.ApplicationAsync(applicant, draft);
        Assert.Equal(1, application.GetProperty("application").GetProperty("formVersion").GetInt32());
        // This form starts no workflow: it cannot be submitted.
        await (await FormSteps.SubmitAsync(applicant, draft)).ExpectAsync(HttpStatusCode.Conflict);
    }
}
