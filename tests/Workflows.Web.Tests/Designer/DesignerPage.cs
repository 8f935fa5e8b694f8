using Microsoft.Playwright;
using Workflows.Web.Tests.Infrastructure;

namespace Workflows.Web.Tests.Designer;

/// <summary>Steps on the designer page that several tests share.</summary>
public static class DesignerPage
{
    public const string Canvas = "#designer-canvas";

    public static async Task OpenAsync(IPage page, string processId)
    {
        await BrowserFixture.OpenAsync(page, $"/admin/workflows/{processId}");
        await WaitReadyAsync(page);
    }

    public static async Task WaitReadyAsync(IPage page) =>
        await Assertions.Expect(page.Locator($"{Canvas}[data-state=ready]")).ToHaveCountAsync(1, new() { Timeout = 30_000 });

    /// <summary>Runs a function of the modeler in the page: <c>m</c> is the modeler.</summary>
    public static Task<T> ModelerAsync<T>(IPage page, string body, object? argument = null) =>
        page.EvaluateAsync<T>($"(arg) => {{ const m = workflowsDesigner.modelerOf(document.querySelector('{Canvas}')); {body} }}", argument);

    public static Task<string> XmlAsync(IPage page) =>
        page.EvaluateAsync<string>($"() => workflowsDesigner.xmlText(document.querySelector('{Canvas}'))");

    /// <summary>Clicks an element of the diagram so that the properties panel shows it.</summary>
    public static async Task SelectAsync(IPage page, string elementId)
    {
        await ModelerAsync<bool>(page, "m.get('selection').select(m.get('elementRegistry').get(arg)); return true;", elementId);
        await Assertions.Expect(page.Locator("#designer-properties input[name=id]")).ToHaveValueAsync(elementId);
    }

    /// <summary>Applies one of our building blocks through the properties panel's template chooser.</summary>
    public static async Task ApplyTemplateAsync(IPage page, string elementId, string templateId)
    {
        await SelectAsync(page, elementId);
        await page.Locator("#designer-properties .bio-properties-panel-select-template-button").ClickAsync();
        await page.Locator($".wf-template-chooser button[data-template-id='{templateId}']").ClickAsync();
        await Assertions.Expect(page.Locator(".wf-template-chooser")).ToHaveCountAsync(0);
    }

    /// <summary>Chooses the form in our "业务绑定" group of the selected element.</summary>
    public static async Task BindFormAsync(IPage page, string elementId, string formId)
    {
        await SelectAsync(page, elementId);
        var group = page.Locator("#designer-properties [data-group-id='group-workflows-binding']");
        if (!await group.Locator("select[name='workflows-form']").IsVisibleAsync())
        {
            await group.Locator(".bio-properties-panel-group-header").ClickAsync();
        }
        await group.Locator("select[name='workflows-form']").SelectOptionAsync(formId);
    }
}
