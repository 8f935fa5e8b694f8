using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Workflows.Web.Tests.Infrastructure;

namespace Workflows.Web.Tests.Portal;

[Collection(BrowserCollection.Name)]
public sealed class PortalTests(BrowserFixture browser)
{
    [Fact]
    public async Task Applicant_fills_in_a_form_sees_the_servers_errors_beside_the_fields_and_saves_a_draft()
    {
        var page = await browser.SignedInPageAsync("dongsheng");
        await BrowserFixture.OpenAsync(page, "/applications/new");
        await page.Locator(".wf-app-link", new() { HasText = "培训" }).ClickAsync();
        var form = page.Locator("#application-form");
        await Assertions.Expect(form).ToHaveAttributeAsync("data-state", "rendered");

        await page.Locator("#submit-form").ClickAsync();
        await Assertions.Expect(page.Locator("#form-errors")).ToBeVisibleAsync();
        await browser.ScreenshotAsync(page, "form", fullPage: false);
        var listed = await page.Locator("#form-errors").InnerTextAsync();
        Assert.True(await form.Locator(".fjs-form-field-error").CountAsync() > 0, "no error beside a field; listed: " + listed);

        var name = "王" + Guid.NewGuid().ToString("N")[..4];
        await form.GetByLabel("姓名").FillAsync(name);
        await page.Locator("#save-draft").ClickAsync();
        await BrowserFixture.WaitForUrlAsync(page, "**/applications/*/edit");
        await BrowserFixture.OpenAsync(page, "/applications");
        await Assertions.Expect(page.Locator(".wf-app", new() { HasText = "继续填写草稿" }).First).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Applicant_submits_a_saved_draft_and_the_case_shows_the_form_read_only()
    {
        using var api = await browser.Server.ApiAsAsync("dongsheng");
        var created = await api.PostAsJsonAsync("/api/v1/applications", new { formId = "facility-application", data = FacilityData() });
        created.EnsureSuccessStatusCode();
        var applicationId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("application").GetProperty("id").GetGuid();
        // Files are uploaded through the API; the page binds them to the form's filepicker when it saves.
        var upload = new MultipartFormDataContent { { new StringContent("site_plan"), "field" } };
        var pdf = new ByteArrayContent(PdfBytes());
        pdf.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        upload.Add(pdf, "files", "选址平面图.pdf");
        (await api.PostAsync($"/api/v1/applications/{applicationId}/attachments", upload)).EnsureSuccessStatusCode();

        var page = await browser.SignedInPageAsync("dongsheng");
        await BrowserFixture.OpenAsync(page, $"/applications/{applicationId}/edit");
        await Assertions.Expect(page.Locator("#application-form")).ToHaveAttributeAsync("data-state", "rendered");
        await page.Locator("#submit-form").ClickAsync();
        // Rule-set warnings, if any, are shown first; the second click submits with them.
        if (await page.Locator("#form-warnings").IsVisibleAsync())
        {
            await page.Locator("#submit-form").ClickAsync();
        }
        await BrowserFixture.WaitForUrlAsync(page, "**/cases/**");
        await Assertions.Expect(page.Locator("#case-form")).ToHaveAttributeAsync("data-state", "rendered");
        await Assertions.Expect(page.Locator("#case-form input").First).Not.ToBeEditableAsync();
        await Assertions.Expect(page.Locator(".wf-timeline")).ToContainTextAsync("提交申请");
        await Assertions.Expect(page.Locator("#tracking-diagram [data-element-id=townshipReview].wf-active")).ToHaveCountAsync(1);
        await page.Context.CloseAsync();
    }

    private static byte[] PdfBytes()
    {
        var bytes = new byte[2048];
        Array.Fill(bytes, (byte)' ');
        "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"u8.CopyTo(bytes);
        return bytes;
    }

    internal static Dictionary<string, object?> FacilityData() => new()
    {
        ["applicant_contact"] = "刘某",
        ["applicant_phone"] = "0455-22851234",
        ["community_type"] = "urban",
        ["community_class"] = "ordinary",
        ["households"] = 3100,
        ["residents"] = 9000,
        ["current_premises_m2"] = 120,
        ["premises_ownership"] = "rented",
        ["facility_kind"] = "community_service_station",
        ["project_kind"] = "new_build",
        ["planned_premises_m2"] = 450,
        ["planned_outdoor_plaza_m2"] = 0,
        ["planned_functions"] = new[] { "comprehensive_service_hall", "meeting_room" },
        ["start_date"] = "2027-03-01",
        ["is_developer_provided"] = false,
        ["total_budget"] = 900000,
        ["funding_sources"] = new object[]
        {
            new Dictionary<string, object?> { ["source"] = "county", ["amount"] = 600000, ["note"] = "" },
            new Dictionary<string, object?> { ["source"] = "street_township", ["amount"] = 300000, ["note"] = "" },
        },
    };

    [Fact]
    public async Task Applicant_sees_the_case_started_through_the_API_with_its_status_and_current_step()
    {
        var title = "东升社区我的申请 " + Guid.NewGuid().ToString("N")[..6];
        await browser.CaseAtCountyAsync(title);
        var page = await browser.SignedInPageAsync("dongsheng");
        await BrowserFixture.OpenAsync(page, "/applications");
        var row = page.Locator(".wf-app", new() { HasText = title });
        await Assertions.Expect(row).ToContainTextAsync("办理中");
        await Assertions.Expect(row.Locator(".wf-step")).ToHaveTextAsync("县级审核");
        await browser.ScreenshotAsync(page, "applications");
        await page.Context.CloseAsync();
    }
}
