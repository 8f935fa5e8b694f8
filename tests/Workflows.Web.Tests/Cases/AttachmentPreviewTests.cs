using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Workflows.Web.Tests.Infrastructure;
using Workflows.Web.Tests.Portal;

namespace Workflows.Web.Tests.Cases;

[Collection(BrowserCollection.Name)]
public sealed class AttachmentPreviewTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_case_shows_pictures_inline_and_a_PDF_in_a_viewer_opened_from_the_keyboard_under_the_download_access_rule()
    {
        using var api = await browser.Server.ApiAsAsync("dongsheng");
        var created = await api.PostAsJsonAsync("/api/v1/applications", new { formId = "facility-application", data = PortalTests.FacilityData() });
        created.EnsureSuccessStatusCode();
        var applicationId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("application").GetProperty("id").GetGuid();
        var pdfId = await UploadAsync(api, applicationId, "site_plan", "平面图.pdf", "application/pdf", Files.Pdf("Site plan"));
        var pngId = await UploadAsync(api, applicationId, "photos", "现状.png", "image/png", Files.Picture());
        (await api.PostAsync($"/api/v1/applications/{applicationId}/submit", null)).EnsureSuccessStatusCode();
        var instanceId = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/applications/{applicationId}")).GetProperty("application").GetProperty("instanceId").GetGuid();

        var page = await browser.SignedInPageAsync("dongsheng");
        await BrowserFixture.OpenAsync(page, $"/cases/{instanceId}");
        var section = page.Locator("#case-attachments");
        await Assertions.Expect(section.Locator(".wf-attachment")).ToHaveCountAsync(2);
        var picture = section.Locator("img.wf-attachment-image");
        await Assertions.Expect(picture).ToHaveAttributeAsync("alt", "现状.png");
        await page.WaitForFunctionAsync("() => document.querySelector('img.wf-attachment-image')?.naturalWidth > 100");
        await section.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "case-attachments.png") });

        // The PDF viewer opens from the keyboard: the toggle is a button, and says whether it is open.
        var toggle = section.GetByRole(AriaRole.Button, new() { Name = "预览 平面图.pdf" });
        await toggle.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var viewer = section.Locator("iframe.wf-attachment-pdf");
        await Assertions.Expect(viewer).ToBeVisibleAsync();
        await Assertions.Expect(viewer).ToHaveAttributeAsync("src", $"/api/v1/attachments/{pdfId}/preview");
        await Assertions.Expect(section.GetByRole(AriaRole.Button, new() { Name = "收起预览 平面图.pdf" })).ToHaveAttributeAsync("aria-expanded", "true");

        // Inline with the detected type for the page; the download stays a download.
        var preview = await page.APIRequest.GetAsync($"/api/v1/attachments/{pdfId}/preview");
        Assert.Equal(200, preview.Status);
        Assert.Equal("application/pdf", preview.Headers["content-type"]);
        Assert.StartsWith("inline", preview.Headers["content-disposition"]);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(await preview.BodyAsync(), 0, 4));
        var image = await page.APIRequest.GetAsync($"/api/v1/attachments/{pngId}/preview");
        Assert.Equal("image/png", image.Headers["content-type"]);
        var download = await page.APIRequest.GetAsync($"/api/v1/attachments/{pdfId}");
        Assert.StartsWith("attachment", download.Headers["content-disposition"]);
        await page.Context.CloseAsync();

        // Someone who may not see the case sees neither.
        using var outsider = await browser.Server.ApiAsAsync("qingan.approver");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await outsider.GetAsync($"/api/v1/attachments/{pdfId}/preview")).StatusCode);
    }

    private static async Task<Guid> UploadAsync(HttpClient api, Guid applicationId, string field, string name, string mediaType, byte[] bytes)
    {
        var upload = new MultipartFormDataContent { { new StringContent(field), "field" } };
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        upload.Add(content, "files", name);
        var response = await api.PostAsync($"/api/v1/applications/{applicationId}/attachments", upload);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("id").GetGuid();
    }
}
