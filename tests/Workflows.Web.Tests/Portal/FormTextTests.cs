using Microsoft.Playwright;
using Workflows.Web.Tests.Infrastructure;

namespace Workflows.Web.Tests.Portal;

/// <summary>The form viewer's own words (placeholders, required-field messages, the date picker) follow the page's language.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FormTextTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_form_viewers_words_are_Chinese_on_a_Chinese_page_and_stay_so_after_it_renders_again()
    {
        var page = await browser.SignedInPageAsync("dongsheng");
        await UploadTests.OpenNewFacilityApplicationAsync(page);
        var form = page.Locator("#application-form");
        await Assertions.Expect(form.Locator(".fjs-select-display").First).ToHaveTextAsync("请选择");

        // form-js checks a required field when it changes: its message is in Chinese.
        var contact = form.GetByLabel("联系人");
        await contact.FillAsync("刘");
        await contact.FillAsync("");
        await Assertions.Expect(form.Locator(".fjs-form-field-error", new() { HasText = "此项为必填项" }).First).ToBeVisibleAsync();
        // Typing elsewhere renders the form again; the words stay translated.
        await form.GetByLabel("联系电话").FillAsync("0455-22851234");
        await Assertions.Expect(form.Locator(".fjs-select-display").First).ToHaveTextAsync("请选择");
        var text = await form.InnerTextAsync();
        Assert.DoesNotContain("Field is required", text);
        Assert.DoesNotContain("Select", text);

        // The date picker names weekdays in Chinese.
        var date = form.Locator(".fjs-form-field-datetime input").First;
        await date.ClickAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(form.Locator(".flatpickr-weekday").First).ToContainTextAsync("周");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_form_viewers_words_are_English_on_an_English_page()
    {
        var page = await browser.SignedInPageAsync("dongsheng");
        await BrowserFixture.OpenAsync(page, "/account/language?culture=en&returnUrl=%2Fapplications%2Fnew");
        await page.Locator(".wf-app-link").First.WaitForAsync();
        await UploadTests.OpenNewFacilityApplicationAsync(page);
        var form = page.Locator("#application-form");
        await Assertions.Expect(form.Locator(".fjs-select-display").First).ToHaveTextAsync("Select");
        var contact = form.GetByLabel("联系人");
        await contact.FillAsync("x");
        await contact.FillAsync("");
        await Assertions.Expect(form.Locator(".fjs-form-field-error", new() { HasText = "Field is required." }).First).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
