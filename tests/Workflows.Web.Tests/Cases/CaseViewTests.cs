using Microsoft.Playwright;
using Workflows.Web.Tests.Infrastructure;

namespace Workflows.Web.Tests.Cases;

[Collection(BrowserCollection.Name)]
public sealed class CaseViewTests(BrowserFixture browser)
{
    [Fact]
    public async Task Approver_opens_the_case_sees_the_tracking_diagram_and_approves_with_a_comment()
    {
        var title = "东升社区活动广场改建 " + Guid.NewGuid().ToString("N")[..6];
        var id = await browser.CaseAtCountyAsync(title);
        var page = await browser.SignedInPageAsync("zhaodong.approver");
        await BrowserFixture.OpenAsync(page, "/inbox");
        await page.Locator(".wf-task-link", new() { HasText = title }).ClickAsync();
        await BrowserFixture.WaitForUrlAsync(page, $"**/cases/{id}**");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(title);
        await Assertions.Expect(page.Locator(".wf-timeline")).ToContainTextAsync("街道审核通过");
        var diagram = page.Locator("#tracking-diagram");
        await Assertions.Expect(diagram).ToHaveAttributeAsync("data-state", "rendered");
        await Assertions.Expect(diagram.Locator("[data-element-id=countyReview].wf-active")).ToHaveCountAsync(1);
        await Assertions.Expect(diagram.Locator("[data-element-id=townshipReview].wf-done")).ToHaveCountAsync(1);
        Assert.True(await diagram.Locator(".djs-connection.wf-path").CountAsync() >= 2);
        await browser.ScreenshotAsync(page, "case");

        await page.Locator("#action-approve").ClickAsync();
        await page.Locator("#decision-comment").FillAsync("符合建设标准，同意上报");
        await page.Locator("#decision-confirm").ClickAsync();
        await Assertions.Expect(page.Locator(".wf-timeline")).ToContainTextAsync("符合建设标准，同意上报");
        await Assertions.Expect(page.Locator("#action-approve")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Rejecting_without_a_comment_is_refused_in_the_dialog()
    {
        var title = "驳回校验 " + Guid.NewGuid().ToString("N")[..6];
        var id = await browser.CaseAtCountyAsync(title);
        var page = await browser.SignedInPageAsync("zhaodong.approver");
        await BrowserFixture.OpenAsync(page, $"/cases/{id}");
        await page.Locator("#action-reject").ClickAsync();
        await page.Locator("#decision-confirm").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("不同意或退回时必须填写审核意见");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator("#action-reject")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_approver_of_another_county_cannot_open_the_case()
    {
        var id = await browser.CaseAtCountyAsync("越权查看 " + Guid.NewGuid().ToString("N")[..6]);
        var page = await browser.SignedInPageAsync("qingan.approver");
        await BrowserFixture.OpenAsync(page, $"/cases/{id}");
        await Assertions.Expect(page.Locator(".wf-empty")).ToContainTextAsync("该案件不存在，或您无权查看");
        await page.Context.CloseAsync();
    }
}
