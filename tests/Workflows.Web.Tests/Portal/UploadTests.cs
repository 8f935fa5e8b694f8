using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Workflows.Web.Tests.Infrastructure;

namespace Workflows.Web.Tests.Portal;

[Collection(BrowserCollection.Name)]
public sealed class UploadTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_file_chosen_in_a_new_application_saves_the_draft_uploads_and_is_listed_with_remove()
    {
        var page = await browser.SignedInPageAsync("dongsheng");
        await OpenNewFacilityApplicationAsync(page);
        var sitePlan = page.Locator(".wf-upload[data-field=site_plan]");
        await Assertions.Expect(sitePlan.Locator(".wf-upload-choose")).ToHaveTextAsync("选择文件上传");

        await page.Locator("input[data-upload-for=site_plan]").SetInputFilesAsync(new FilePayload
        {
            Name = "选址平面图.pdf", MimeType = "application/pdf", Buffer = Files.Pdf("选址平面图"),
        });
        // The new application was saved as a draft first: the page now has its address.
        await BrowserFixture.WaitForUrlAsync(page, "**/applications/*/edit");
        await Assertions.Expect(sitePlan.Locator(".wf-upload-file")).ToHaveCountAsync(1);
        await Assertions.Expect(sitePlan.Locator(".wf-upload-name")).ToHaveTextAsync("选址平面图.pdf");
        // A field that takes one file offers no second upload until the first is removed.
        await Assertions.Expect(sitePlan.Locator(".wf-upload-choose")).ToHaveCountAsync(0);
        await page.Locator("#application-form .fjs-form-field-group").Last.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "form-upload.png") });

        var applicationId = Guid.Parse(page.Url.Split('/')[^2]);
        using var api = await browser.Server.ApiAsAsync("dongsheng");
        var files = await api.GetFromJsonAsync<JsonElement>($"/api/v1/applications/{applicationId}/attachments");
        var file = files.EnumerateArray().Single();
        Assert.Equal("site_plan", file.GetProperty("fieldPath").GetString());
        // The value the page sends is the attachment's id, as the server binds it.
        var data = await page.EvaluateAsync<string>("() => window.workflowsForms.data(document.getElementById('application-form'))");
        Assert.Equal(file.GetProperty("id").GetString(), JsonDocument.Parse(data).RootElement.GetProperty("site_plan").GetString());

        await sitePlan.GetByRole(AriaRole.Button, new() { Name = "删除 选址平面图.pdf" }).ClickAsync();
        await Assertions.Expect(sitePlan.Locator(".wf-upload-file")).ToHaveCountAsync(0);
        await Assertions.Expect(sitePlan.Locator(".wf-upload-choose")).ToBeVisibleAsync();
        Assert.Empty((await api.GetFromJsonAsync<JsonElement>($"/api/v1/applications/{applicationId}/attachments")).EnumerateArray());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_file_the_field_does_not_accept_is_refused_beside_the_field_in_Chinese_and_in_English()
    {
        var page = await browser.SignedInPageAsync("dongsheng");
        await OpenNewFacilityApplicationAsync(page);
        var photos = page.Locator(".wf-upload[data-field=photos]");
        await page.Locator("input[data-upload-for=photos]").SetInputFilesAsync(new FilePayload
        {
            Name = "说明.txt", MimeType = "text/plain", Buffer = "这不是照片"u8.ToArray(),
        });
        await Assertions.Expect(photos.Locator(".fjs-form-field-error")).ToContainTextAsync("现状照片");
        var message = await photos.Locator(".fjs-form-field-error").InnerTextAsync();
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", message.Replace("现状照片", ""));
        await Assertions.Expect(photos.Locator(".wf-upload-file")).ToHaveCountAsync(0);

        // A picture is taken; several are allowed.
        await page.Locator("input[data-upload-for=photos]").SetInputFilesAsync(new FilePayload { Name = "现状.png", MimeType = "image/png", Buffer = Files.Png() });
        await Assertions.Expect(photos.Locator(".wf-upload-file")).ToHaveCountAsync(1);
        await Assertions.Expect(photos.Locator(".fjs-form-field-error")).ToHaveCountAsync(0);
        await page.Locator("input[data-upload-for=photos]").SetInputFilesAsync(new FilePayload { Name = "现状2.png", MimeType = "image/png", Buffer = Files.Png() });
        await Assertions.Expect(photos.Locator(".wf-upload-file")).ToHaveCountAsync(2);
        await page.Context.CloseAsync();

        var english = await browser.SignedInPageAsync("dongsheng");
        await BrowserFixture.OpenAsync(english, "/account/language?culture=en&returnUrl=%2Fapplications%2Fnew");
        await english.Locator(".wf-app-link", new() { HasText = "设施" }).First.ClickAsync();
        await Assertions.Expect(english.Locator("#application-form")).ToHaveAttributeAsync("data-state", "rendered");
        var sitePlan = english.Locator(".wf-upload[data-field=site_plan]");
        await Assertions.Expect(sitePlan.Locator(".wf-upload-choose")).ToHaveTextAsync("Choose a file to upload");
        await english.Locator("input[data-upload-for=site_plan]").SetInputFilesAsync(new FilePayload
        {
            Name = "plan.exe", MimeType = "application/octet-stream", Buffer = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00],
        });
        await Assertions.Expect(sitePlan.Locator(".fjs-form-field-error")).ToBeVisibleAsync();
        var englishMessage = await sitePlan.Locator(".fjs-form-field-error").InnerTextAsync();
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", englishMessage.Replace("选址平面图", ""));
        await english.Context.CloseAsync();
    }

    internal static async Task OpenNewFacilityApplicationAsync(IPage page)
    {
        await BrowserFixture.OpenAsync(page, "/applications/new");
        await page.Locator(".wf-app-link", new() { HasText = "设施" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("#application-form")).ToHaveAttributeAsync("data-state", "rendered");
    }
}

/// <summary>Small real files: the server judges a file by its content, not its name.</summary>
internal static class Files
{
    /// <summary>A one-page PDF with a line of text.</summary>
    public static byte[] Pdf(string text)
    {
        var body = $"BT /F1 24 Tf 72 700 Td ({Ascii(text)}) Tj ET";
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {body.Length} >>\nstream\n{body}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        var pdf = new System.Text.StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append($"{offset:D10} 00000 n \n");
        }
        pdf.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return System.Text.Encoding.ASCII.GetBytes(pdf.ToString());
    }

    private static string Ascii(string text) => new(text.Select(c => c < 128 && c != '(' && c != ')' && c != '\\' ? c : '?').ToArray());

    /// <summary>A real picture: the diagram of the facility workflow from the documentation.</summary>
    public static byte[] Picture() => File.ReadAllBytes(Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "docs", "images", "workflow-facility-application.png")));

    /// <summary>A 1×1 PNG.</summary>
    public static byte[] Png() => Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
}
