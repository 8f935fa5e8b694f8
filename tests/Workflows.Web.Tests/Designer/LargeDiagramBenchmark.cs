using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using Workflows.Web.Tests.Infrastructure;
using static Workflows.Web.Tests.Designer.DesignerPage;

namespace Workflows.Web.Tests.Designer;

/// <summary>
/// A generated workflow of 500 elements (start, 498 user tasks, end) opened in the designer and
/// saved as a draft, timed in the browser. Figures go to docs/benchmarks.md.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LargeDiagramBenchmark(BrowserFixture browser)
{
    public static string Generate(string processId, int nodes)
    {
        var process = new StringBuilder();
        var diagram = new StringBuilder();
        string Id(int i) => i == 0 ? "start" : i == nodes - 1 ? "end" : $"task{i}";
        (int X, int Y) At(int i) => (150 + i % 25 * 160, 100 + i / 25 * 140);
        for (var i = 0; i < nodes; i++)
        {
            var incoming = i > 0 ? $"<bpmn:incoming>flow{i}</bpmn:incoming>" : "";
            var outgoing = i < nodes - 1 ? $"<bpmn:outgoing>flow{i + 1}</bpmn:outgoing>" : "";
            var level = (i % 3) switch { 0 => "county", 1 => "city", _ => "province" };
            process.Append(i == 0 ? $"<bpmn:startEvent id=\"start\" name=\"提交申请\">{outgoing}</bpmn:startEvent>\n"
                : i == nodes - 1 ? $"<bpmn:endEvent id=\"end\" name=\"办结\">{incoming}</bpmn:endEvent>\n"
                : $"""
                  <bpmn:userTask id="{Id(i)}" name="第{i}步审核"><bpmn:extensionElements><zeebe:userTask /><zeebe:assignmentDefinition candidateGroups="{level}:approver" /><zeebe:formDefinition formId="facility-application" /><zeebe:taskSchedule dueDate="P5WD" /></bpmn:extensionElements>{incoming}{outgoing}</bpmn:userTask>

                  """);
            var (x, y) = At(i);
            var (w, h) = i == 0 || i == nodes - 1 ? (36, 36) : (100, 80);
            diagram.Append(CultureInfo.InvariantCulture, $"<bpmndi:BPMNShape id=\"{Id(i)}_di\" bpmnElement=\"{Id(i)}\"><dc:Bounds x=\"{x}\" y=\"{y + (80 - h) / 2}\" width=\"{w}\" height=\"{h}\" /></bpmndi:BPMNShape>\n");
        }
        for (var i = 1; i < nodes; i++)
        {
            process.Append(CultureInfo.InvariantCulture, $"<bpmn:sequenceFlow id=\"flow{i}\" sourceRef=\"{Id(i - 1)}\" targetRef=\"{Id(i)}\" />\n");
            var (x1, y1) = At(i - 1);
            var (x2, y2) = At(i);
            diagram.Append(CultureInfo.InvariantCulture, $"<bpmndi:BPMNEdge id=\"flow{i}_di\" bpmnElement=\"flow{i}\"><di:waypoint x=\"{x1 + 100}\" y=\"{y1 + 40}\" /><di:waypoint x=\"{x2}\" y=\"{y2 + 40}\" /></bpmndi:BPMNEdge>\n");
        }
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="large" targetNamespace="http://bpmn.io/schema/bpmn">
            <bpmn:process id="{processId}" name="五百个元素的流程" isExecutable="true">
            {process}</bpmn:process>
            <bpmndi:BPMNDiagram id="diagram"><bpmndi:BPMNPlane id="plane" bpmnElement="{processId}">
            {diagram}</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
            </bpmn:definitions>
            """;
    }

    [Fact, Trait(Benchmark.Trait, Benchmark.Category)]
    public async Task A_workflow_of_500_elements_opens_and_saves_in_the_designer_in_under_two_seconds()
    {
        const string processId = "large-500";
        var xml = Generate(processId, 500);
        using var admin = await browser.Server.ApiAsAsync("admin");
        var published = await admin.PostAsync($"/api/v1/designer/workflows/{processId}/publish", new StringContent(xml, Encoding.UTF8, "application/xml"));
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());

        var page = await browser.SignedInPageAsync("admin", 1600, 1000);
        var opens = new List<double>();
        var saves = new List<double>();
        for (var round = 0; round < 8; round++)
        {
            var clock = Stopwatch.StartNew();
            await BrowserFixture.OpenAsync(page, $"/admin/workflows/{processId}");
            await WaitReadyAsync(page);
            opens.Add(clock.Elapsed.TotalMilliseconds);
            Assert.Equal(999, await ModelerAsync<int>(page, "return m.get('elementRegistry').filter(e => e.type !== 'label' && e.type !== 'bpmn:Process').length;"));

            await ModelerAsync<bool>(page, "m.get('modeling').updateLabel(m.get('elementRegistry').get('task250'), arg); return true;", $"第250步审核（{round}）");
            clock.Restart();
            await page.Locator("#save-draft").ClickAsync();
            await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "草稿已保存" }).Last).ToBeVisibleAsync(new() { Timeout = 30_000 });
            saves.Add(clock.Elapsed.TotalMilliseconds);
        }
        // The first round loads the designer bundle into an empty cache; report it apart.
        var warmOpens = opens.Skip(1).Order().ToList();
        var warmSaves = saves.Skip(1).Order().ToList();
        var report = string.Create(CultureInfo.InvariantCulture,
            $"open: first {opens[0]:F0} ms, median {warmOpens[warmOpens.Count / 2]:F0} ms, max {warmOpens[^1]:F0} ms; save: first {saves[0]:F0} ms, median {warmSaves[warmSaves.Count / 2]:F0} ms, max {warmSaves[^1]:F0} ms");
        Console.WriteLine("BENCHMARK " + report);
        await File.WriteAllTextAsync(Path.Combine(BrowserFixture.ScreenshotFolder, "large-diagram-benchmark.txt"), report);
        // The goal is for the usual case (median of the warm rounds); the maximum is reported beside it.
        Assert.True(warmOpens[warmOpens.Count / 2] < 2000, report);
        Assert.True(warmSaves[warmSaves.Count / 2] < 2000, report);
        await page.Context.CloseAsync();
    }
}
