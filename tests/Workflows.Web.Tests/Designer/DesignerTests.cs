using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Workflows.Server.Designer;
using Workflows.Server.Seeding;
using Workflows.Web.Tests.Infrastructure;
using static Workflows.Web.Tests.Designer.DesignerPage;

namespace Workflows.Web.Tests.Designer;

[Collection(BrowserCollection.Name)]
public sealed class DesignerTests(BrowserFixture browser)
{
    private static string Repository(params string[] parts) =>
        Path.GetFullPath(Path.Combine([AppContext.BaseDirectory, "..", "..", "..", "..", "..", .. parts]));

    [Fact]
    public async Task Administrator_builds_a_two_level_workflow_from_the_templates_binds_forms_publishes_and_an_applicant_starts_it()
    {
        // A form of its own, published first, so the new workflow is the only one it starts.
        using (var forms = await browser.Server.ApiAsAsync("admin"))
        {
            var schema = """
                {"id":"designed-request","type":"default","schemaVersion":19,"components":[
                  {"id":"reason","type":"textfield","key":"reason","label":"借用事由","validate":{"required":true}}]}
                """;
            var deployed = await forms.PostAsync("/api/v1/forms", new StringContent(schema, Encoding.UTF8, "application/json"));
            Assert.True(deployed.IsSuccessStatusCode, await deployed.Content.ReadAsStringAsync());
        }
        var page = await browser.SignedInPageAsync("admin");
        await BrowserFixture.OpenAsync(page, "/admin/workflows");
        await page.Locator("#new-workflow").ClickAsync();
        await page.Locator("#new-process-id").FillAsync("designed-two-level");
        await page.Locator("#new-process-name").FillAsync("设计器两级审核");
        await page.Locator("#create-workflow").ClickAsync();
        await BrowserFixture.WaitForUrlAsync(page, "**/admin/workflows/designed-two-level**");
        await WaitReadyAsync(page);

        // Shapes are placed through the modeler's API; templates, forms and publishing go through the page.
        var ids = await ModelerAsync<string[]>(page, """
            const registry = m.get('elementRegistry'), modeling = m.get('modeling'), factory = m.get('elementFactory');
            const start = registry.get('submitted');
            const county = modeling.appendShape(start, factory.createShape({ type: 'bpmn:Task' }), { x: start.x + 200, y: start.y + 18 });
            const city = modeling.appendShape(county, factory.createShape({ type: 'bpmn:Task' }), { x: county.x + 250, y: county.y + 40 });
            const end = modeling.appendShape(city, factory.createShape({ type: 'bpmn:EndEvent' }), { x: city.x + 200, y: city.y + 40 });
            return [county.id, city.id, end.id];
            """);
        await ApplyTemplateAsync(page, ids[0], "workflows.county-review");
        var county = await ModelerAsync<string>(page, "return m.get('elementRegistry').find(e => e.businessObject.name === '县级审核').id;");
        await BindFormAsync(page, county, "facility-application");
        await ApplyTemplateAsync(page, ids[1], "workflows.city-review");
        var city = await ModelerAsync<string>(page, "return m.get('elementRegistry').find(e => e.businessObject.name === '地市级审核').id;");
        await BindFormAsync(page, city, "facility-application");
        await BindFormAsync(page, "submitted", "designed-request");
        await browser.ScreenshotAsync(page, "designer-two-level", fullPage: false);

        await page.Locator("#publish").ClickAsync();
        await Assertions.Expect(page.Locator("#designer-status")).ToContainTextAsync("基于版本 1");
        var xml = await XmlAsync(page);
        Assert.Contains("candidateGroups=\"county:approver\"", xml);
        Assert.Contains("candidateGroups=\"city:approver\"", xml);
        Assert.Contains("dueDate=\"P5WD\"", xml);

        using var admin = await browser.Server.ApiAsAsync("admin");
        var published = await admin.GetStringAsync("/api/v1/workflows/designed-two-level/versions/1/xml");
        Assert.Contains("formId=\"facility-application\"", published);

        // The applicant finds the bound form among what the unit may apply for, fills it in and submits;
        // the case runs on the new workflow and reaches the county approver of the applicant's county.
        var applicantPage = await browser.SignedInPageAsync("dongsheng");
        await BrowserFixture.OpenAsync(applicantPage, "/applications/new");
        await applicantPage.Locator("a[href$='/applications/new/designed-request']").First.ClickAsync();
        await Assertions.Expect(applicantPage.Locator("#application-form")).ToHaveAttributeAsync("data-state", "rendered");
        await applicantPage.GetByLabel("借用事由").FillAsync("重阳节老年人活动借用场地");
        await applicantPage.Locator("#submit-form").ClickAsync();
        if (await applicantPage.Locator("#form-warnings").IsVisibleAsync())
        {
            await applicantPage.Locator("#submit-form").ClickAsync();
        }
        await BrowserFixture.WaitForUrlAsync(applicantPage, "**/cases/**");
        var instance = applicantPage.Url.Split("/cases/")[1].Split('?', '#')[0];
        using var approver = await browser.Server.ApiAsAsync("zhaodong.approver");
        var tasks = await approver.GetFromJsonAsync<JsonElement>("/api/v1/tasks?processId=designed-two-level");
        var task = tasks.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("instanceId").GetString() == instance);
        Assert.Equal("县级审核", task.GetProperty("name").GetString());
        using var admin2 = await browser.Server.ApiAsAsync("admin");
        var versions = await admin2.GetFromJsonAsync<JsonElement>("/api/v1/workflows/designed-two-level/versions");
        Assert.Equal(1, versions.EnumerateArray().Single().GetProperty("runningInstances").GetInt32());
        await applicantPage.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_workflow_with_a_script_task_imported_from_a_file_is_refused_with_the_element_highlighted_and_named()
    {
        var page = await browser.SignedInPageAsync("admin");
        await BrowserFixture.OpenAsync(page, "/admin/workflows");
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
              <bpmn:process id="designed-script" name="含脚本任务的流程" isExecutable="true">
                <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
                <bpmn:scriptTask id="calculate" name="计算补助金额"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:scriptTask>
                <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="calculate" />
                <bpmn:sequenceFlow id="f2" sourceRef="calculate" targetRef="end" />
              </bpmn:process>
              <bpmndi:BPMNDiagram id="diagram"><bpmndi:BPMNPlane id="plane" bpmnElement="designed-script">
                <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
                <bpmndi:BPMNShape id="calculate_di" bpmnElement="calculate"><dc:Bounds x="200" y="78" width="100" height="80" /></bpmndi:BPMNShape>
                <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="360" y="100" width="36" height="36" /></bpmndi:BPMNShape>
                <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="136" y="118" /><di:waypoint x="200" y="118" /></bpmndi:BPMNEdge>
                <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="300" y="118" /><di:waypoint x="360" y="118" /></bpmndi:BPMNEdge>
              </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
            </bpmn:definitions>
            """;
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "script.bpmn", MimeType = "application/xml", Buffer = Encoding.UTF8.GetBytes(xml) });
        await BrowserFixture.WaitForUrlAsync(page, "**/admin/workflows/designed-script");
        await WaitReadyAsync(page);

        await page.Locator("#publish").ClickAsync();
        var problem = page.Locator("#problems li.error:not(.lint)[data-element-id=calculate]");
        await Assertions.Expect(problem).ToContainTextAsync("计算补助金额");
        await Assertions.Expect(page.Locator($"{Canvas} [data-element-id=calculate].wf-problem-error")).ToHaveCountAsync(1);
        await problem.Locator("button").ClickAsync();
        await Assertions.Expect(page.Locator($"{Canvas} [data-element-id=calculate].selected")).ToHaveCountAsync(1);
        // The live lint marks it too, before any publishing.
        await Assertions.Expect(page.Locator("#problems li.lint[data-element-id=calculate]")).ToHaveCountAsync(1);
        await browser.ScreenshotAsync(page, "designer-refused", fullPage: false);

        using var admin = await browser.Server.ApiAsAsync("admin");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/workflows/designed-script/versions")).StatusCode);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_second_administrator_to_save_is_told_a_newer_version_exists_and_sees_what_differs()
    {
        using var admin = await browser.Server.ApiAsAsync("admin");
        var created = await admin.PostAsJsonAsync("/api/v1/users", new
        {
            userName = "web.designer2", displayName = "第二位管理员", password = DemoData.Password, roles = new[] { new { role = "SystemAdministrator" } },
        });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var xml = (await File.ReadAllTextAsync(Repository("tests", "Workflows.Server.Tests", "Designer", "camunda-modeler.bpmn"))).Replace("camunda-modeler-review", "designed-race");
        (await admin.PostAsync("/api/v1/designer/workflows/designed-race/publish", new StringContent(xml, Encoding.UTF8, "application/xml"))).EnsureSuccessStatusCode();

        var first = await browser.SignedInPageAsync("admin");
        var second = await browser.SignedInPageAsync("web.designer2");
        await OpenAsync(first, "designed-race");
        await OpenAsync(second, "designed-race");

        const string rename = "m.get('modeling').updateLabel(m.get('elementRegistry').get('Activity_county'), arg); return true;";
        await ModelerAsync<bool>(second, rename, "县级复核");
        await second.Locator("#publish").ClickAsync();
        await Assertions.Expect(second.Locator("#designer-status")).ToContainTextAsync("基于版本 2");

        await ModelerAsync<bool>(first, rename, "县级初审");
        await first.Locator("#save-draft").ClickAsync();
        var warning = first.Locator("#newer-version");
        await Assertions.Expect(warning).ToContainTextAsync("第二位管理员");
        await Assertions.Expect(warning.Locator("#their-changes li.changed[data-element-id=Activity_county]")).ToContainTextAsync("县级审核 → 县级复核");
        await Assertions.Expect(first.Locator($"{Canvas} [data-element-id=Activity_county].wf-change-changed")).ToHaveCountAsync(1);
        await browser.ScreenshotAsync(first, "designer-newer-version", fullPage: false);
        var design = await admin.GetFromJsonAsync<JsonElement>("/api/v1/designer/workflows/designed-race");
        Assert.Equal(JsonValueKind.Null, design.GetProperty("draft").ValueKind);

        // Building on the newer version, the save goes through.
        await first.Locator("#keep-mine").ClickAsync();
        await Assertions.Expect(first.Locator("#newer-version")).ToHaveCountAsync(0);
        await first.Locator("#save-draft").ClickAsync();
        await Assertions.Expect(first.Locator(".mud-snackbar", new() { HasText = "草稿已保存" })).ToBeVisibleAsync();
        design = await admin.GetFromJsonAsync<JsonElement>("/api/v1/designer/workflows/designed-race");
        Assert.Equal(2, design.GetProperty("draft").GetProperty("basedOnVersion").GetInt32());
        await first.Context.CloseAsync();
        await second.Context.CloseAsync();
    }

    [Fact]
    public async Task A_camunda_modeler_file_and_a_shipped_workflow_round_trip_through_the_designer_without_losing_attributes()
    {
        var page = await browser.SignedInPageAsync("admin");
        var modeler = await File.ReadAllTextAsync(Repository("tests", "Workflows.Server.Tests", "Designer", "camunda-modeler.bpmn"));
        await BrowserFixture.OpenAsync(page, "/admin/workflows");
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "review.bpmn", MimeType = "application/xml", Buffer = Encoding.UTF8.GetBytes(modeler) });
        await BrowserFixture.WaitForUrlAsync(page, "**/admin/workflows/camunda-modeler-review");
        await WaitReadyAsync(page);
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-bpmn").ClickAsync());
        Assert.Equal("camunda-modeler-review.bpmn", download.SuggestedFilename);
        var exported = await File.ReadAllTextAsync((await download.PathAsync())!);
        var difference = WorkflowComparison.Compare(modeler, exported);
        Assert.True(difference.IsEmpty, JsonSerializer.Serialize(difference));
        Assert.True(WorkflowDesign.Validate(exported).All(p => !p.IsError));

        await OpenAsync(page, "facility-application");
        var shipped = await File.ReadAllTextAsync(Repository("workflows", "facility-application.bpmn"));
        difference = WorkflowComparison.Compare(shipped, await XmlAsync(page));
        Assert.True(difference.IsEmpty, JsonSerializer.Serialize(difference));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Versions_are_listed_compared_with_highlights_and_rolled_back_from_the_page()
    {
        using var admin = await browser.Server.ApiAsAsync("admin");
        var xml = (await File.ReadAllTextAsync(Repository("tests", "Workflows.Server.Tests", "Designer", "camunda-modeler.bpmn"))).Replace("camunda-modeler-review", "designed-versions");
        (await admin.PostAsync("/api/v1/designer/workflows/designed-versions/publish", new StringContent(xml, Encoding.UTF8, "application/xml"))).EnsureSuccessStatusCode();
        using var applicant = await browser.Server.ApiAsAsync("dongsheng");
        var started = await applicant.PostAsJsonAsync("/api/v1/instances", new { processId = "designed-versions", title = "版本一上的案件", variables = new Dictionary<string, object>() });
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
        var changed = xml.Replace("dueDate=\"P5WD\"", "dueDate=\"P3WD\"");
        (await admin.PostAsync("/api/v1/designer/workflows/designed-versions/publish?basedOn=1", new StringContent(changed, Encoding.UTF8, "application/xml"))).EnsureSuccessStatusCode();

        var page = await browser.SignedInPageAsync("admin");
        await OpenAsync(page, "designed-versions");
        await page.GetByRole(AriaRole.Tab, new() { Name = "版本" }).ClickAsync();
        await Assertions.Expect(page.Locator("#versions tr[data-version='2']")).ToContainTextAsync("系统管理员");
        await page.Locator("#versions tr[data-version='1'] button", new() { HasText = "与当前图比较" }).ClickAsync();
        await Assertions.Expect(page.Locator("#compare-result li.changed[data-element-id=Activity_county]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"{Canvas} [data-element-id=Activity_county].wf-change-changed")).ToHaveCountAsync(1);
        await browser.ScreenshotAsync(page, "designer-compare", fullPage: false);

        // The case on version 1 could move to version 2: the migration dry run says so.
        await page.GetByRole(AriaRole.Tab, new() { Name = "运行中的案件" }).ClickAsync();
        await page.Locator("#dry-run-1").ClickAsync();
        await Assertions.Expect(page.Locator("#dry-run-result")).ToContainTextAsync("v1 → v2：1 件可以迁移，0 件不能");
        await page.GetByRole(AriaRole.Tab, new() { Name = "版本" }).ClickAsync();

        await page.Locator("#versions tr[data-version='1'] .wf-rollback").ClickAsync();
        await Assertions.Expect(page.Locator("#designer-status")).ToContainTextAsync("基于版本 3");
        Assert.Equal(xml, await admin.GetStringAsync("/api/v1/workflows/designed-versions/versions/3/xml"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_palette_and_menus_offer_only_supported_elements_in_Chinese_with_undo_redo_simulation_and_minimap()
    {
        var page = await browser.SignedInPageAsync("admin");
        await OpenAsync(page, "facility-application");
        var palette = page.Locator(".djs-palette");
        await Assertions.Expect(palette.Locator("[data-action='create.user-task']")).ToHaveAttributeAsync("aria-label", "创建审核环节（用户任务）");
        await Assertions.Expect(palette.Locator("[data-action='create.data-object']")).ToHaveCountAsync(0);
        await Assertions.Expect(palette.Locator("[data-action='create.participant-expanded']")).ToHaveCountAsync(0);

        // The replace menu of a user task offers no script, send or call activity.
        await SelectAsync(page, "countyReview");
        await page.Locator(".djs-context-pad [data-action='replace']").ClickAsync();
        var menu = page.Locator(".djs-popup");
        await Assertions.Expect(menu.Locator("[data-id='replace-with-service-task']")).ToHaveCountAsync(1);
        await Assertions.Expect(menu.Locator("[data-id='replace-with-script-task']")).ToHaveCountAsync(0);
        await Assertions.Expect(menu.Locator("[data-id='replace-with-call-activity']")).ToHaveCountAsync(0);
        await page.Keyboard.PressAsync("Escape");

        // Undo and redo, by the buttons.
        await ModelerAsync<bool>(page, "m.get('modeling').updateLabel(m.get('elementRegistry').get('countyReview'), '县级初审'); return true;");
        await Assertions.Expect(page.Locator("#designer-status")).ToContainTextAsync("有未保存的修改");
        const string nameIs = $"(name) => workflowsDesigner.modelerOf(document.querySelector('{Canvas}')).get('elementRegistry').get('countyReview').businessObject.name === name";
        await page.Locator("#undo").ClickAsync();
        await page.WaitForFunctionAsync(nameIs, "县级审核");
        await page.Locator("#redo").ClickAsync();
        await page.WaitForFunctionAsync(nameIs, "县级初审");

        // Every shipped template passed the element template validator and is offered.
        Assert.Equal(8, await ModelerAsync<int>(page, "return m.get('elementTemplates').getAll().length;"));

        // A document step offers the published document templates.
        using var api = await browser.Server.ApiAsAsync("admin");
        var published = await api.GetFromJsonAsync<JsonElement>("/api/v1/documents/templates");
        var someTemplate = published.EnumerateArray().First().GetProperty("key").GetString()!;
        var task = await ModelerAsync<string>(page, "const f = m.get('elementFactory'); const root = m.get('canvas').getRootElement(); return m.get('modeling').createShape(f.createShape({ type: 'bpmn:Task' }), { x: 300, y: 600 }, root).id;");
        await ApplyTemplateAsync(page, task, "workflows.generate-document");
        var documentTask = await ModelerAsync<string>(page, "return m.get('selection').get()[0]?.id ?? m.get('elementRegistry').find(e => e.businessObject.name === '生成文书' && e.type === 'bpmn:ServiceTask').id;");
        await SelectAsync(page, documentTask);
        var group = page.Locator("#designer-properties [data-group-id='group-workflows-binding']");
        if (!await group.Locator("select[name='workflows-document-template']").IsVisibleAsync())
        {
            await group.Locator(".bio-properties-panel-group-header").ClickAsync();
        }
        var select = group.Locator("select[name='workflows-document-template']");
        Assert.Equal(published.GetArrayLength() + 1, await select.Locator("option").CountAsync());
        await select.SelectOptionAsync(someTemplate);
        Assert.Contains($"value=\"{someTemplate}\"", await XmlAsync(page));

        await Assertions.Expect(page.Locator($"{Canvas} .djs-minimap.open")).ToHaveCountAsync(1);
        await page.Locator("#simulate").ClickAsync();
        await Assertions.Expect(page.Locator($"{Canvas} .bjs-container.simulation")).ToHaveCountAsync(1);
        await browser.ScreenshotAsync(page, "designer-simulation", fullPage: false);
        await page.Locator("#simulate").ClickAsync();
        await Assertions.Expect(page.Locator($"{Canvas} .bjs-container.simulation")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task In_English_the_designer_speaks_English()
    {
        var page = await browser.SignedInPageAsync("admin");
        await BrowserFixture.OpenAsync(page, "/admin/workflows");
        await page.GetByLabel("语言").ClickAsync();
        await page.GetByText("English").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Workflow design");
        await OpenAsync(page, "facility-application");
        await Assertions.Expect(page.Locator(".djs-palette [data-action='create.user-task']")).ToHaveAttributeAsync("aria-label", "Create user task");
        await SelectAsync(page, "countyReview");
        await Assertions.Expect(page.Locator("#designer-properties [data-group-id='group-workflows-binding']")).ToContainTextAsync("Form and document");
        await page.Locator("#validate").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Problems \\(\\d+\\)$") })).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Versions" })).ToHaveCountAsync(1);
        await page.GetByLabel("Language").ClickAsync();
        await page.GetByText("中文").ClickAsync();
        await page.Context.CloseAsync();
    }
}
