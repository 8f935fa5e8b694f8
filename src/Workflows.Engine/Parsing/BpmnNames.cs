using System.Xml.Linq;

namespace Workflows.Engine.Parsing;

/// <summary>The XML namespaces a workflow file may use and what the reader does with each.</summary>
internal static class BpmnNames
{
    public static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    public static readonly XNamespace Zeebe = "http://camunda.org/schema/zeebe/1.0";
    public static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>Vendor extensions whose attributes and elements would change behaviour if they were silently ignored.</summary>
    public static readonly IReadOnlySet<string> ForeignExecutionNamespaces = new HashSet<string>(StringComparer.Ordinal)
    {
        "http://camunda.org/schema/1.0/bpmn",
        "http://activiti.org/bpmn",
        "http://flowable.org/bpmn",
        "http://operaton.org/schema/1.0/bpmn",
    };

    /// <summary>Elements inside a process that only decorate the diagram or document it.</summary>
    public static readonly IReadOnlySet<string> IgnoredScopeChildren = new HashSet<string>(StringComparer.Ordinal)
    {
        "laneSet", "textAnnotation", "association", "group", "documentation", "extensionElements",
        "dataObject", "dataObjectReference", "dataStoreReference", "property", "ioSpecification",
        "incoming", "outgoing", "multiInstanceLoopCharacteristics", "standardLoopCharacteristics",
    };

    /// <summary>Zeebe extension elements the engine understands (or knows to be harmless).</summary>
    public static readonly IReadOnlySet<string> KnownZeebeElements = new HashSet<string>(StringComparer.Ordinal)
    {
        "userTask", "assignmentDefinition", "formDefinition", "taskDefinition", "taskHeaders", "header",
        "ioMapping", "input", "output", "taskSchedule", "loopCharacteristics", "properties", "property",
        "priorityDefinition", "versionTag",
    };

    public static string Describe(XName name) =>
        name.Namespace == Bpmn ? "bpmn:" + name.LocalName
        : name.Namespace == Zeebe ? "zeebe:" + name.LocalName
        : name.ToString();
}
