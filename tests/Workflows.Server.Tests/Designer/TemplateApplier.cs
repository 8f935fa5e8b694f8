using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Workflows.Server.Tests.Designer;

/// <summary>
/// Applies a Camunda 8 element template to a task the way the designer does, for the bindings our
/// templates use, and wraps it in a small diagram (start, the element, end) to deploy.
/// </summary>
public static class TemplateApplier
{
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static readonly XNamespace Zeebe = "http://camunda.org/schema/zeebe/1.0";

    private static string Camel(string type) => char.ToLowerInvariant(type[0]) + type[1..];

    public static string Diagram(JsonObject template, string processId)
    {
        var elementType = ((string?)template["elementType"]?["value"] ?? ((JsonArray)template["appliesTo"]!)[0]!.GetValue<string>()).Replace("bpmn:", "");
        var element = new XElement(Bpmn + Camel(elementType), new XAttribute("id", "step"),
            new XAttribute(Zeebe + "modelerTemplate", (string)template["id"]!), new XAttribute(Zeebe + "modelerTemplateVersion", (int)template["version"]!));
        var extensions = new XElement(Bpmn + "extensionElements");
        XElement Extension(string name)
        {
            var found = extensions.Element(Zeebe + name);
            if (found is null)
            {
                extensions.Add(found = new XElement(Zeebe + name));
            }
            return found;
        }
        if ((string?)template["elementType"]?["eventDefinition"] is { } definition)
        {
            element.Add(new XElement(Bpmn + Camel(definition[5..]), new XAttribute("id", "stepDefinition")));
        }
        foreach (var property in ((JsonArray)template["properties"]!).Select(p => p!.AsObject()))
        {
            var value = (string?)property["value"];
            var binding = property["binding"]!.AsObject();
            switch ((string)binding["type"]!)
            {
                case "property":
                    element.SetAttributeValue((string)binding["name"]!, value);
                    break;
                case "zeebe:userTask":
                    Extension("userTask");
                    break;
                case "zeebe:assignmentDefinition":
                    Extension("assignmentDefinition").SetAttributeValue((string)binding["property"]!, value);
                    break;
                case "zeebe:formDefinition":
                    Extension("formDefinition").SetAttributeValue((string)binding["property"]!, value);
                    break;
                case "zeebe:taskSchedule":
                    Extension("taskSchedule").SetAttributeValue((string)binding["property"]!, value);
                    break;
                case "zeebe:taskDefinition":
                    Extension("taskDefinition").SetAttributeValue((string)binding["property"]!, value);
                    break;
                case "zeebe:taskHeader" when value is not null:
                    Extension("taskHeaders").Add(new XElement(Zeebe + "header", new XAttribute("key", (string)binding["key"]!), new XAttribute("value", value)));
                    break;
                case "zeebe:output" when value is not null:
                    Extension("ioMapping").Add(new XElement(Zeebe + "output", new XAttribute("source", (string)binding["source"]!), new XAttribute("target", value)));
                    break;
                case "bpmn:TimerEventDefinition#property":
                    element.Element(Bpmn + "timerEventDefinition")!.Add(new XElement(Bpmn + (string)binding["name"]!, value));
                    break;
                case "zeebe:taskHeader" or "zeebe:output":
                    break;
                default:
                    throw new NotSupportedException((string)binding["type"]!);
            }
        }
        if (extensions.HasElements)
        {
            element.AddFirst(extensions);
        }
        if (template["metadata"]?["multiInstance"] is JsonObject loop)
        {
            var characteristics = new XElement(Bpmn + "multiInstanceLoopCharacteristics",
                new XElement(Bpmn + "extensionElements", new XElement(Zeebe + "loopCharacteristics",
                    new XAttribute("inputCollection", (string)loop["inputCollection"]!), new XAttribute("inputElement", (string)loop["inputElement"]!),
                    new XAttribute("outputCollection", (string)loop["outputCollection"]!), new XAttribute("outputElement", (string)loop["outputElement"]!))));
            if ((string?)loop["completionCondition"] is { } condition)
            {
                characteristics.Add(new XElement(Bpmn + "completionCondition", condition));
            }
            element.Add(characteristics);
        }
        var process = new XElement(Bpmn + "process", new XAttribute("id", processId), new XAttribute("isExecutable", "true"),
            new XElement(Bpmn + "startEvent", new XAttribute("id", "start")),
            element,
            new XElement(Bpmn + "endEvent", new XAttribute("id", "end")),
            new XElement(Bpmn + "sequenceFlow", new XAttribute("id", "f1"), new XAttribute("sourceRef", "start"), new XAttribute("targetRef", "step")),
            new XElement(Bpmn + "sequenceFlow", new XAttribute("id", "f2"), new XAttribute("sourceRef", "step"), new XAttribute("targetRef", "end")));
        var definitions = new XElement(Bpmn + "definitions", new XAttribute(XNamespace.Xmlns + "bpmn", Bpmn), new XAttribute(XNamespace.Xmlns + "zeebe", Zeebe),
            new XAttribute("id", "definitions"), new XAttribute("targetNamespace", "http://bpmn.io/schema/bpmn"), process);
        return new XDocument(new XDeclaration("1.0", "UTF-8", null), definitions).ToString();
    }
}
