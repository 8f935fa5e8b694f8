using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Workflows.Server.Seeding;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Designer;

public sealed class DesignerApiTests(WorkflowsServer server) : IClassFixture<WorkflowsServer>
{
    private static StringContent Xml(string xml) => new(xml, Encoding.UTF8, "application/xml");

    private static string Workflow(string processId, string reviewName = "县级审核", string extra = "") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="{processId}" name="设计器测试" isExecutable="true">
            <bpmn:startEvent id="start" name="提交" />
            <bpmn:userTask id="review" name="{reviewName}">
              <bpmn:extensionElements>
                <zeebe:assignmentDefinition candidateGroups="county:approver" />
                <zeebe:formDefinition formId="facility-application" />
              </bpmn:extensionElements>
            </bpmn:userTask>
            {extra}
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
            <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private async Task<HttpClient> SecondAdministratorAsync()
    {
        var admin = await server.SignInAsync("admin");
        var created = await admin.PostAsJsonAsync("/api/v1/users", new
        {
            userName = "designer2", displayName = "第二位管理员", password = DemoData.Password, roles = new[] { new { role = "SystemAdministrator" } },
        });
        Assert.True(created.IsSuccessStatusCode || created.StatusCode == HttpStatusCode.Conflict, await created.Content.ReadAsStringAsync());
        return await server.SignInAsync("designer2");
    }

    [Fact]
    public async Task A_draft_is_saved_with_its_problems_then_published_and_the_versions_name_the_publisher()
    {
        var admin = await server.SignInAsync("admin");
        var saved = await (await admin.PutAsync("/api/v1/designer/workflows/designed-a/draft", Xml(Workflow("designed-a")))).ExpectAsync(HttpStatusCode.OK);
        Assert.True(saved.GetProperty("valid").GetBoolean());
        await (await admin.PutAsync("/api/v1/designer/workflows/designed-a/draft", Xml(Workflow("designed-a", "县级复核")))).ExpectAsync(HttpStatusCode.OK);
        var design = await (await admin.GetAsync("/api/v1/designer/workflows/designed-a")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("系统管理员", design.GetProperty("draft").GetProperty("savedBy").GetString());
        Assert.Contains("县级复核", design.GetProperty("draft").GetProperty("xml").GetString());
        Assert.Equal(1, await server.WithDbAsync(db => db.WorkflowDrafts.CountAsync(d => d.ProcessId == "designed-a")));
        Assert.Equal(JsonValueKind.Null, design.GetProperty("latestVersion").ValueKind);

        var published = await (await admin.PostAsync("/api/v1/designer/workflows/designed-a/publish", Xml(Workflow("designed-a")))).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(1, published.GetProperty("version").GetInt32());
        design = await (await admin.GetAsync("/api/v1/designer/workflows/designed-a")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, design.GetProperty("draft").ValueKind);
        var versions = await (await admin.GetAsync("/api/v1/workflows/designed-a/versions")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("系统管理员", versions[0].GetProperty("publishedBy").GetString());
        Assert.Equal(0, versions[0].GetProperty("runningInstances").GetInt32());
    }

    [Fact]
    public async Task An_unsupported_element_is_refused_naming_the_element_in_both_languages_and_nothing_is_published()
    {
        var admin = await server.SignInAsync("admin");
        var english = await server.SignInAsync("admin", "en");
        var xml = Workflow("designed-script", extra: """<bpmn:scriptTask id="calculate" name="计算金额" />""");
        var problem = await (await admin.PostAsync("/api/v1/designer/workflows/designed-script/publish", Xml(xml))).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.ErrorsFor("elements[calculate]"));
        var listed = problem.GetProperty("problems").EnumerateArray().Single(p => p.GetProperty("elementId").GetString() == "calculate");
        Assert.Equal("Error", listed.GetProperty("severity").GetString());
        Assert.Matches("[\u4e00-\u9fff]", listed.GetProperty("messageZh").GetString()!);
        Assert.Contains("script", listed.GetProperty("messageEn").GetString()!, StringComparison.OrdinalIgnoreCase);
        var inEnglish = await (await english.PostAsync("/api/v1/designer/workflows/designed-script/publish", Xml(xml))).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.DoesNotMatch("[\u4e00-\u9fff]", inEnglish.ErrorsFor("elements[calculate]")[0]);
        await (await admin.GetAsync("/api/v1/workflows/designed-script/versions")).ExpectAsync(HttpStatusCode.NotFound);

        var check = await (await admin.PostAsync("/api/v1/designer/validate", Xml(xml))).ExpectAsync(HttpStatusCode.OK);
        Assert.False(check.GetProperty("valid").GetBoolean());
        Assert.Contains(check.GetProperty("problems").EnumerateArray(), p => p.GetProperty("elementId").GetString() == "calculate");
    }

    [Fact]
    public async Task A_file_that_is_not_bpmn_or_too_large_is_refused_clearly()
    {
        var admin = await server.SignInAsync("admin");
        var notXml = await (await admin.PostAsync("/api/v1/designer/workflows/designed-bad/publish", Xml("this is a spreadsheet"))).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(notXml.ErrorsFor("file"));
        var html = await (await admin.PostAsync("/api/v1/designer/workflows/designed-bad/publish", Xml("<html><body /></html>"))).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains(html.GetProperty("problems").EnumerateArray(), p => p.GetProperty("code").GetString() == "not-bpmn");
        await (await admin.PutAsync("/api/v1/designer/workflows/designed-bad/draft", Xml("not xml at all"))).ExpectAsync(HttpStatusCode.BadRequest);

        var huge = new string(' ', 20 * 1024 * 1024 + 10);
        var tooLarge = await (await admin.PostAsync("/api/v1/designer/workflows/designed-bad/publish", Xml(Workflow("designed-bad") + huge))).ExpectAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("20 MB", tooLarge.GetProperty("detail").GetString());
        var multipart = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(huge)), "file", "big.bpmn" } };
        await (await admin.PostAsync("/api/v1/designer/validate", multipart)).ExpectAsync(HttpStatusCode.RequestEntityTooLarge);
        await (await admin.GetAsync("/api/v1/workflows/designed-bad/versions")).ExpectAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync("/api/v1/designer/workflows/designed-bad")).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_second_administrator_to_save_is_told_a_newer_version_exists_by_whom_and_what_differs()
    {
        var first = await server.SignInAsync("admin");
        var second = await SecondAdministratorAsync();
        await (await first.PostAsync("/api/v1/designer/workflows/designed-race/publish", Xml(Workflow("designed-race")))).ExpectAsync(HttpStatusCode.Created);

        // Both open version 1; the second administrator publishes first.
        await (await second.PostAsync("/api/v1/designer/workflows/designed-race/publish?basedOn=1", Xml(Workflow("designed-race", "县级复核")))).ExpectAsync(HttpStatusCode.Created);
        var conflict = await (await first.PutAsync("/api/v1/designer/workflows/designed-race/draft?basedOn=1", Xml(Workflow("designed-race", "县级初审")))).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal(2, conflict.GetProperty("latestVersion").GetInt32());
        Assert.Equal("第二位管理员", conflict.GetProperty("publishedBy").GetString());
        Assert.Contains("第二位管理员", conflict.GetProperty("detail").GetString());
        var changed = conflict.GetProperty("theirChanges").GetProperty("changed").EnumerateArray().Single();
        Assert.Equal("review", changed.GetProperty("id").GetString());
        Assert.Contains(changed.GetProperty("changes").EnumerateArray(), c => c.GetString() == "name: 县级审核 → 县级复核");
        Assert.Equal("review", conflict.GetProperty("yourChanges").GetProperty("changed")[0].GetProperty("id").GetString());

        await (await first.PostAsync("/api/v1/designer/workflows/designed-race/publish?basedOn=1", Xml(Workflow("designed-race", "县级初审")))).ExpectAsync(HttpStatusCode.Conflict);
        await (await first.PostAsync("/api/v1/designer/workflows/designed-race/publish?basedOn=2", Xml(Workflow("designed-race", "县级初审")))).ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Two_versions_compare_element_by_element_and_rolling_back_publishes_the_older_one_again()
    {
        var admin = await server.SignInAsync("admin");
        await (await admin.PostAsync("/api/v1/designer/workflows/designed-roll/publish", Xml(Workflow("designed-roll")))).ExpectAsync(HttpStatusCode.Created);
        var second = Workflow("designed-roll", "县级复核").Replace("county:approver", "county:reviewer")
            .Replace("<bpmn:endEvent id=\"end\" />", "<bpmn:endEvent id=\"end\" /><bpmn:task id=\"note\" name=\"备注\" />")
            .Replace("formId=\"facility-application\"", "formId=\"training-record\"");
        await (await admin.PostAsync("/api/v1/designer/workflows/designed-roll/publish?basedOn=1", Xml(second))).ExpectAsync(HttpStatusCode.BadRequest);
        second = second.Replace("<bpmn:task id=\"note\" name=\"备注\" />", "");
        await (await admin.PostAsync("/api/v1/designer/workflows/designed-roll/publish?basedOn=1", Xml(second))).ExpectAsync(HttpStatusCode.Created);

        var difference = await (await admin.GetAsync("/api/v1/designer/workflows/designed-roll/compare?from=1&to=2")).ExpectAsync(HttpStatusCode.OK);
        var review = difference.GetProperty("changed").EnumerateArray().Single();
        Assert.Equal("userTask", review.GetProperty("type").GetString());
        Assert.Equal("县级复核", review.GetProperty("name").GetString());
        var changes = review.GetProperty("changes").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Contains("extension elements", changes);
        Assert.Contains("name: 县级审核 → 县级复核", changes);

        var rolledBack = await (await admin.PostAsync("/api/v1/designer/workflows/designed-roll/rollback/1?basedOn=2", null)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(3, rolledBack.GetProperty("version").GetInt32());
        var v1 = await admin.GetStringAsync("/api/v1/workflows/designed-roll/versions/1/xml");
        var v3 = await admin.GetStringAsync("/api/v1/workflows/designed-roll/versions/3/xml");
        Assert.Equal(v1, v3);
        var versions = await (await admin.GetAsync("/api/v1/designer/workflows/designed-roll")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("rollback:v1", versions.GetProperty("versions")[0].GetProperty("source").GetString());
        await (await admin.PostAsync("/api/v1/designer/workflows/designed-roll/rollback/1?basedOn=2", null)).ExpectAsync(HttpStatusCode.Conflict);
        await (await admin.PostAsync("/api/v1/designer/workflows/designed-roll/rollback/9?basedOn=3", null)).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Two_files_compare_and_a_draft_is_thrown_away()
    {
        var admin = await server.SignInAsync("admin");
        var compare = new MultipartFormDataContent
        {
            { new StringContent(Workflow("designed-files")), "before", "before.bpmn" },
            { new StringContent(Workflow("designed-files", "县级复核").Replace("<bpmn:endEvent id=\"end\" />", "<bpmn:endEvent id=\"end\" /><bpmn:task id=\"extra\" name=\"附加\" />")), "after", "after.bpmn" },
        };
        var difference = await (await admin.PostAsync("/api/v1/designer/compare", compare)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("extra", difference.GetProperty("added").EnumerateArray().Single().GetProperty("id").GetString());
        Assert.Equal("review", difference.GetProperty("changed").EnumerateArray().Single().GetProperty("id").GetString());
        Assert.Empty(difference.GetProperty("removed").EnumerateArray());

        await (await admin.PutAsync("/api/v1/designer/workflows/designed-files/draft", Xml(Workflow("designed-files")))).ExpectAsync(HttpStatusCode.OK);
        await (await admin.DeleteAsync("/api/v1/designer/workflows/designed-files/draft")).ExpectAsync(HttpStatusCode.NoContent);
        await (await admin.DeleteAsync("/api/v1/designer/workflows/designed-files/draft")).ExpectAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync("/api/v1/designer/workflows/designed-files")).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_system_administrators_use_the_designer()
    {
        var approver = await server.SignInAsync("hlj.approver");
        var unitAdmin = await server.SignInAsync("hlj.admin");
        foreach (var client in new[] { approver, unitAdmin })
        {
            await (await client.PutAsync("/api/v1/designer/workflows/x/draft", Xml(Workflow("x")))).ExpectAsync(HttpStatusCode.Forbidden);
            await (await client.PostAsync("/api/v1/designer/workflows/x/publish", Xml(Workflow("x")))).ExpectAsync(HttpStatusCode.Forbidden);
            await (await client.PostAsync("/api/v1/designer/validate", Xml(Workflow("x")))).ExpectAsync(HttpStatusCode.Forbidden);
            await (await client.GetAsync("/api/v1/designer/element-templates")).ExpectAsync(HttpStatusCode.Forbidden);
            await (await client.PostAsync("/api/v1/designer/workflows/x/rollback/1", null)).ExpectAsync(HttpStatusCode.Forbidden);
        }
        var anonymous = server.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/designer/element-templates")).StatusCode);
    }

    [Fact]
    public async Task Every_element_template_is_served_and_builds_a_diagram_the_engine_publishes()
    {
        var admin = await server.SignInAsync("admin");
        var templates = JsonNode.Parse(await admin.GetStringAsync("/api/v1/designer/element-templates"))!.AsArray();
        var ids = templates.Select(t => (string)t!["id"]!).ToList();
        Assert.Equal(["workflows.any-one-signs", "workflows.city-review", "workflows.countersign", "workflows.county-review", "workflows.generate-document",
            "workflows.notify", "workflows.province-review", "workflows.wait-until"], ids.Order(StringComparer.Ordinal));
        foreach (var template in templates.Select(t => t!.AsObject()))
        {
            Assert.Matches("[\u4e00-\u9fff]", (string)template["name"]!);
            var processId = "template-" + ((string)template["id"]!).Replace("workflows.", "");
            var xml = TemplateApplier.Diagram(template, processId);
            var published = await admin.PostAsync($"/api/v1/designer/workflows/{processId}/publish", Xml(xml));
            Assert.True(published.StatusCode == HttpStatusCode.Created, $"{template["id"]}: {await published.Content.ReadAsStringAsync()}\n{xml}");
        }
    }

    [Fact]
    public async Task The_shipped_workflows_and_a_camunda_modeler_file_pass_the_check()
    {
        var admin = await server.SignInAsync("admin");
        var modeler = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Designer", "camunda-modeler.bpmn"));
        var check = await (await admin.PostAsync("/api/v1/designer/validate", Xml(modeler))).ExpectAsync(HttpStatusCode.OK);
        Assert.True(check.GetProperty("valid").GetBoolean(), check.ToString());
        Assert.Equal("camunda-modeler-review", check.GetProperty("processId").GetString());
    }
}
