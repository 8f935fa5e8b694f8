using System.Globalization;
using System.Xml.Linq;

namespace Workflows.Engine.Tests.Shipped;

/// <summary>
/// The workflow definitions the product ships in <c>workflows/</c>: they deploy cleanly, open in
/// bpmn-js and Camunda Modeler with a complete diagram, name only shipped forms, and do what
/// docs/workflows.md says on their main paths (the scenarios are in the other parts of this class).
/// </summary>
public sealed partial class ShippedWorkflowTests
{
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static readonly XNamespace BpmnDi = "http://www.omg.org/spec/BPMN/20100524/DI";
    private static readonly XNamespace Dc = "http://www.omg.org/spec/DD/20100524/DC";
    private static readonly XNamespace Di = "http://www.omg.org/spec/DD/20100524/DI";
    private static readonly XNamespace Zeebe = "http://camunda.org/schema/zeebe/1.0";
    private static readonly XNamespace Modeler = "http://camunda.org/schema/modeler/1.0";

    private static readonly HashSet<string> NotFlowNodes = ["sequenceFlow", "documentation", "extensionElements", "textAnnotation", "association", "laneSet"];

    public static TheoryData<string> Files() => [.. ShippedFiles.WorkflowFiles];

    [Fact]
    public void The_four_product_workflows_are_shipped()
    {
        Assert.Equal(
            ["facility-application.bpmn", "pilot-village-application.bpmn", "statistical-report.bpmn", "training-record.bpmn"],
            ShippedFiles.WorkflowFiles);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_shipped_workflow_deploys_without_errors_or_warnings(string file)
    {
        var deployment = WorkflowDeployment.Deploy(ShippedFiles.Read(file));
        Assert.True(deployment.Succeeded, string.Join("\n", deployment.Problems));
        Assert.Empty(deployment.Problems);
        Assert.Equal(Path.GetFileNameWithoutExtension(file), deployment.Definition!.ProcessId);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_shipped_workflow_opens_as_a_Camunda_8_file_exported_by_Workflows(string file)
    {
        var root = XDocument.Parse(ShippedFiles.Read(file)).Root!;
        Assert.Equal("Workflows", (string?)root.Attribute("exporter"));
        Assert.Equal("Camunda Cloud", (string?)root.Attribute(Modeler + "executionPlatform"));
        Assert.NotNull((string?)root.Attribute(Modeler + "executionPlatformVersion"));
        Assert.Contains(root.Attributes(), a => a.IsNamespaceDeclaration && a.Value == Zeebe.NamespaceName);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_element_has_a_Chinese_name_and_every_flow_node_a_shape_and_every_flow_an_edge(string file)
    {
        var root = XDocument.Parse(ShippedFiles.Read(file)).Root!;
        var process = root.Element(Bpmn + "process")!;
        var nodes = process.Elements().Where(e => e.Name.Namespace == Bpmn && !NotFlowNodes.Contains(e.Name.LocalName)).ToList();
        var flows = process.Elements(Bpmn + "sequenceFlow").ToList();
        var ids = nodes.Concat(flows).Select(e => (string)e.Attribute("id")!).Append((string)process.Attribute("id")!).ToHashSet();

        var plane = Assert.Single(root.Elements(BpmnDi + "BPMNDiagram")).Element(BpmnDi + "BPMNPlane")!;
        Assert.Equal((string)process.Attribute("id")!, (string?)plane.Attribute("bpmnElement"));
        var shapes = plane.Elements(BpmnDi + "BPMNShape").ToDictionary(s => (string)s.Attribute("bpmnElement")!, Bounds);
        var edges = plane.Elements(BpmnDi + "BPMNEdge").ToDictionary(e => (string)e.Attribute("bpmnElement")!);

        Assert.All(shapes.Keys.Concat(edges.Keys), id => Assert.Contains(id, ids));
        foreach (var node in nodes)
        {
            var id = (string)node.Attribute("id")!;
            Assert.True(shapes.ContainsKey(id), $"{file}: {id} has no shape");
            Assert.True(shapes[id].W > 0 && shapes[id].H > 0, $"{file}: {id} has an empty shape");
            if (node.Name.LocalName != "exclusiveGateway")
                Assert.True(IsChinese((string?)node.Attribute("name")), $"{file}: {id} has no Chinese name");
        }
        foreach (var flow in flows)
        {
            var id = (string)flow.Attribute("id")!;
            Assert.True(edges.TryGetValue(id, out var edge), $"{file}: flow {id} has no edge");
            var points = edge!.Elements(Di + "waypoint").Select(p => (X: Number(p, "x"), Y: Number(p, "y"))).ToList();
            Assert.True(points.Count >= 2, $"{file}: flow {id} has fewer than two waypoints");
            Assert.True(Touches(shapes[(string)flow.Attribute("sourceRef")!], points[0]), $"{file}: flow {id} does not start on its source");
            Assert.True(Touches(shapes[(string)flow.Attribute("targetRef")!], points[^1]), $"{file}: flow {id} does not end on its target");
            for (var i = 1; i < points.Count; i++)
                Assert.True(points[i].X == points[i - 1].X || points[i].Y == points[i - 1].Y, $"{file}: flow {id} has a slanted segment");
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void No_two_shapes_overlap_and_the_diagram_reads_left_to_right(string file)
    {
        var root = XDocument.Parse(ShippedFiles.Read(file)).Root!;
        var process = root.Element(Bpmn + "process")!;
        var boundaries = process.Elements(Bpmn + "boundaryEvent").ToDictionary(b => (string)b.Attribute("id")!, b => (string)b.Attribute("attachedToRef")!);
        var shapes = root.Descendants(BpmnDi + "BPMNShape").ToDictionary(s => (string)s.Attribute("bpmnElement")!, Bounds);
        foreach (var (id, host) in boundaries)
        {
            var (b, h) = (shapes[id], shapes[host]);
            var centre = (X: b.X + b.W / 2, Y: b.Y + b.H / 2);
            Assert.True(Touches(h, centre), $"{file}: boundary event {id} is not on the border of {host}");
        }
        var list = shapes.ToList();
        for (var i = 0; i < list.Count; i++)
            for (var j = i + 1; j < list.Count; j++)
            {
                var (a, b) = (list[i], list[j]);
                if (boundaries.GetValueOrDefault(a.Key) == b.Key || boundaries.GetValueOrDefault(b.Key) == a.Key) continue;
                var overlap = a.Value.X < b.Value.X + b.Value.W && b.Value.X < a.Value.X + a.Value.W
                              && a.Value.Y < b.Value.Y + b.Value.H && b.Value.Y < a.Value.Y + a.Value.H;
                Assert.False(overlap, $"{file}: {a.Key} and {b.Key} overlap");
            }
        var starts = process.Elements(Bpmn + "startEvent").Select(s => shapes[(string)s.Attribute("id")!].X).Max();
        var ends = process.Elements(Bpmn + "endEvent").Select(e => shapes[(string)e.Attribute("id")!].X).Max();
        Assert.True(starts < ends, $"{file}: the ends are not to the right of the starts");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Merges_are_drawn_as_gateways_and_only_flows_leaving_a_gateway_are_labelled(string file)
    {
        var definition = ShippedFiles.Deploy(file);
        foreach (var node in definition.Nodes.Values.Where(n => !n.IsGateway))
            Assert.True(node.Incoming.Count <= 1, $"{file}: {node.Id} joins {node.Incoming.Count} flows without a gateway");
        foreach (var flow in definition.Flows.Values.Where(f => f.Name is not null))
            Assert.True(definition.Nodes[flow.SourceId].IsGateway, $"{file}: flow {flow.Id} is labelled but does not leave a gateway");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_form_key_names_a_shipped_form(string file)
    {
        var forms = ShippedFiles.FormIds();
        var keys = XDocument.Parse(ShippedFiles.Read(file)).Descendants(Zeebe + "formDefinition")
            .Select(f => (string?)f.Attribute("formKey") ?? (string?)f.Attribute("formId")).ToList();
        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.Contains(key!, forms));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_user_task_is_assigned_has_a_due_date_and_every_service_task_a_template(string file)
    {
        var definition = ShippedFiles.Deploy(file);
        foreach (var node in definition.Nodes.Values)
        {
            if (node.UserTask is { } task)
            {
                Assert.True(task.Assignee is not null || task.CandidateGroups is not null, $"{file}: {node.Id} is not assigned");
                Assert.True(task.DueDate is not null, $"{file}: {node.Id} has no due date");
                Assert.True(task.Headers.ContainsKey("reminders"), $"{file}: {node.Id} has no reminders");
            }
            if (node.ServiceTask is { } service)
            {
                Assert.Contains(service.Type, new[] { "document", "notify" });
                Assert.True(service.Headers.ContainsKey("template"), $"{file}: {node.Id} has no template header");
                if (service.Type == "document") Assert.True(service.Headers.ContainsKey("issuer"), $"{file}: {node.Id} has no issuer");
                if (service.Type == "notify") Assert.True(service.Headers.ContainsKey("to"), $"{file}: {node.Id} has no recipient");
            }
        }
    }

    private static (double X, double Y, double W, double H) Bounds(XElement shape)
    {
        var b = shape.Element(Dc + "Bounds")!;
        return (Number(b, "x"), Number(b, "y"), Number(b, "width"), Number(b, "height"));
    }

    private static double Number(XElement element, string attribute) =>
        double.Parse((string)element.Attribute(attribute)!, CultureInfo.InvariantCulture);

    /// <summary>The point lies on the shape's border (within a pixel).</summary>
    private static bool Touches((double X, double Y, double W, double H) s, (double X, double Y) p)
    {
        var inside = p.X >= s.X - 1 && p.X <= s.X + s.W + 1 && p.Y >= s.Y - 1 && p.Y <= s.Y + s.H + 1;
        var onEdge = Math.Abs(p.X - s.X) <= 1 || Math.Abs(p.X - s.X - s.W) <= 1 || Math.Abs(p.Y - s.Y) <= 1 || Math.Abs(p.Y - s.Y - s.H) <= 1;
        return inside && onEdge;
    }

    private static bool IsChinese(string? name) => name is not null && name.Any(c => c >= '\u4e00' && c <= '\u9fff');
}
