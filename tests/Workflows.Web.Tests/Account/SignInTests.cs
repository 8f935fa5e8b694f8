using Microsoft.Playwright;
using Workflows.Web.Tests.Infrastructure;

namespace Workflows.Web.Tests.Account;

[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_stranger_is_sent_to_the_sign_in_page_and_back_after_signing_in()
    {
        var page = await browser.PageAsync();
        await page.GotoAsync("/inbox");
        await BrowserFixture.WaitForUrlAsync(page, "**/signin?returnUrl=%2Finbox");
        await browser.ScreenshotAsync(page, "signin");
        await page.FillAsync("#userName", "zhaodong.approver");
        await page.FillAsync("#password", Workflows.Server.Seeding.DemoData.Password);
        await page.ClickAsync("button[type=submit]");
        await BrowserFixture.WaitForUrlAsync(page, "**/inbox");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("待办事项");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_password_says_what_to_do()
    {
        var page = await browser.PageAsync();
        await page.GotoAsync("/signin");
        await page.FillAsync("#userName", "dongsheng");
        await page.FillAsync("#password", "not-the-password-1");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("#signin-error")).ToHaveTextAsync("用户名或密码不正确，请检查后重试。");
        await Assertions.Expect(page.Locator("#userName")).ToHaveValueAsync("dongsheng");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var page = await browser.SignedInPageAsync("dongsheng");
        await page.GetByLabel("退出登录").ClickAsync();
        await BrowserFixture.WaitForUrlAsync(page, "**/signin");
        await page.GotoAsync("/applications");
        await BrowserFixture.WaitForUrlAsync(page, "**/signin?returnUrl=%2Fapplications");
        await page.Context.CloseAsync();
    }
}
