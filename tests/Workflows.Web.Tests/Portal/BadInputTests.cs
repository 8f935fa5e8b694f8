using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Workflows.Server.Seeding;
using Workflows.Web.Tests.Infrastructure;

namespace Workflows.Web.Tests.Portal;

/// <summary>The portal under bad conditions: a session that ends mid-form, a server that refuses.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BadInputTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_session_that_expires_mid_form_keeps_what_was_typed_after_signing_in_again()
    {
        var page = await browser.SignedInPageAsync("dongsheng");
        await UploadTests.OpenNewFacilityApplicationAsync(page);
        var form = page.Locator("#application-form");
        var contact = "会话过期" + Guid.NewGuid().ToString("N")[..4];
        await form.GetByLabel("联系人").FillAsync(contact);
        await form.GetByLabel("户数").FillAsync("2800");
        // What was typed is kept in the tab as it is typed.
        await page.WaitForFunctionAsync($"() => Object.keys(sessionStorage).some(k => k.startsWith('workflows-form:') && sessionStorage.getItem(k).includes('{contact}') && sessionStorage.getItem(k).includes('2800'))");
        var formUrl = page.Url;

        // The session ends (the cookie is gone): the next page load asks to sign in, then comes back.
        await page.Context.ClearCookiesAsync();
        await page.ReloadAsync();
        await BrowserFixture.WaitForUrlAsync(page, "**/signin?returnUrl=**");
        await page.FillAsync("#userName", "dongsheng");
        await page.FillAsync("#password", DemoData.Password);
        await page.ClickAsync("button[type=submit]");
        await BrowserFixture.WaitForUrlAsync(page, formUrl);
        await page.Locator("body[data-ready=true]").WaitForAsync();
        await Assertions.Expect(form).ToHaveAttributeAsync("data-state", "rendered");
        await Assertions.Expect(page.Locator("#form-restored")).ToBeVisibleAsync();
        await Assertions.Expect(form.GetByLabel("联系人")).ToHaveValueAsync(contact);
        await Assertions.Expect(form.GetByLabel("户数")).ToHaveValueAsync("2800");

        // Once saved, nothing is pending any more.
        await page.Locator("#save-draft").ClickAsync();
        await BrowserFixture.WaitForUrlAsync(page, "**/applications/*/edit");
        await Assertions.Expect(page.Locator("#form-restored")).ToHaveCountAsync(0);
        Assert.False(await page.EvaluateAsync<bool>($"() => Object.keys(sessionStorage).some(k => sessionStorage.getItem(k).includes('{contact}'))"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_refusal_from_the_server_is_said_at_the_top_and_the_form_keeps_what_was_typed()
    {
        using var api = await browser.Server.ApiAsAsync("dongsheng");
        var created = await api.PostAsJsonAsync("/api/v1/applications", new { formId = "facility-application", data = PortalTests.FacilityData() });
        created.EnsureSuccessStatusCode();
        var applicationId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("application").GetProperty("id").GetGuid();
        var upload = new MultipartFormDataContent { { new StringContent("site_plan"), "field" } };
        var pdf = new ByteArrayContent(Files.Pdf("Site plan"));
        pdf.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        upload.Add(pdf, "files", "plan.pdf");
        (await api.PostAsync($"/api/v1/applications/{applicationId}/attachments", upload)).EnsureSuccessStatusCode();

        var page = await browser.SignedInPageAsync("dongsheng");
        await BrowserFixture.OpenAsync(page, $"/applications/{applicationId}/edit");
        var form = page.Locator("#application-form");
        await Assertions.Expect(form).ToHaveAttributeAsync("data-state", "rendered");
        await form.GetByLabel("联系人").FillAsync("另一位联系人");
        // Meanwhile it is submitted elsewhere (another tab, the API): this page may no longer change it.
        (await api.PostAsync($"/api/v1/applications/{applicationId}/submit", null)).EnsureSuccessStatusCode();

        await page.Locator("#save-draft").ClickAsync();
        await Assertions.Expect(page.Locator("[role=alert]", new() { HasText = "申请已提交，正在办理中" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("h1.wf-h1")).ToBeVisibleAsync();
        await Assertions.Expect(form.GetByLabel("联系人")).ToHaveValueAsync("另一位联系人");
        await page.Context.CloseAsync();
    }
}
