using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Workflows.Web.Tests.Infrastructure;

namespace Workflows.Web.Tests.FormDesigner;

[Collection(BrowserCollection.Name)]
public sealed class FormDesignerTests(BrowserFixture browser)
{
    [Fact]
    public async Task Administrator_adds_a_field_binds_an_option_list_sees_it_in_the_preview_and_publishes_it_for_new_applications()
    {
        var page = await browser.SignedInPageAsync("admin", width: 1600, height: 1000);
        await page.Locator("#nav-form-designer").ClickAsync();
        await BrowserFixture.WaitForUrlAsync(page, "**/admin/forms");
        await page.Locator("tr[data-form-id=training-record] a").ClickAsync();
        await BrowserFixture.WaitForUrlAsync(page, "**/admin/forms/training-record");
        await DesignerReadyAsync(page);
        // The palette speaks Chinese.
        await Assertions.Expect(page.Locator(".fjs-palette-header")).ToHaveTextAsync("组件");
        await Assertions.Expect(page.Locator(".fjs-palette-field[data-field-type=select]")).ToContainTextAsync("下拉选择");

        await AddFieldAsync(page, "select");
        await Assertions.Expect(page.Locator("[data-designer=canvas] .fjs-form-field-select").Last).ToContainTextAsync("下拉选择");
        var properties = page.Locator("[data-designer=properties]");
        await FillPropertyAsync(page, "label", "场地类型");
        await FillPropertyAsync(page, "key", "venue_kind");
        await Assertions.Expect(properties).ToContainTextAsync("选项列表");
        await OpenEntryAsync(page, "workflows-values-key");
        await properties.Locator("select#bio-properties-panel-workflows-values-key").SelectOptionAsync("facility_kinds");
        await WaitForSelectedAsync(page, "valuesKey", "facility_kinds");

        var preview = page.Locator("#designer-preview");
        await Assertions.Expect(preview).ToHaveAttributeAsync("data-preview-state", "fresh");
        await Assertions.Expect(preview).ToContainTextAsync("场地类型");
        await preview.Locator(".fjs-form-field-select", new() { HasText = "场地类型" }).Locator(".fjs-input-group").ClickAsync();
        await Assertions.Expect(preview.Locator(".fjs-dropdownlist")).ToContainTextAsync("社区服务站");
        await browser.ScreenshotAsync(page, "form-designer", fullPage: false);

        await page.Locator("#publish-form").ClickAsync();
        await Assertions.Expect(page.Locator("#versions-table tr[data-version='2']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#versions-table tr[data-version='2']")).ToContainTextAsync("系统管理员");

        await BrowserFixture.OpenAsync(page, "/admin/forms");
        await Assertions.Expect(page.Locator("tr[data-form-id=training-record] .wf-latest")).ToHaveTextAsync("v2");
        await browser.ScreenshotAsync(page, "form-designer-list", fullPage: false);
        await page.Context.CloseAsync();

        // An applicant starting a new training record gets the new version, with the bound list.
        var applicant = await browser.SignedInPageAsync("dongsheng");
        await BrowserFixture.OpenAsync(applicant, "/applications/new");
        await applicant.Locator(".wf-app-link", new() { HasText = "培训" }).ClickAsync();
        var form = applicant.Locator("#application-form");
        await Assertions.Expect(form).ToHaveAttributeAsync("data-state", "rendered");
        await Assertions.Expect(form).ToContainTextAsync("场地类型");
        await form.Locator(".fjs-form-field-select", new() { HasText = "场地类型" }).Locator(".fjs-input-group").ClickAsync();
        await Assertions.Expect(form.Locator(".fjs-dropdownlist")).ToContainTextAsync("社区服务站");
        await applicant.Context.CloseAsync();
    }

    [Fact]
    public async Task A_form_with_an_error_is_refused_with_the_problem_shown_and_its_field_selected_and_nothing_is_published()
    {
        var page = await browser.SignedInPageAsync("admin", width: 1600, height: 1000);
        await BrowserFixture.OpenAsync(page, "/admin/forms");
        var file = Path.Combine(Path.GetTempPath(), "street-survey.form.json");
        await File.WriteAllTextAsync(file, """
            {
              "id": "street-survey", "type": "default", "schemaVersion": 19,
              "components": [
                { "id": "Text_title", "type": "text", "text": "# 街道走访登记" },
                { "id": "Field_visitor", "type": "textfield", "key": "visitor", "label": "走访人" },
                { "id": "Field_kind", "type": "select", "key": "visit_kind", "label": "走访类型", "valuesKey": "no_such_list" }
              ]
            }
            """);
        await page.Locator("#import-form").SetInputFilesAsync(file);
        await BrowserFixture.WaitForUrlAsync(page, "**/admin/forms/street-survey");
        await DesignerReadyAsync(page);

        await page.Locator("#publish-form").ClickAsync();
        var problems = page.Locator("#schema-problems");
        await Assertions.Expect(problems).ToContainTextAsync("no_such_list");
        await Assertions.Expect(problems).ToContainTextAsync("visit_kind");
        await Assertions.Expect(page.Locator("#versions-panel")).ToContainTextAsync("尚未发布");
        await Assertions.Expect(page.Locator("[data-designer=canvas] [data-id=Field_kind].wf-designer-problem")).ToHaveCountAsync(1);

        await problems.Locator("a[data-key=visit_kind]").First.ClickAsync();
        await Assertions.Expect(page.Locator(".fjs-properties-panel[data-field=Field_kind]")).ToHaveCountAsync(1);

        using var api = await browser.Server.ApiAsAsync("admin");
        var versions = await api.GetAsync("/api/v1/form-designer/forms/street-survey/versions");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, versions.StatusCode);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_imported_file_the_editor_cannot_open_is_reported_with_its_problems_and_can_be_discarded()
    {
        var page = await browser.SignedInPageAsync("admin", width: 1600, height: 1000);
        await BrowserFixture.OpenAsync(page, "/admin/forms");
        var file = Path.Combine(Path.GetTempPath(), "twice-keyed.form.json");
        await File.WriteAllTextAsync(file, """
            {
              "id": "twice-keyed", "type": "default", "schemaVersion": 19,
              "components": [
                { "id": "Field_a", "type": "textfield", "key": "name", "label": "名称" },
                { "id": "Field_b", "type": "number", "key": "name", "label": "数量" }
              ]
            }
            """);
        await page.Locator("#import-form").SetInputFilesAsync(file);
        await BrowserFixture.WaitForUrlAsync(page, "**/admin/forms/twice-keyed");
        await Assertions.Expect(page.Locator("#form-designer")).ToHaveAttributeAsync("data-state", "error");
        await Assertions.Expect(page.Locator("[role=alert]", new() { HasText = "编辑器无法打开这个表单" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#schema-problems")).ToContainTextAsync("SCHEMA_DUPLICATE_KEY");

        await page.Locator("#discard-draft").ClickAsync();
        await Assertions.Expect(page.GetByText("这个表单不存在。")).ToBeVisibleAsync();
        await BrowserFixture.OpenAsync(page, "/admin/forms");
        await Assertions.Expect(page.Locator("tr[data-form-id=twice-keyed]")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_second_administrator_to_publish_is_told_a_newer_version_exists_and_sees_the_difference()
    {
        using var api = await browser.Server.ApiAsAsync("admin");
        var created = await api.PostAsJsonAsync("/api/v1/users", new
        {
            userName = "forms.admin", displayName = "表单管理员", password = "forms-admin-2026",
            roles = new[] { new { unitId = (Guid?)null, role = "SystemAdministrator" } },
        });
        created.EnsureSuccessStatusCode();

        var first = await browser.SignedInPageAsync("admin", width: 1600, height: 1000);
        var second = await SignInAsync("forms.admin", "forms-admin-2026");
        await BrowserFixture.OpenAsync(first, "/admin/forms/statistical-report");
        await BrowserFixture.OpenAsync(second, "/admin/forms/statistical-report");
        await DesignerReadyAsync(first);
        await DesignerReadyAsync(second);

        await AddFieldAsync(first, "textfield");
        await FillPropertyAsync(first, "label", "填报说明");
        await FillPropertyAsync(first, "key", "report_note");
        await first.Locator("#publish-form").ClickAsync();
        await Assertions.Expect(first.Locator("#versions-table tr[data-version='2']")).ToBeVisibleAsync();

        await AddFieldAsync(second, "number");
        await FillPropertyAsync(second, "label", "志愿者人数");
        await FillPropertyAsync(second, "key", "volunteers");
        await second.Locator("#publish-form").ClickAsync();
        var newer = second.Locator("#newer-version");
        await Assertions.Expect(newer).ToContainTextAsync("系统管理员");
        await Assertions.Expect(newer).ToContainTextAsync("v2");
        await Assertions.Expect(second.Locator("#their-changes [data-field=report_note]")).ToContainTextAsync("填报说明");
        await Assertions.Expect(second.Locator("#your-changes [data-field=volunteers]")).ToContainTextAsync("志愿者人数");
        await browser.ScreenshotAsync(second, "form-designer-newer-version", fullPage: false);

        var versions = await api.GetFromJsonAsync<JsonElement>("/api/v1/form-designer/forms/statistical-report/versions");
        Assert.Equal(2, versions.GetArrayLength());
        await first.Context.CloseAsync();
        await second.Context.CloseAsync();
    }

    [Fact]
    public async Task Administrator_compares_two_versions_rolls_back_to_the_older_one_and_exports_it()
    {
        using var api = await browser.Server.ApiAsAsync("admin");
        await PublishThroughApiAsync(api, """{"id":"designer-history","type":"default","schemaVersion":19,"components":[{"id":"Text_title","type":"text","text":"# 走访记录"},{"id":"Field_contact","type":"textfield","key":"contact","label":"联系人"}]}""", null);
        await PublishThroughApiAsync(api, """{"id":"designer-history","type":"default","schemaVersion":19,"components":[{"id":"Text_title","type":"text","text":"# 走访记录"},{"id":"Field_contact","type":"textfield","key":"contact","label":"负责人"},{"id":"Field_phone","type":"textfield","key":"phone","label":"联系电话"}]}""", 1);

        var page = await browser.SignedInPageAsync("admin", width: 1600, height: 1000);
        await BrowserFixture.OpenAsync(page, "/admin/forms/designer-history");
        await DesignerReadyAsync(page);
        await page.Locator("#compare-versions").ClickAsync();
        var difference = page.Locator("#version-difference");
        await Assertions.Expect(difference.Locator("[data-field=phone]")).ToContainTextAsync("联系电话");
        await Assertions.Expect(difference.Locator("[data-field=contact]")).ToContainTextAsync("负责人");

        await page.Locator("#versions-table tr[data-version='1'] .wf-roll-back").ClickAsync();
        await Assertions.Expect(page.Locator("#versions-table tr[data-version='3']")).ToContainTextAsync("rollback:v1");
        await Assertions.Expect(page.Locator("[data-designer=canvas]")).ToContainTextAsync("联系人");
        await Assertions.Expect(page.Locator("[data-designer=canvas]")).Not.ToContainTextAsync("联系电话");
        var latest = await api.GetFromJsonAsync<JsonElement>("/api/v1/forms/designer-history/versions/3");
        Assert.Equal(2, latest.GetProperty("components").GetArrayLength());

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-form").ClickAsync());
        Assert.Equal("designer-history.form.json", download.SuggestedFilename);
        var exported = JsonDocument.Parse(await File.ReadAllTextAsync(await download.PathAsync())).RootElement;
        Assert.Equal("designer-history", exported.GetProperty("id").GetString());
        Assert.Contains(exported.GetProperty("components").EnumerateArray(), c => c.TryGetProperty("key", out var k) && k.GetString() == "contact");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Administrator_starts_a_new_form_which_is_a_draft_until_published()
    {
        var page = await browser.SignedInPageAsync("admin", width: 1600, height: 1000);
        await BrowserFixture.OpenAsync(page, "/admin/forms");
        await page.Locator("#new-form-id").FillAsync("Bad Id");
        await page.Locator("#new-form").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-alert", new() { HasText = "表单 id 只能由小写字母" })).ToBeVisibleAsync();

        await page.Locator("#new-form-id").FillAsync("street-visit");
        await page.Locator("#new-form-title").FillAsync("街道走访记录");
        await page.Locator("#new-form").ClickAsync();
        await BrowserFixture.WaitForUrlAsync(page, "**/admin/forms/street-visit");
        await DesignerReadyAsync(page);
        await Assertions.Expect(page.Locator("#designer-preview")).ToContainTextAsync("街道走访记录");
        await Assertions.Expect(page.Locator("#designer-state")).ToContainTextAsync("尚未发布");
        await AddFieldAsync(page, "textfield");
        await FillPropertyAsync(page, "label", "走访人");
        await page.Locator("#publish-form").ClickAsync();
        await Assertions.Expect(page.Locator("#versions-table tr[data-version='1']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#designer-state")).ToContainTextAsync("基于 v1 编辑");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task On_an_English_page_the_editor_keeps_its_English_texts()
    {
        var page = await browser.SignedInPageAsync("admin", width: 1600, height: 1000);
        await BrowserFixture.OpenAsync(page, "/account/language?culture=en&returnUrl=%2Fadmin%2Fforms%2Ffacility-application");
        await DesignerReadyAsync(page);
        await Assertions.Expect(page.Locator(".fjs-palette-header")).ToHaveTextAsync("Components");
        await Assertions.Expect(page.Locator("#publish-form")).ToContainTextAsync("Publish");
        await AddFieldAsync(page, "radio");
        await Assertions.Expect(page.Locator("[data-designer=properties]")).ToContainTextAsync("General");
        await Assertions.Expect(page.Locator("[data-designer=properties]")).ToContainTextAsync("Option list");
        await page.Context.CloseAsync();
    }

    private static async Task PublishThroughApiAsync(HttpClient api, string schema, int? basedOn)
    {
        var formId = JsonDocument.Parse(schema).RootElement.GetProperty("id").GetString();
        var body = new StringContent($$"""{"schema": {{schema}}, "basedOnVersion": {{(basedOn is null ? "null" : basedOn.ToString())}}}""", System.Text.Encoding.UTF8, "application/json");
        (await api.PutAsync($"/api/v1/form-designer/forms/{formId}/draft", body)).EnsureSuccessStatusCode();
        (await api.PostAsync($"/api/v1/form-designer/forms/{formId}/publish", null)).EnsureSuccessStatusCode();
    }

    private async Task<IPage> SignInAsync(string userName, string password)
    {
        var page = await browser.PageAsync(1600, 1000);
        await page.GotoAsync("/signin");
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await BrowserFixture.WaitForUrlAsync(page, BrowserFixture.AwayFromSignIn);
        await page.Locator("body[data-ready=true]").WaitForAsync();
        return page;
    }

    private static async Task DesignerReadyAsync(IPage page) =>
        await Assertions.Expect(page.Locator("#form-designer")).ToHaveAttributeAsync("data-state", "ready");

    /// <summary>Adds a field at the end of the form the way the keyboard does (Enter on a palette entry), and selects it.</summary>
    private static async Task AddFieldAsync(IPage page, string type)
    {
        var before = await page.Locator("[data-designer=canvas] .fjs-element").CountAsync();
        await page.Locator($".fjs-palette-field[data-field-type={type}]").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-designer=canvas] .fjs-element")).Not.ToHaveCountAsync(before);
        var added = page.Locator($"[data-designer=canvas] .fjs-form-field-{type}").Last;
        await added.ScrollIntoViewIfNeededAsync();
        await added.ClickAsync();
    }

    private static async Task FillPropertyAsync(IPage page, string entry, string value)
    {
        var input = await OpenEntryAsync(page, entry);
        await input.FillAsync(value);
        await input.BlurAsync();
        // The properties panel applies a typed value after a short pause: wait until the editor has it.
        await WaitForSelectedAsync(page, entry, value);
    }

    /// <summary>The input of a properties panel entry, its group opened when closed.</summary>
    private static async Task<ILocator> OpenEntryAsync(IPage page, string entry)
    {
        var input = page.Locator($"[data-designer=properties] [data-entry-id={entry}]").Locator("input, select, [contenteditable=true]").First;
        if (!await input.IsVisibleAsync())
        {
            await page.Locator($"[data-designer=properties] .bio-properties-panel-group:has([data-entry-id={entry}]) .bio-properties-panel-group-header").ClickAsync();
        }
        return input;
    }

    private static async Task WaitForSelectedAsync(IPage page, string property, string value) =>
        await page.WaitForFunctionAsync(
            "([property, value]) => window.workflowsFormDesigner.selectedField(document.getElementById('form-designer'))?.[property] === value",
            new[] { property, value });
}
