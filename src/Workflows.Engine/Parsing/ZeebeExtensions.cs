using System.Xml.Linq;
using Workflows.Engine.Expressions;
using Workflows.Engine.Model;
using Workflows.Engine.Validation;
using static Workflows.Engine.Parsing.BpmnNames;

namespace Workflows.Engine.Parsing;

/// <summary>What one element's bpmn:extensionElements say, read from the Zeebe elements.</summary>
internal sealed class ZeebeExtensions
{
    public string? Assignee, CandidateGroups, CandidateUsers, FormKey, DueDate, FollowUpDate, TaskType, Retries;
    public bool IsZeebeUserTask;
    public readonly SortedDictionary<string, string> Headers = new(StringComparer.Ordinal);
    public readonly List<VariableMapping> Inputs = [];
    public readonly List<VariableMapping> Outputs = [];

    public static ZeebeExtensions Read(XElement element, string id, string? name, ProblemList problems)
    {
        var result = new ZeebeExtensions();
        var extensions = element.Element(Bpmn + "extensionElements");
        if (extensions is null) return result;

        foreach (var child in extensions.Elements())
        {
            if (child.Name.Namespace != Zeebe)
            {
                if (ForeignExecutionNamespaces.Contains(child.Name.NamespaceName))
                    problems.Error("unsupported-extension", id, name,
                        $"不支持的扩展元素 {child.Name.LocalName}（{child.Name.NamespaceName}），忽略它会改变流程含义",
                        $"unsupported extension element {child.Name}: ignoring it would change the meaning");
                continue;
            }
            if (!KnownZeebeElements.Contains(child.Name.LocalName))
            {
                problems.Error("unsupported-extension", id, name,
                    $"不支持的扩展元素 zeebe:{child.Name.LocalName}",
                    $"unsupported extension element zeebe:{child.Name.LocalName}");
                continue;
            }
            switch (child.Name.LocalName)
            {
                case "userTask": result.IsZeebeUserTask = true; break;
                case "assignmentDefinition":
                    result.Assignee = Attr(child, "assignee");
                    result.CandidateGroups = Attr(child, "candidateGroups");
                    result.CandidateUsers = Attr(child, "candidateUsers");
                    break;
                case "formDefinition":
                    result.FormKey = Attr(child, "formKey") ?? Attr(child, "formId") ?? Attr(child, "externalReference");
                    break;
                case "taskSchedule":
                    result.DueDate = Attr(child, "dueDate");
                    result.FollowUpDate = Attr(child, "followUpDate");
                    break;
                case "taskDefinition":
                    result.TaskType = Attr(child, "type");
                    result.Retries = Attr(child, "retries");
                    break;
                case "taskHeaders":
                    foreach (var header in child.Elements(Zeebe + "header"))
                    {
                        var key = Attr(header, "key");
                        if (key is not null) result.Headers[key] = (string?)header.Attribute("value") ?? "";
                    }
                    break;
                case "ioMapping":
                    foreach (var mapping in child.Elements())
                    {
                        var source = Attr(mapping, "source");
                        var target = Attr(mapping, "target");
                        if (target is null)
                        {
                            problems.Error("mapping-target", id, name, "变量映射缺少目标变量名", "a variable mapping has no target");
                            continue;
                        }
                        var list = mapping.Name.LocalName == "input" ? result.Inputs : result.Outputs;
                        list.Add(new VariableMapping(source ?? "=null", target, ExpressionCompiler.AlwaysFeel(source ?? "null")));
                    }
                    break;
            }
        }
        return result;
    }

    public static MultiInstanceDefinition? ReadMultiInstance(XElement element, string id, string? name, ProblemList problems)
    {
        if (element.Element(Bpmn + "standardLoopCharacteristics") is not null)
            problems.Error("unsupported-loop", id, name, "不支持标准循环（standardLoopCharacteristics），请使用多实例",
                "standard loops are not supported; use multi-instance");

        var mi = element.Element(Bpmn + "multiInstanceLoopCharacteristics");
        if (mi is null) return null;

        var loop = mi.Element(Bpmn + "extensionElements")?.Element(Zeebe + "loopCharacteristics");
        var inputCollection = loop is null ? null : Attr(loop, "inputCollection");
        var cardinality = mi.Element(Bpmn + "loopCardinality")?.Value;
        var completion = mi.Element(Bpmn + "completionCondition")?.Value;
        var outputElement = loop is null ? null : Attr(loop, "outputElement");

        if (string.IsNullOrWhiteSpace(inputCollection) && string.IsNullOrWhiteSpace(cardinality))
            problems.Error("multi-instance-collection", id, name, "多实例缺少输入集合（inputCollection）或实例数",
                "multi-instance needs an inputCollection or a loopCardinality");

        return new MultiInstanceDefinition(
            IsSequential: string.Equals((string?)mi.Attribute("isSequential"), "true", StringComparison.Ordinal),
            InputCollection: string.IsNullOrWhiteSpace(inputCollection) ? null : ExpressionCompiler.AlwaysFeel(inputCollection),
            InputElement: loop is null ? null : Attr(loop, "inputElement"),
            LoopCardinality: string.IsNullOrWhiteSpace(cardinality) ? null : ExpressionCompiler.AlwaysFeel(cardinality),
            OutputCollection: loop is null ? null : Attr(loop, "outputCollection"),
            OutputElement: string.IsNullOrWhiteSpace(outputElement) ? null : ExpressionCompiler.AlwaysFeel(outputElement),
            CompletionCondition: string.IsNullOrWhiteSpace(completion) ? null : ExpressionCompiler.AlwaysFeel(completion));
    }

    public static TimerDefinition? ReadTimer(XElement definition, string id, string? name, ProblemList problems)
    {
        foreach (var (local, kind) in new[] { ("timeDate", TimerKind.Date), ("timeDuration", TimerKind.Duration), ("timeCycle", TimerKind.Cycle) })
        {
            var text = definition.Element(Bpmn + local)?.Value.Trim();
            if (text is null) continue;
            return new TimerDefinition(kind, text, text.StartsWith('=') ? ExpressionCompiler.AlwaysFeel(text) : null);
        }
        problems.Error("timer-missing", id, name, "定时器没有时间定义（timeDate、timeDuration 或 timeCycle）",
            "the timer has no timeDate, timeDuration or timeCycle");
        return null;
    }

    private static string? Attr(XElement element, string name)
    {
        var value = (string?)element.Attribute(name);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
