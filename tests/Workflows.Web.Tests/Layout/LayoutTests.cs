using System.Net.Http.Json;
using Microsoft.Playwright;
using Workflows.Web.Tests.Infrastructure;

namespace Workflows.Web.Tests.Layout;

[Collection(BrowserCollection.Name)]
public sealed class LayoutTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("dongsheng", "/")]
    [InlineData("dongsheng", "/applications")]
    [InlineData("dongsheng", "/applications/new")]
    [InlineData("zhaodong.approver", "/inbox")]
    public async Task A_360_pixel_wide_page_has_no_horizontal_scroll(string user, string path)
    {
        var page = await browser.SignedInPageAsync(user, 360, 740);
        await BrowserFixture.OpenAsync(page, path);
        await page.Locator("h1").WaitForAsync();
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"{path} is {overflow}px wider than the screen");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_case_view_fits_a_phone()
    {
        var id = await browser.CaseAtCountyAsync("手机查看 " + Guid.NewGuid().ToString("N")[..6]);
        var page = await browser.SignedInPageAsync("dongsheng", 360, 740);
        await BrowserFixture.OpenAsync(page, $"/cases/{id}");
        await Assertions.Expect(page.Locator("#tracking-diagram")).ToHaveAttributeAsync("data-state", "rendered");
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the case view is {overflow}px wider than the screen");
        await browser.ScreenshotAsync(page, "phone-case");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_sign_in_page_fits_a_phone()
    {
        var page = await browser.PageAsync(360, 740);
        await page.GotoAsync("/signin");
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0);
        await browser.ScreenshotAsync(page, "phone-signin");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_English_switch_changes_the_labels_and_Chinese_comes_back()
    {
        var page = await browser.SignedInPageAsync("zhaodong.approver");
        await BrowserFixture.OpenAsync(page, "/inbox");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("待办事项");
        await page.GetByLabel("语言").ClickAsync();
        await page.GetByText("English").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Inbox");
        await Assertions.Expect(page.Locator("#tab-copied")).ToContainTextAsync("Copied to me");
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        await browser.ScreenshotAsync(page, "inbox-en");
        await page.GetByLabel("Language").ClickAsync();
        await page.GetByText("中文").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("待办事项");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Someone_with_two_roles_switches_in_the_header_and_the_home_page_follows()
    {
        // zhaodong.approver is the county's approver and its unit administrator.
        var page = await browser.SignedInPageAsync("zhaodong.approver");
        await BrowserFixture.OpenAsync(page, "/");
        await Assertions.Expect(page.Locator(".wf-cards")).ToBeVisibleAsync();
        await page.GetByLabel("当前单位和角色").ClickAsync();
        await page.GetByText("肇东市 · 单位管理员").ClickAsync();
        await Assertions.Expect(page.Locator(".wf-role")).ToContainTextAsync("肇东市 单位管理员");
        await Assertions.Expect(page.Locator(".wf-empty")).ToContainTextAsync("系统管理");
        await Assertions.Expect(page.Locator("a.wf-nav-link[href='/inbox']")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_urge_arrives_as_an_unread_notification_that_opens_the_case()
    {
        var title = "催办通知 " + Guid.NewGuid().ToString("N")[..6];
        var id = await browser.CaseAtCountyAsync(title);
        using (var applicant = await browser.Server.ApiAsAsync("dongsheng"))
        {
            (await applicant.PostAsJsonAsync($"/api/v1/instances/{id}/urge", new { comment = "请尽快审核" })).EnsureSuccessStatusCode();
        }
        var page = await browser.SignedInPageAsync("zhaodong.approver");
        await page.GetByLabel("条未读").ClickAsync();
        await page.Locator(".wf-notification-title", new() { HasText = title }).ClickAsync();
        await BrowserFixture.WaitForUrlAsync(page, $"**/cases/{id}");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(title);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Every_control_on_the_inbox_is_reachable_by_Tab_with_a_visible_focus()
    {
        await browser.CaseAtCountyAsync("焦点检查 " + Guid.NewGuid().ToString("N")[..6]);
        var page = await browser.SignedInPageAsync("zhaodong.approver");
        await BrowserFixture.OpenAsync(page, "/inbox");
        await page.Locator(".wf-task").First.WaitForAsync();
        var reachedTask = false;
        for (var i = 0; i < 40 && !reachedTask; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var outline = await page.EvaluateAsync<string>("() => { const e = document.activeElement; return e ? getComputedStyle(e).outlineStyle + '|' + (e.id || '') : ''; }");
            Assert.StartsWith("solid", outline);
            reachedTask = outline.EndsWith("|task-0");
        }
        Assert.True(reachedTask, "Tab never reached the first task");
        await page.Context.CloseAsync();
    }
}
