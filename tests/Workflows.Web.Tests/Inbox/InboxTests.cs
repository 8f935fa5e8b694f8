using Microsoft.Playwright;
using Workflows.Web.Tests.Infrastructure;

namespace Workflows.Web.Tests.Inbox;

[Collection(BrowserCollection.Name)]
public sealed class InboxTests(BrowserFixture browser)
{
    [Fact]
    public async Task County_approver_signs_in_and_finds_the_applicants_case_in_the_inbox()
    {
        var title = "东升社区服务站新建申请 " + Guid.NewGuid().ToString("N")[..6];
        await browser.CaseAtCountyAsync(title);
        var page = await browser.SignedInPageAsync("zhaodong.approver");

        await BrowserFixture.OpenAsync(page, "/inbox");
        var item = page.Locator(".wf-task", new() { HasText = title });
        await Assertions.Expect(item).ToBeVisibleAsync();
        await Assertions.Expect(item.Locator(".wf-step")).ToHaveTextAsync("县级审核");
        await Assertions.Expect(page.Locator("#tab-todo .wf-count")).Not.ToHaveTextAsync("0");
        await Assertions.Expect(page.Locator(".wf-role")).ToContainTextAsync("肇东市 审批人");
        await browser.ScreenshotAsync(page, "inbox");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Keys_j_and_k_move_through_the_inbox_a_approves_and_Enter_opens()
    {
        var marker = Guid.NewGuid().ToString("N")[..6];
        await browser.CaseAtCountyAsync($"键盘甲 {marker}");
        await browser.CaseAtCountyAsync($"键盘乙 {marker}");
        await browser.CaseAtCountyAsync($"键盘丙 {marker}");
        var page = await browser.SignedInPageAsync("zhaodong.approver");
        await BrowserFixture.OpenAsync(page, "/inbox");
        await page.GetByLabel("搜索标题或业务编号").FillAsync(marker);
        await Assertions.Expect(page.Locator(".wf-task")).ToHaveCountAsync(3);
        // Newest first: 丙, 乙, 甲.
        await page.Locator("h1").ClickAsync();

        await page.Keyboard.PressAsync("j");
        await Assertions.Expect(page.Locator("#task-1")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator(".wf-task.current")).ToContainTextAsync("键盘乙");
        await page.Keyboard.PressAsync("j");
        await Assertions.Expect(page.Locator("#task-2")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("k");
        await Assertions.Expect(page.Locator("#task-1")).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("a");
        var comment = page.Locator("#decision-comment");
        await Assertions.Expect(comment).ToBeVisibleAsync();
        await comment.FillAsync("材料齐全，同意");
        await page.Locator("#decision-confirm").ClickAsync();
        await Assertions.Expect(page.Locator(".wf-task")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator(".wf-task", new() { HasText = "键盘乙" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);

        await page.Locator("#task-0").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await BrowserFixture.WaitForUrlAsync(page, "**/cases/**");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("键盘丙");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Bulk_approval_reports_a_result_for_each_task()
    {
        var marker = Guid.NewGuid().ToString("N")[..6];
        await browser.CaseAtCountyAsync($"批量一 {marker}");
        await browser.CaseAtCountyAsync($"批量二 {marker}");
        var page = await browser.SignedInPageAsync("zhaodong.approver");
        await BrowserFixture.OpenAsync(page, "/inbox");
        await page.GetByLabel("搜索标题或业务编号").FillAsync(marker);
        await Assertions.Expect(page.Locator(".wf-task")).ToHaveCountAsync(2);
        foreach (var box in await page.Locator(".wf-check").AllAsync())
        {
            await box.CheckAsync();
        }
        await page.Locator("#bulk-approve").ClickAsync();
        await page.Locator("#decision-confirm").ClickAsync();
        await Assertions.Expect(page.Locator(".wf-bulk-results li")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator(".wf-task")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_inbox_updates_without_reload_when_someone_else_acts()
    {
        var marker = Guid.NewGuid().ToString("N")[..6];
        var page = await browser.SignedInPageAsync("zhaodong.approver");
        await BrowserFixture.OpenAsync(page, "/inbox");
        await page.GetByLabel("搜索标题或业务编号").FillAsync(marker);
        await Assertions.Expect(page.Locator(".wf-empty")).ToBeVisibleAsync();

        // Through the API, so only the page's periodic check can notice it.
        await browser.CaseAtCountyAsync($"实时更新 {marker}");
        await Assertions.Expect(page.Locator(".wf-task", new() { HasText = marker })).ToBeVisibleAsync(new() { Timeout = 40_000 });
        await page.Context.CloseAsync();
    }
}
