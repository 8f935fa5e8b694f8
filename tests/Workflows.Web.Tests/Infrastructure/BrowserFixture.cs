using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Workflows.Server.Seeding;

namespace Workflows.Web.Tests.Infrastructure;

/// <summary>One server and one headless Debian Chromium for all browser tests; each test gets its own browser context (its own cookies).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>How long any step waits, in milliseconds: generous, for a busy build machine.</summary>
    public const int StepTimeout = 15_000;

    public WebServer Server { get; } = new();

    public IPlaywright Playwright { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Screenshots land here; the best are kept in docs/images.</summary>
    public static string ScreenshotFolder { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public async Task InitializeAsync()
    {
        BaseUrl = Server.BaseUrl;
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task<IPage> PageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
        });
        context.SetDefaultTimeout(StepTimeout);
        // Assertions wait as long as actions do: on a machine busy with other test runs a page's
        // script island (form-js, bpmn-js) can take longer than Playwright's default 5 s to appear.
        Assertions.SetDefaultExpectTimeout(StepTimeout);
        return await context.NewPageAsync();
    }

    public async Task<IPage> SignedInPageAsync(string userName, int width = 1280, int height = 900)
    {
        var page = await PageAsync(width, height);
        await page.GotoAsync("/signin");
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", DemoData.Password);
        await page.ClickAsync("button[type=submit]");
        await WaitForUrlAsync(page, AwayFromSignIn);
        await page.Locator("body[data-ready=true]").WaitForAsync();
        return page;
    }

    /// <summary>Any address but the sign-in page's.</summary>
    public static Regex AwayFromSignIn { get; } = new("^(?!.*/signin)");

    /// <summary>Goes to a page and waits until it is interactive: typing into a page still prerendering would be lost.</summary>
    public static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.Locator("body[data-ready=true]").WaitForAsync();
    }

    /// <summary>
    /// Waits until the page's address matches <paramref name="glob"/> (<c>*</c> within one path segment,
    /// <c>**</c> across segments and the query). Use this, not <c>IPage.WaitForURLAsync</c>: that one compares
    /// the address it last heard of and only then starts listening for navigations, so a navigation that lands
    /// in between is never seen and the wait times out on a page that is already there
    /// (microsoft/playwright-dotnet#3364). A Blazor <c>NavigateTo</c> lands a few tens of milliseconds after the
    /// click that caused it, which on a busy machine is right in that gap. Here the browser's side is asked
    /// again until the address matches, so nothing can be missed.
    /// </summary>
    public static Task WaitForUrlAsync(IPage page, string glob) => WaitForUrlAsync(page, UrlPattern(glob));

    /// <inheritdoc cref="WaitForUrlAsync(IPage, string)"/>
    public static Task WaitForUrlAsync(IPage page, Regex url) =>
        Assertions.Expect(page).ToHaveURLAsync(url, new() { Timeout = StepTimeout });

    private static Regex UrlPattern(string glob) =>
        new("^" + string.Join(".*", glob.Split("**").Select(part => string.Join("[^/]*", part.Split('*').Select(Regex.Escape)))) + "$");

    /// <summary>
    /// A facility application started through the API by dongsheng (东升社区) and approved by the
    /// street reviewer, so that it waits for the county approver zhaodong.approver.
    /// </summary>
    public async Task<Guid> CaseAtCountyAsync(string title)
    {
        using var applicant = await Server.ApiAsAsync("dongsheng");
        var started = await applicant.PostAsJsonAsync("/api/v1/instances", new
        {
            processId = "facility-application",
            title,
            variables = new Dictionary<string, object> { ["project_name"] = title, ["project_kind"] = "new_build", ["budget"] = 300000 },
        });
        started.EnsureSuccessStatusCode();
        var instanceId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instance").GetProperty("id").GetGuid();
        using var reviewer = await Server.ApiAsAsync("dongcheng.reviewer");
        var tasks = await reviewer.GetFromJsonAsync<JsonElement>($"/api/v1/tasks?search={Uri.EscapeDataString(title)}");
        var taskId = tasks.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("instanceId").GetGuid() == instanceId).GetProperty("id").GetGuid();
        var approved = await reviewer.PostAsJsonAsync($"/api/v1/tasks/{taskId}/complete", new { outcome = "approve", comment = "街道审核通过" });
        approved.EnsureSuccessStatusCode();
        return instanceId;
    }

    public async Task ScreenshotAsync(IPage page, string name, bool fullPage = true) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = fullPage });

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
