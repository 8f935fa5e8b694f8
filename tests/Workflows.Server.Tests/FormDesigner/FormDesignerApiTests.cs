using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Server.Forms;
using Workflows.Server.Tests.Forms;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.FormDesigner;

/// <summary>Drafts, publishing, comparing and rolling back forms in the form designer, through the HTTP API.</summary>
public sealed class FormDesignerApiTests(FormsServer server) : IClassFixture<FormsServer>
{
    private const string Api = "/api/v1/form-designer";

    [Fact]
    public async Task An_administrator_saves_a_draft_of_a_shipped_form_binds_an_option_list_and_publishes_it_as_the_next_version()
    {
        var admin = await server.SignInAsync("admin");
        var schema = await VersionAsync(admin, "training-record", 1);
        Components(schema).Add(Field("select", "venue_kind", "场地类型", valuesKey: "facility_kinds"));

        var saved = await (await SaveAsync(admin, "training-record", schema, basedOn: 1)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, saved.GetProperty("draft").GetProperty("basedOnVersion").GetInt32());
        Assert.Equal("系统管理员", saved.GetProperty("draft").GetProperty("savedBy").GetString());
        Assert.DoesNotContain(saved.GetProperty("problems").EnumerateArray(), p => p.GetProperty("severity").GetString() == "error");
        var list = await (await admin.GetAsync($"{Api}/forms")).ExpectAsync(HttpStatusCode.OK);
        var row = list.EnumerateArray().Single(f => f.GetProperty("formId").GetString() == "training-record");
        Assert.Equal(1, row.GetProperty("latestVersion").GetInt32());
        Assert.Equal(1, row.GetProperty("draft").GetProperty("basedOnVersion").GetInt32());

        var published = await (await admin.PostAsync($"{Api}/forms/training-record/publish", null)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(2, published.GetProperty("version").GetInt32());
        await (await admin.GetAsync($"{Api}/forms/training-record/draft")).ExpectAsync(HttpStatusCode.NotFound);

        var versions = await (await admin.GetAsync($"{Api}/forms/training-record/versions")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([2, 1], versions.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal("系统管理员", versions[0].GetProperty("publishedBy").GetString());
        Assert.Equal("designer", versions[0].GetProperty("source").GetString());
        Assert.Equal("", versions[1].GetProperty("publishedBy").GetString());

        // A new application opens the new version, with the option list bound to the new field.
        var applicant = await server.SignInAsync("dongsheng");
        var form = await (await applicant.GetAsync("/api/v1/forms/training-record")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, form.GetProperty("version").GetInt32());
        Assert.Contains(form.GetProperty("schema").GetProperty("components").EnumerateArray(), c => c.TryGetProperty("key", out var k) && k.ValueEquals("venue_kind"));
        Assert.Contains(form.GetProperty("initialData").GetProperty("facility_kinds").EnumerateArray(), o => o.GetProperty("label").GetString() == "社区服务站");
    }

    [Fact]
    public async Task A_draft_with_errors_is_kept_but_publishing_it_is_refused_with_the_problem_naming_the_field_and_nothing_is_published()
    {
        var admin = await server.SignInAsync("admin", "en");
        var schema = NewForm("designer-broken");
        Components(schema).Add(Field("textfield", "name", "名称"));
        Components(schema).Add(Field("number", "name", "重复"));
        Components(schema).Add(Field("select", "kind", "类型", valuesKey: "no_such_list"));

        var saved = await (await SaveAsync(admin, "designer-broken", schema)).ExpectAsync(HttpStatusCode.OK);
        var problems = saved.GetProperty("problems").EnumerateArray().Where(p => p.GetProperty("severity").GetString() == "error").ToList();
        Assert.Contains(problems, p => p.GetProperty("key").GetString() == "name" && p.GetProperty("location").GetString() == "components[2]");
        Assert.Contains(problems, p => p.GetProperty("key").GetString() == "kind");

        var refused = await (await admin.PostAsync($"{Api}/forms/designer-broken/publish", null)).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("invalid-form", refused.GetProperty("code").GetString());
        Assert.Contains(refused.ErrorsFor("schema.components[2]"), m => m.Contains("component \"name\""));
        Assert.Contains(refused.ErrorsFor("schema.components[3]"), m => m.Contains("no_such_list"));
        Assert.Contains(refused.GetProperty("problems").EnumerateArray(), p => p.GetProperty("key").GetString() == "kind");
        await (await admin.GetAsync("/api/v1/forms/designer-broken/versions")).ExpectAsync(HttpStatusCode.NotFound);
        // The draft is still there to be fixed.
        var draft = await (await admin.GetAsync($"{Api}/forms/designer-broken/draft")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(4, draft.GetProperty("schema").GetProperty("components").GetArrayLength());
    }

    [Theory]
    [InlineData("zh-CN", "不是有效的 JSON")]
    [InlineData("en", "not valid JSON")]
    public async Task Input_that_is_not_json_or_not_a_form_js_schema_or_too_large_is_refused_naming_the_field_in_both_languages(string language, string notJson)
    {
        var admin = await server.SignInAsync("admin", language);
        var formId = "designer-bad-" + language.ToLowerInvariant();

        var garbage = await (await admin.PutAsync($"{Api}/forms/{formId}/draft", Raw("{\"schema\": {\"id\": "))).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains(garbage.ErrorsFor("$"), m => m.Contains(notJson));
        var text = await (await admin.PutAsync($"{Api}/forms/{formId}/draft", Json(new { schema = "<bpmn:definitions/>" }))).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains(text.ErrorsFor("schema"), m => m.Contains(notJson));
        var array = await (await admin.PutAsync($"{Api}/forms/{formId}/draft", Raw("{\"schema\": [1, 2]}"))).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(array.ErrorsFor("schema"));
        var notFormJs = await (await admin.PutAsync($"{Api}/forms/{formId}/draft", Json(new { schema = new { id = formId, title = "x" } }))).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains(notFormJs.ErrorsFor("schema"), m => m.Contains("form-js"));
        var otherForm = NewForm("designer-other");
        var mismatch = await (await SaveAsync(admin, formId, otherForm)).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains(mismatch.ErrorsFor("schema.id"), m => m.Contains("designer-other"));
        var badVersion = await (await admin.PutAsync($"{Api}/forms/{formId}/draft", Json(new { schema = NewForm(formId), basedOnVersion = "two" }))).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(badVersion.ErrorsFor("basedOnVersion"));
        var badId = await (await SaveAsync(admin, "Bad Id!", NewForm("Bad Id!"))).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(badId.ErrorsFor("formId"));

        var huge = NewForm(formId);
        Components(huge).Add(new JsonObject { ["id"] = "Text_big", ["type"] = "text", ["text"] = new string('长', 5 * 1024 * 1024) });
        var tooLarge = await (await SaveAsync(admin, formId, huge)).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains(tooLarge.ErrorsFor("schema"), m => m.Contains("MB"));
        Assert.Equal("application/problem+json", (await admin.PutAsync($"{Api}/forms/{formId}/draft", Raw("nonsense"))).Content.Headers.ContentType?.MediaType);

        await (await admin.GetAsync($"{Api}/forms/{formId}/draft")).ExpectAsync(HttpStatusCode.NotFound);
        await (await admin.PostAsync($"{Api}/forms/{formId}/publish", null)).ExpectAsync(HttpStatusCode.NotFound);
        Assert.False(await server.WithDbAsync(db => db.FormDefinitions.AnyAsync(f => f.FormId == formId)));
    }

    [Fact]
    public async Task The_second_administrator_to_publish_is_told_a_newer_version_exists_who_published_it_and_what_changed()
    {
        var admin = await server.SignInAsync("admin");
        var second = await SecondAdministratorAsync(admin);
        var v1 = NewForm("designer-race");
        Components(v1).Add(Field("textfield", "contact", "联系人"));
        await (await SaveAsync(admin, "designer-race", v1)).ExpectAsync(HttpStatusCode.OK);
        await (await admin.PostAsync($"{Api}/forms/designer-race/publish", null)).ExpectAsync(HttpStatusCode.Created);

        // Both open version 1. The first adds a phone field and publishes version 2.
        var first = await VersionAsync(admin, "designer-race", 1);
        Components(first).Add(Field("textfield", "phone", "联系电话"));
        await (await SaveAsync(admin, "designer-race", first, basedOn: 1)).ExpectAsync(HttpStatusCode.OK);
        await (await admin.PostAsync($"{Api}/forms/designer-race/publish", null)).ExpectAsync(HttpStatusCode.Created);

        // The second renames the contact field, still on version 1.
        var theirs = await VersionAsync(second, "designer-race", 1);
        Components(theirs)[1]!["label"] = "负责人";
        await (await SaveAsync(second, "designer-race", theirs, basedOn: 1)).ExpectAsync(HttpStatusCode.OK);
        var conflict = await (await second.PostAsync($"{Api}/forms/designer-race/publish", null)).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("newer-version", conflict.GetProperty("code").GetString());
        Assert.Equal(2, conflict.GetProperty("latestVersion").GetInt32());
        Assert.Equal("系统管理员", conflict.GetProperty("publishedBy").GetString());
        Assert.Contains("系统管理员", conflict.GetProperty("detail").GetString());
        var added = conflict.GetProperty("theirChanges").GetProperty("added").EnumerateArray().ToList();
        Assert.Equal("phone", Assert.Single(added).GetProperty("name").GetString());
        var yours = conflict.GetProperty("yourChanges");
        Assert.Equal("phone", Assert.Single(yours.GetProperty("removed").EnumerateArray()).GetProperty("name").GetString());
        var renamed = Assert.Single(yours.GetProperty("changed").EnumerateArray());
        Assert.Equal("label", Assert.Single(renamed.GetProperty("changes").EnumerateArray()).GetProperty("property").GetString());

        var versions = await (await admin.GetAsync($"{Api}/forms/designer-race/versions")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, versions.GetArrayLength());
        // The second administrator's draft is kept.
        var draft = await (await second.GetAsync($"{Api}/forms/designer-race/draft")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("第二管理员", draft.GetProperty("draft").GetProperty("savedBy").GetString());
    }

    [Fact]
    public async Task A_draft_saved_by_another_administrator_since_is_not_overwritten_and_a_draft_can_be_thrown_away()
    {
        var admin = await server.SignInAsync("admin");
        var second = await SecondAdministratorAsync(admin);
        var schema = NewForm("designer-drafts");
        var first = await (await SaveAsync(admin, "designer-drafts", schema)).ExpectAsync(HttpStatusCode.OK);
        var revision = first.GetProperty("draft").GetProperty("revision").GetInt32();

        var refused = await (await SaveAsync(second, "designer-drafts", schema)).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("系统管理员", refused.GetProperty("savedBy").GetString());
        var accepted = await (await SaveAsync(second, "designer-drafts", schema, revision: revision)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(revision + 1, accepted.GetProperty("draft").GetProperty("revision").GetInt32());

        await (await admin.DeleteAsync($"{Api}/forms/designer-drafts/draft")).ExpectAsync(HttpStatusCode.NoContent);
        await (await admin.GetAsync($"{Api}/forms/designer-drafts/draft")).ExpectAsync(HttpStatusCode.NotFound);
        await (await admin.DeleteAsync($"{Api}/forms/designer-drafts/draft")).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Two_versions_are_compared_field_by_field_and_an_older_one_is_rolled_back_as_a_new_version()
    {
        var admin = await server.SignInAsync("admin");
        var v1 = NewForm("designer-compare");
        Components(v1).Add(Field("textfield", "contact", "联系人"));
        Components(v1).Add(Field("number", "households", "户数"));
        await PublishAsync(admin, v1, null);
        var v2 = await VersionAsync(admin, "designer-compare", 1);
        Components(v2).RemoveAt(2);
        Components(v2)[1]!["label"] = "负责人";
        Components(v2)[1]!["validate"] = new JsonObject { ["required"] = true };
        Components(v2).Add(Field("radio", "community_type", "社区类型", valuesKey: "community_types"));
        await PublishAsync(admin, v2, 1);

        var difference = await (await admin.GetAsync($"{Api}/forms/designer-compare/compare?from=1&to=2")).ExpectAsync(HttpStatusCode.OK);
        var added = Assert.Single(difference.GetProperty("added").EnumerateArray());
        Assert.Equal(("community_type", "社区类型", "radio"), (added.GetProperty("name").GetString(), added.GetProperty("label").GetString(), added.GetProperty("type").GetString()));
        Assert.Equal("households", Assert.Single(difference.GetProperty("removed").EnumerateArray()).GetProperty("name").GetString());
        var changed = Assert.Single(difference.GetProperty("changed").EnumerateArray());
        Assert.Equal("contact", changed.GetProperty("name").GetString());
        var changes = changed.GetProperty("changes").EnumerateArray().ToDictionary(c => c.GetProperty("property").GetString()!);
        Assert.Equal(("联系人", "负责人"), (changes["label"].GetProperty("from").GetString(), changes["label"].GetProperty("to").GetString()));
        Assert.Equal(JsonValueKind.Null, changes["validate"].GetProperty("from").ValueKind);

        var rolledBack = await (await admin.PostAsync($"{Api}/forms/designer-compare/versions/1/roll-back?basedOnVersion=2", null)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(3, rolledBack.GetProperty("version").GetInt32());
        var v3 = await VersionAsync(admin, "designer-compare", 3);
        Assert.True(JsonNode.DeepEquals(await VersionAsync(admin, "designer-compare", 1), v3));
        var versions = await (await admin.GetAsync($"{Api}/forms/designer-compare/versions")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("rollback:v1", versions[0].GetProperty("source").GetString());
        var same = await (await admin.GetAsync($"{Api}/forms/designer-compare/compare?from=1&to=3")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(same.GetProperty("changed").EnumerateArray());

        // A roll back started before someone else published is refused like a publish.
        await (await admin.PostAsync($"{Api}/forms/designer-compare/versions/2/roll-back?basedOnVersion=2", null)).ExpectAsync(HttpStatusCode.Conflict);
        await (await admin.PostAsync($"{Api}/forms/designer-compare/versions/9/roll-back", null)).ExpectAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync($"{Api}/forms/designer-compare/compare?from=1&to=9")).ExpectAsync(HttpStatusCode.NotFound);
        var missing = await (await admin.GetAsync($"{Api}/forms/designer-compare/compare?from=1")).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(missing.ErrorsFor("to"));
    }

    [Fact]
    public async Task The_versions_say_how_many_applications_and_cases_use_each()
    {
        var applicant = await server.SignInAsync("dongsheng");
        await FormSteps.CreateAsync(applicant, "statistical-report");
        var admin = await server.SignInAsync("admin");
        var versions = await (await admin.GetAsync($"{Api}/forms/statistical-report/versions")).ExpectAsync(HttpStatusCode.OK);
        var latest = versions[0];
        Assert.True(latest.GetProperty("applications").GetInt32() >= 1);
        Assert.Equal(latest.GetProperty("applications").GetInt32(),
            await server.WithDbAsync(db => db.Applications.CountAsync(a => a.FormId == "statistical-report" && a.FormVersion == latest.GetProperty("version").GetInt32())));
        Assert.Equal(0, latest.GetProperty("instances").GetInt32());
    }

    [Fact]
    public async Task Validating_checks_a_schema_without_saving_anything()
    {
        var admin = await server.SignInAsync("admin", "en");
        var good = NewForm("designer-validate");
        Components(good).Add(Field("checklist", "areas", "领域", valuesKey: "requirement_areas"));
        var valid = await (await admin.PostAsync($"{Api}/validate", Json(new { schema = good }))).ExpectAsync(HttpStatusCode.OK);
        Assert.True(valid.GetProperty("valid").GetBoolean());

        Components(good).Add(Field("textfield", "areas", "重复"));
        var invalid = await (await admin.PostAsync($"{Api}/validate", Json(new { schema = good.ToJsonString() }))).ExpectAsync(HttpStatusCode.OK);
        Assert.False(invalid.GetProperty("valid").GetBoolean());
        Assert.Contains(invalid.GetProperty("problems").EnumerateArray(), p => p.GetProperty("key").GetString() == "areas" && p.GetProperty("severity").GetString() == "error");
        var notFormJs = await (await admin.PostAsync($"{Api}/validate", Json(new { schema = new { components = 3 } }))).ExpectAsync(HttpStatusCode.OK);
        Assert.False(notFormJs.GetProperty("valid").GetBoolean());
        Assert.False(await server.WithDbAsync(db => db.FormDrafts.AnyAsync(d => d.FormId == "designer-validate")));
    }

    [Fact]
    public async Task The_designer_offers_the_option_lists_and_sample_data_of_a_community_for_the_preview()
    {
        var admin = await server.SignInAsync("admin");
        var lists = await (await admin.GetAsync($"{Api}/option-lists")).ExpectAsync(HttpStatusCode.OK);
        var names = lists.EnumerateArray().Select(l => l.GetProperty("name").GetString()).ToList();
        Assert.Contains("facility_kinds", names);
        Assert.Contains("unit_chain", names);
        var sample = await (await admin.GetAsync($"{Api}/sample-data")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(sample.GetProperty("facility_kinds").EnumerateArray(), o => o.GetProperty("label").GetString() == "社区服务站");
        Assert.Equal("community", sample.GetProperty("applicant").GetProperty("level").GetString());
        Assert.True(sample.GetProperty("unit_chain").GetArrayLength() >= 4);
    }

    [Theory]
    [InlineData("dongsheng")]
    [InlineData("zhaodong.approver")]
    public async Task Only_system_administrators_may_design_forms(string userName)
    {
        var someone = await server.SignInAsync(userName);
        var schema = NewForm("designer-forbidden");
        await (await someone.GetAsync($"{Api}/forms")).ExpectAsync(HttpStatusCode.Forbidden);
        await (await SaveAsync(someone, "designer-forbidden", schema)).ExpectAsync(HttpStatusCode.Forbidden);
        await (await someone.PostAsync($"{Api}/forms/facility-application/publish", null)).ExpectAsync(HttpStatusCode.Forbidden);
        await (await someone.PostAsync($"{Api}/forms/facility-application/versions/1/roll-back", null)).ExpectAsync(HttpStatusCode.Forbidden);
        await (await someone.PostAsync($"{Api}/validate", Json(new { schema }))).ExpectAsync(HttpStatusCode.Forbidden);
        await (await someone.GetAsync($"{Api}/forms/facility-application/compare?from=1&to=1")).ExpectAsync(HttpStatusCode.Forbidden);
        await (await server.CreateClient().GetAsync($"{Api}/forms")).ExpectAsync(HttpStatusCode.Unauthorized);
        Assert.False(await server.WithDbAsync(db => db.FormDrafts.AnyAsync(d => d.FormId == "designer-forbidden")));
    }

    [Fact]
    public async Task Deploying_the_shipped_forms_again_at_start_up_does_not_undo_a_version_published_in_the_designer()
    {
        var admin = await server.SignInAsync("admin");
        var schema = await VersionAsync(admin, "pilot-application", 1);
        Components(schema).Add(Field("textfield", "designer_note", "备注"));
        await PublishAsync(admin, schema, 1);

        await using var scope = server.Services.CreateAsyncScope();
        var outcomes = await scope.ServiceProvider.GetRequiredService<FormStore>().DeployFolderAsync(Path.Combine(AppContext.BaseDirectory, "forms"));
        Assert.DoesNotContain(outcomes, o => o.Outcome.Created);
        var latest = await (await admin.GetAsync($"{Api}/forms/pilot-application/versions")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, latest[0].GetProperty("version").GetInt32());
    }

    private static JsonObject NewForm(string id) => new()
    {
        ["id"] = id, ["type"] = "default", ["schemaVersion"] = 19,
        ["components"] = new JsonArray(new JsonObject { ["id"] = "Text_title", ["type"] = "text", ["text"] = "# 测试表单" }),
    };

    private static JsonObject Field(string type, string key, string label, string? valuesKey = null)
    {
        var field = new JsonObject { ["id"] = "Field_" + key, ["type"] = type, ["key"] = key, ["label"] = label };
        if (valuesKey is not null)
        {
            field["valuesKey"] = valuesKey;
        }
        return field;
    }

    private static JsonArray Components(JsonObject schema) => (JsonArray)schema["components"]!;

    private static async Task<JsonObject> VersionAsync(HttpClient client, string formId, int version) =>
        (JsonObject)JsonNode.Parse((await (await client.GetAsync($"/api/v1/forms/{formId}/versions/{version}")).ExpectAsync(HttpStatusCode.OK)).GetRawText())!;

    private static Task<HttpResponseMessage> SaveAsync(HttpClient client, string formId, JsonObject schema, int? basedOn = null, int? revision = null) =>
        client.PutAsync($"{Api}/forms/{Uri.EscapeDataString(formId)}/draft", Json(new { schema, basedOnVersion = basedOn, revision }));

    private static async Task PublishAsync(HttpClient client, JsonObject schema, int? basedOn)
    {
        var formId = schema["id"]!.GetValue<string>();
        await (await SaveAsync(client, formId, schema, basedOn)).ExpectAsync(HttpStatusCode.OK);
        await (await client.PostAsync($"{Api}/forms/{formId}/publish", null)).ExpectAsync(HttpStatusCode.Created);
    }

    private async Task<HttpClient> SecondAdministratorAsync(HttpClient admin)
    {
        var exists = await server.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "admin2"));
        if (!exists)
        {
            await (await admin.PostJsonAsync("/api/v1/users", new
            {
                userName = "admin2", displayName = "第二管理员", password = "admin2-2026-pass",
                roles = new[] { new { unitId = (Guid?)null, role = "SystemAdministrator" } },
            })).ExpectAsync(HttpStatusCode.Created);
        }
        var client = server.CreateClient();
        await (await client.PostJsonAsync("/api/v1/account/sign-in", new { userName = "admin2", password = "admin2-2026-pass" })).ExpectAsync(HttpStatusCode.OK);
        return client;
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");

    private static StringContent Raw(string body) => new(body, System.Text.Encoding.UTF8, "application/json");
}
