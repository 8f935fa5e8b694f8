using System.Text;

namespace Workflows.Engine.Tests.Support;

/// <summary>Writes small BPMN files for tests: elements as XML fragments, flows as chains.</summary>
internal static class Bpmn
{
    public const string Header = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="defs" targetNamespace="http://bpmn.io/schema/bpmn">
        """;

    public static string Definitions(string processBody, string extra = "") =>
        $"{Header}\n{extra}<bpmn:process id=\"p\" name=\"Test\" isExecutable=\"true\">\n{processBody}\n</bpmn:process>\n</bpmn:definitions>";

    /// <summary>
    /// Element shorthands, one per argument, joined into a process: <c>start</c>, <c>end</c>,
    /// <c>task:ID</c> (user task), <c>service:ID:TYPE</c>, <c>xor:ID</c>, <c>and:ID</c>, <c>or:ID</c>,
    /// <c>terminate:ID</c>, <c>timer:ID:PT1H</c>, or raw XML starting with '&lt;'; then flows written
    /// as <c>a -> b -> c</c>, with <c>a -[=x &gt; 1]-> b</c> for a condition and <c>a -(default)-> b</c> for the default flow.
    /// </summary>
    public static string Process(params string[] parts)
    {
        var body = new StringBuilder();
        var flowCount = 0;
        Defaults.Clear();
        foreach (var part in parts)
        {
            if (part.StartsWith('<')) { body.AppendLine(part); continue; }
            if (part.Contains("->")) { body.Append(Flows(part, ref flowCount)); continue; }
            var bits = part.Split(':', 3);
            var id = bits.Length > 1 ? bits[1] : bits[0];
            body.AppendLine(bits[0] switch
            {
                "start" => $"<bpmn:startEvent id=\"{id}\" />",
                "end" => $"<bpmn:endEvent id=\"{id}\" />",
                "terminate" => $"<bpmn:endEvent id=\"{id}\"><bpmn:terminateEventDefinition /></bpmn:endEvent>",
                "task" => $"<bpmn:userTask id=\"{id}\" name=\"{id}\"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements></bpmn:userTask>",
                "service" => $"<bpmn:serviceTask id=\"{id}\"><bpmn:extensionElements><zeebe:taskDefinition type=\"{bits[2]}\" /></bpmn:extensionElements></bpmn:serviceTask>",
                "xor" => $"<bpmn:exclusiveGateway id=\"{id}\" />",
                "and" => $"<bpmn:parallelGateway id=\"{id}\" />",
                "or" => $"<bpmn:inclusiveGateway id=\"{id}\" />",
                "timer" => $"<bpmn:intermediateCatchEvent id=\"{id}\"><bpmn:timerEventDefinition><bpmn:timeDuration>{bits[2]}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>",
                _ => throw new ArgumentException("unknown shorthand " + part),
            });
        }
        var xml = body.ToString();
        foreach (var (gateway, flow) in Defaults)
            xml = xml.Replace($"Gateway id=\"{gateway}\"", $"Gateway id=\"{gateway}\" default=\"{flow}\"");
        return Definitions(xml);
    }

    private static string Flows(string chain, ref int count)
    {
        var text = new StringBuilder();
        string? previous = null;
        string? condition = null;
        var isDefault = false;
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(chain, @"-\[(?<c>[^\]]*)\]->|-\(default\)->|->|(?<n>[\w.-]+)"))
        {
            if (m.Groups["n"].Success)
            {
                var node = m.Groups["n"].Value;
                if (previous is not null)
                {
                    var id = $"f{++count}";
                    var attributes = $"id=\"{id}\" sourceRef=\"{previous}\" targetRef=\"{node}\"";
                    text.AppendLine(condition is null
                        ? $"<bpmn:sequenceFlow {attributes} />"
                        : $"<bpmn:sequenceFlow {attributes}><bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">{System.Security.SecurityElement.Escape(condition)}</bpmn:conditionExpression></bpmn:sequenceFlow>");
                    if (isDefault) Defaults.Add((previous, id));
                }
                previous = node;
                condition = null;
                isDefault = false;
            }
            else if (m.Groups["c"].Success) condition = m.Groups["c"].Value;
            else if (m.Value.Contains("default")) isDefault = true;
        }
        return text.ToString();
    }

    [ThreadStatic] private static List<(string Gateway, string Flow)>? _defaults;
    private static List<(string Gateway, string Flow)> Defaults => _defaults ??= [];
}
