using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Workflows.Web.Tests.Infrastructure;

namespace Workflows.Web.Tests.Cases;

/// <summary>Approvers' pages under bad input: double clicks, markup in what people typed.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BadInputTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_double_click_on_approve_acts_once()
    {
        var id = await browser.CaseAtCountyAsync("双击同意 " + Guid.NewGuid().ToString("N")[..6]);
        var page = await browser.SignedInPageAsync("zhaodong.approver");
        await BrowserFixture.OpenAsync(page, $"/cases/{id}");
        await page.Locator("#action-approve").DblClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(1);
        await page.Locator("#decision-comment").FillAsync("双击也只同意一次");
        await page.Locator("#decision-confirm").DblClickAsync();
        await Assertions.Expect(page.Locator(".wf-timeline")).ToContainTextAsync("双击也只同意一次");
        await Assertions.Expect(page.Locator("#action-approve")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".mud-alert-filled-error, .mud-snackbar.mud-alert-filled-error")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".wf-comment", new() { HasText = "双击也只同意一次" })).ToHaveCountAsync(1);

        using var api = await browser.Server.ApiAsAsync("zhaodong.approver");
        var history = await api.GetFromJsonAsync<JsonElement>($"/api/v1/instances/{id}/history");
        var countyDecisions = history.EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "TaskCompleted" && e.GetProperty("elementId").GetString() == "countyReview");
        Assert.Equal(1, countyDecisions);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_double_click_on_approve_in_the_inbox_opens_one_dialog_and_approves_once()
    {
        var marker = Guid.NewGuid().ToString("N")[..6];
        var id = await browser.CaseAtCountyAsync("收件箱双击 " + marker);
        var page = await browser.SignedInPageAsync("zhaodong.approver");
        await BrowserFixture.OpenAsync(page, "/inbox");
        await page.GetByLabel("搜索标题或业务编号").FillAsync(marker);
        await Assertions.Expect(page.Locator(".wf-task")).ToHaveCountAsync(1);
        await page.Locator(".wf-task-approve").DblClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(1);
        await page.Locator("#decision-comment").FillAsync("同意 " + marker);
        await page.Locator("#decision-confirm").DblClickAsync();
        await Assertions.Expect(page.Locator(".wf-task")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);

        using var api = await browser.Server.ApiAsAsync("zhaodong.approver");
        var history = await api.GetFromJsonAsync<JsonElement>($"/api/v1/instances/{id}/history");
        Assert.Equal(1, history.EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "TaskCompleted" && e.GetProperty("elementId").GetString() == "countyReview"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Markup_in_titles_and_comments_is_shown_as_text()
    {
        var marker = Guid.NewGuid().ToString("N")[..6];
        var title = $"<img src=x onerror=\"window.__injected=1\">标记 {marker}";
        var id = await browser.CaseAtCountyAsync(title);
        var page = await browser.SignedInPageAsync("zhaodong.approver");
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        await BrowserFixture.OpenAsync(page, "/inbox");
        await page.GetByLabel("搜索标题或业务编号").FillAsync(marker);
        await Assertions.Expect(page.Locator(".wf-task")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".wf-task-title")).ToHaveTextAsync(title);
        await page.Locator(".wf-task-link").ClickAsync();
        await BrowserFixture.WaitForUrlAsync(page, $"**/cases/{id}**");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(title);

        var comment = "<b>加粗</b><script>window.__injected=2</script>同意";
        await page.Locator("#action-approve").ClickAsync();
        await page.Locator("#decision-comment").FillAsync(comment);
        await page.Locator("#decision-confirm").ClickAsync();
        await Assertions.Expect(page.Locator(".wf-comment", new() { HasText = "加粗" })).ToHaveTextAsync(comment);
        await Assertions.Expect(page.Locator(".wf-timeline b, .wf-timeline script, h1 img, .wf-page img[src=x]")).ToHaveCountAsync(0);
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__injected ?? null"));
        Assert.Equal(0, dialogs);
        await page.Context.CloseAsync();
    }
}
