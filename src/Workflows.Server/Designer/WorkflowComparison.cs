using System.Xml;
using System.Xml.Linq;

namespace Workflows.Server.Designer;

/// <summary>One element that differs between two versions: its id, BPMN type, name and what changed.</summary>
public sealed record ElementChange(string Id, string Type, string? Name, IReadOnlyList<string> Changes);

/// <summary>What changed from one version of a workflow to another, element by element (by id).</summary>
public sealed record WorkflowDifference(IReadOnlyList<ElementChange> Added, IReadOnlyList<ElementChange> Removed, IReadOnlyList<ElementChange> Changed)
{
    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0;
}

/// <summary>
/// Compares two BPMN files by element id: which elements were added, removed or changed, and for a
/// changed one which attributes, extension elements (assignment, form, due date, headers …),
/// conditions, timers, flows and positions differ. Only the process model is compared element by
/// element; the diagram's shapes count as a "position" change of the element they draw.
/// </summary>
public static class WorkflowComparison
{
    private const string Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private const string BpmnDi = "http://www.omg.org/spec/BPMN/20100524/DI";

    public static WorkflowDifference Compare(string before, string after)
    {
        var from = Read(before);
        var to = Read(after);
        var added = to.Elements.Keys.Except(from.Elements.Keys).Select(id => Describe(to.Elements[id], [])).ToList();
        var removed = from.Elements.Keys.Except(to.Elements.Keys).Select(id => Describe(from.Elements[id], [])).ToList();
        var changed = new List<ElementChange>();
        foreach (var id in from.Elements.Keys.Intersect(to.Elements.Keys))
        {
            var changes = Differences(from.Elements[id], to.Elements[id]).ToList();
            if (from.Shapes.GetValueOrDefault(id) != to.Shapes.GetValueOrDefault(id))
            {
                changes.Add("position");
            }
            if (changes.Count > 0)
            {
                changed.Add(Describe(to.Elements[id], changes));
            }
        }
        return new WorkflowDifference(added, removed, changed);
    }

    private static ElementChange Describe(XElement element, IReadOnlyList<string> changes) =>
        new((string)element.Attribute("id")!, element.Name.LocalName, (string?)element.Attribute("name"), changes);

    private static IEnumerable<string> Differences(XElement before, XElement after)
    {
        if (before.Name != after.Name)
        {
            yield return $"type: {before.Name.LocalName} → {after.Name.LocalName}";
        }
        var names = before.Attributes().Concat(after.Attributes()).Where(a => !a.IsNamespaceDeclaration).Select(a => a.Name).Distinct();
        foreach (var name in names.Where(n => n.LocalName != "id"))
        {
            var was = (string?)before.Attribute(name);
            var now = (string?)after.Attribute(name);
            if (was != now)
            {
                yield return $"{name.LocalName}: {was ?? "—"} → {now ?? "—"}";
            }
        }
        // Children that are elements of their own (inside a sub-process) are compared on their own.
        var parts = Parts(before).Concat(Parts(after)).Select(p => p.Key).Distinct();
        var beforeParts = Parts(before).ToDictionary(p => p.Key, p => p.Value);
        var afterParts = Parts(after).ToDictionary(p => p.Key, p => p.Value);
        foreach (var part in parts)
        {
            if (beforeParts.GetValueOrDefault(part) != afterParts.GetValueOrDefault(part))
            {
                yield return part;
            }
        }
    }

    /// <summary>The child content of an element, grouped by what it means to a designer, as canonical text.</summary>
    private static IEnumerable<KeyValuePair<string, string>> Parts(XElement element) => element.Elements()
        .Where(c => c.Attribute("id") is null || c.Name.LocalName is "timerEventDefinition" or "errorEventDefinition" or "terminateEventDefinition" or "multiInstanceLoopCharacteristics")
        .GroupBy(c => c.Name.LocalName switch
        {
            "extensionElements" => "extension elements",
            "incoming" or "outgoing" => "flows",
            "conditionExpression" => "condition",
            "timerEventDefinition" => "timer",
            "multiInstanceLoopCharacteristics" => "multi-instance",
            "documentation" => "documentation",
            var other => other,
        })
        .Select(g => new KeyValuePair<string, string>(g.Key, string.Join("\n", g.Select(Canonical).Order(StringComparer.Ordinal))));

    private static string Canonical(XElement element)
    {
        var copy = new XElement(element);
        foreach (var e in copy.DescendantsAndSelf())
        {
            e.Attributes().Where(a => a.IsNamespaceDeclaration || (a.Name.LocalName == "id" && e.Name.LocalName.EndsWith("EventDefinition", StringComparison.Ordinal))).Remove();
            var sorted = e.Attributes().OrderBy(a => a.Name.ToString(), StringComparer.Ordinal).ToList();
            e.ReplaceAttributes(sorted);
            foreach (var text in e.Nodes().OfType<XText>())
            {
                text.Value = text.Value.Trim();
            }
        }
        return copy.ToString(SaveOptions.DisableFormatting);
    }

    private sealed record Model(Dictionary<string, XElement> Elements, Dictionary<string, string> Shapes);

    private static Model Read(string xml)
    {
        var document = Parse(xml);
        var elements = new Dictionary<string, XElement>(StringComparer.Ordinal);
        foreach (var process in document.Root?.Elements(XName.Get("process", Bpmn)) ?? [])
        {
            foreach (var element in process.Descendants().Where(IsModelElement))
            {
                elements.TryAdd((string)element.Attribute("id")!, element);
            }
        }
        var shapes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var shape in document.Descendants().Where(e => e.Name.NamespaceName == BpmnDi && e.Name.LocalName is "BPMNShape" or "BPMNEdge"))
        {
            if ((string?)shape.Attribute("bpmnElement") is { } id)
            {
                shapes.TryAdd(id, string.Join(";", shape.Elements().Where(d => d.Name.LocalName is "Bounds" or "waypoint")
                    .Select(d => string.Join(",", d.Attributes().Select(a => a.Value)))));
            }
        }
        return new Model(elements, shapes);
    }

    private static bool IsModelElement(XElement element) =>
        element.Name.NamespaceName == Bpmn
        && element.Attribute("id") is not null
        && element.Name.LocalName is not ("timerEventDefinition" or "errorEventDefinition" or "terminateEventDefinition"
            or "multiInstanceLoopCharacteristics" or "conditionExpression" or "completionCondition" or "laneSet" or "timeDuration" or "timeDate" or "timeCycle")
        && !element.Ancestors().Any(a => a.Name.LocalName == "extensionElements");

    /// <summary>Reads XML from people's files: no DTDs, no entities, nothing fetched from elsewhere.</summary>
    public static XDocument Parse(string xml)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = true };
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        return XDocument.Load(reader);
    }

    /// <summary>Whether the text is XML at all (the caller reports a clear problem otherwise).</summary>
    public static bool TryRead(string xml, out string? error)
    {
        try
        {
            Parse(xml);
            error = null;
            return true;
        }
        catch (XmlException exception)
        {
            error = exception.Message;
            return false;
        }
    }
}
