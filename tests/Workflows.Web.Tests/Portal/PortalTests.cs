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
        await page.WaitForURLAsync("**/applications/*/edit");
        await BrowserFixture.OpenAsync(page, "/applications");
        await Assertions.Expect(page.Locator(".wf-app", new() { HasText = "继续填写草稿" }).First).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

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
