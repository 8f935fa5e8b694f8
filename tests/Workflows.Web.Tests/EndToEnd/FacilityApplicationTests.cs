using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workflows.Server.Runtime;
using Workflows.Web.Tests.Infrastructure;
using Workflows.Web.Tests.Portal;

namespace Workflows.Web.Tests.EndToEnd;

/// <summary>
/// A facility application from start to reply, every step in the browser of the person who takes it:
/// the applicant fills in the form and uploads the site plan, the county returns it, the applicant
/// revises and resubmits, street, county, city and province approve, the applicant downloads the reply.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FacilityApplicationTests(BrowserFixture browser)
{
    [Fact]
    public async Task Applicant_submits_county_returns_applicant_resubmits_four_levels_approve_and_the_applicant_downloads_the_reply()
    {
        // 1. The applicant (东升社区) fills in the form in the browser, with the site plan, and submits.
        var applicant = await browser.SignedInPageAsync("dongsheng");
        await UploadTests.OpenNewFacilityApplicationAsync(applicant);
        var form = applicant.Locator("#application-form");
        await form.GetByLabel("联系人").FillAsync("刘晓东");
        await form.GetByLabel("联系电话").FillAsync("0455-22851234");
        await form.GetByLabel("城市社区").CheckAsync();
        await form.GetByLabel("户数").FillAsync("3100");
        await form.GetByLabel("人口").FillAsync("9000");
        await ChooseAsync(applicant, Field(form, "select", "设施类型"), null);
        await Field(form, "radio", "项目类型").Locator("input[type=radio]").First.CheckAsync();
        await form.GetByLabel("规划办公和服务用房面积").FillAsync("450");
        var start = Field(form, "datetime", "").Locator("input").First;
        await start.FillAsync("2027/3/1");
        await start.PressAsync("Tab");
        await form.GetByLabel("项目总预算").FillAsync("900000");
        // Central money sends the application up to the province.
        await ChooseAsync(applicant, Field(form, "select", "来源"), "中央资金");
        await form.GetByLabel("金额").FillAsync("900000");
        await applicant.Locator("input[data-upload-for=site_plan]").SetInputFilesAsync(new FilePayload
        {
            Name = "选址平面图.pdf", MimeType = "application/pdf", Buffer = Files.Pdf("Site plan of Dongsheng community service station"),
        });
        await BrowserFixture.WaitForUrlAsync(applicant, "**/applications/*/edit");
        await Assertions.Expect(applicant.Locator(".wf-upload[data-field=site_plan] .wf-upload-name")).ToHaveTextAsync("选址平面图.pdf");
        await browser.ScreenshotAsync(applicant, "e2e-1-form-filled");
        await SubmitAsync(applicant);
        var caseUrl = applicant.Url;
        var instanceId = Guid.Parse(new Uri(caseUrl).AbsolutePath.Split('/')[^1]);
        var businessKey = (await applicant.Locator(".wf-facts dd.wf-mono").InnerTextAsync()).Trim();
        await Assertions.Expect(applicant.Locator("#case-attachments .wf-attachment-name")).ToHaveTextAsync("选址平面图.pdf");
        // The case shows the form as filled in, choices from the form's lists included.
        await Assertions.Expect(applicant.Locator("#case-form")).ToContainTextAsync("中央资金");
        await Assertions.Expect(applicant.Locator("#case-form").GetByLabel("城市社区")).ToBeCheckedAsync();

        // 2. The street approves; the county approver returns it with a comment from the case view.
        await ActAsync("dongcheng.reviewer", businessKey, instanceId, "approve", "材料齐全，同意上报");
        await ActAsync("zhaodong.approver", businessKey, instanceId, "return", "请补充规划面积的测算依据，面积按 500 平方米重新填报", "e2e-2-return");

        // 3. The applicant sees it returned, with the comment, revises and resubmits.
        await BrowserFixture.OpenAsync(applicant, "/applications");
        var row = applicant.Locator(".wf-app", new() { Has = applicant.Locator($"a[href='/cases/{instanceId}']") });
        await Assertions.Expect(row.Locator(".wf-needs")).ToHaveTextAsync("需要修改");
        await browser.ScreenshotAsync(applicant, "e2e-3-returned");
        await row.Locator("a").ClickAsync();
        await Assertions.Expect(applicant.Locator(".wf-timeline")).ToContainTextAsync("面积按 500 平方米重新填报");
        await applicant.Locator("#edit-resubmit").ClickAsync();
        await Assertions.Expect(applicant.Locator("#application-form")).ToHaveAttributeAsync("data-state", "rendered");
        await Assertions.Expect(applicant.Locator(".wf-upload[data-field=site_plan] .wf-upload-name")).ToHaveTextAsync("选址平面图.pdf");
        await applicant.Locator("#application-form").GetByLabel("规划办公和服务用房面积").FillAsync("500");
        // On a phone the form fits the screen's width.
        await applicant.SetViewportSizeAsync(360, 780);
        await browser.ScreenshotAsync(applicant, "e2e-3-phone-form", fullPage: false);
        Assert.True(await applicant.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the form scrolls sideways at 360 px");
        await applicant.SetViewportSizeAsync(1280, 900);
        await SubmitAsync(applicant);
        await Assertions.Expect(applicant).ToHaveURLAsync(caseUrl);

        // 4. Street, county, city and province approve, each in their own browser.
        await ActAsync("dongcheng.reviewer", businessKey, instanceId, "approve", "已按要求修改，同意上报");
        await ActAsync("zhaodong.approver", businessKey, instanceId, "approve", "同意，报市级审核");
        await ActAsync("suihua.approver", businessKey, instanceId, "approve", "同意，报省级审核");
        await ActAsync("hlj.approver", businessKey, instanceId, "approve", "同意建设", "e2e-4-province");

        // The reply is issued by a service task that the background jobs run; here the test runs them.
        await using (var scope = browser.Server.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DrainAsync();
            await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DrainAsync();
        }

        // 5. The applicant finds the case completed and downloads the reply.
        await BrowserFixture.OpenAsync(applicant, caseUrl);
        await Assertions.Expect(applicant.Locator(".wf-case-chips")).ToContainTextAsync("已办结");
        var documents = applicant.Locator(".wf-documents li");
        await Assertions.Expect(documents).ToHaveCountAsync(1);
        await browser.ScreenshotAsync(applicant, "e2e-5-completed");
        await applicant.SetViewportSizeAsync(360, 780);
        await applicant.Locator("#documents-title").ScrollIntoViewIfNeededAsync();
        await browser.ScreenshotAsync(applicant, "e2e-5-phone-documents", fullPage: false);
        Assert.True(await applicant.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the case scrolls sideways at 360 px");
        Assert.True(await documents.Locator(".wf-document-title").EvaluateAsync<bool>(
            "e => { const r = e.getBoundingClientRect(), s = e.closest('.wf-section').getBoundingClientRect(); return r.right <= s.right && e.scrollWidth <= e.clientWidth + 1; }"),
            "the document's title is cut off at 360 px");
        var title = (await documents.Locator(".wf-document-title").InnerTextAsync()).Trim();
        var href = await documents.Locator("a").GetAttributeAsync("href");
        var reply = await applicant.APIRequest.GetAsync(href!);
        Assert.Equal(200, reply.Status);
        Assert.Equal("application/pdf", reply.Headers["content-type"]);
        var pdf = await reply.BodyAsync();
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5));
        var text = PdfText(pdf);
        Assert.Contains("批复", title);
        Assert.Contains(Squeeze(title), Squeeze(text));
        await applicant.Context.CloseAsync();
    }

    /// <summary>The approver opens the inbox, finds the case by its business key, opens it and decides with a comment.</summary>
    private async Task ActAsync(string userName, string businessKey, Guid instanceId, string outcome, string comment, string? screenshot = null)
    {
        var page = await browser.SignedInPageAsync(userName);
        await BrowserFixture.OpenAsync(page, "/inbox");
        await page.GetByLabel("搜索标题或业务编号").FillAsync(businessKey);
        var link = page.Locator($".wf-task-link[href^='/cases/{instanceId}']");
        await Assertions.Expect(link).ToHaveCountAsync(1);
        if (screenshot is not null)
        {
            await browser.ScreenshotAsync(page, screenshot + "-inbox");
        }
        await link.ClickAsync();
        await BrowserFixture.WaitForUrlAsync(page, $"**/cases/{instanceId}**");
        await Assertions.Expect(page.Locator("#tracking-diagram")).ToHaveAttributeAsync("data-state", "rendered");
        await page.Locator($"#action-{outcome}").ClickAsync();
        await page.Locator("#decision-comment").FillAsync(comment);
        if (screenshot is not null)
        {
            await browser.ScreenshotAsync(page, screenshot + "-dialog", fullPage: false);
        }
        await page.Locator("#decision-confirm").ClickAsync();
        await Assertions.Expect(page.Locator(".wf-timeline")).ToContainTextAsync(comment);
        await Assertions.Expect(page.Locator($"#action-{outcome}")).ToHaveCountAsync(0);
        if (screenshot is not null)
        {
            await browser.ScreenshotAsync(page, screenshot + "-case");
        }
        await page.Context.CloseAsync();
    }

    private static async Task SubmitAsync(IPage page)
    {
        await page.Locator("#submit-form").ClickAsync();
        // Rule-set warnings are shown first; the second click submits with them.
        var landed = BrowserFixture.WaitForUrlAsync(page, "**/cases/**");
        var warned = page.Locator("#form-warnings").WaitForAsync();
        var errors = page.Locator("#form-errors").WaitForAsync();
        var first = await Task.WhenAny(landed, warned, errors);
        if (first == errors)
        {
            Assert.Fail("the server refused the form: " + await page.Locator("#form-errors").InnerTextAsync());
        }
        if (first == warned)
        {
            await page.Locator("#submit-form").ClickAsync();
            await BrowserFixture.WaitForUrlAsync(page, "**/cases/**");
        }
    }

    private static ILocator Field(ILocator form, string type, string label) =>
        form.Locator($".fjs-form-field-{type}", new() { Has = form.Page.Locator("label", new() { HasText = label }) }).First;

    /// <summary>Opens a form-js select and picks the option with the text, or the first.</summary>
    private static async Task ChooseAsync(IPage page, ILocator field, string? option)
    {
        await field.Locator(".fjs-input-group").ClickAsync();
        var items = field.Locator(".fjs-dropdownlist-item");
        await (option is null ? items.First : items.Filter(new() { HasText = option }).First).ClickAsync();
    }

    private static string PdfText(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"reply-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", path, "-"]) { RedirectStandardOutput = true })!;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return text;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Squeeze(string text) => new(text.Where(c => !char.IsWhiteSpace(c)).ToArray());
}
