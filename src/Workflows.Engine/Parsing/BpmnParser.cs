using System.Xml.Linq;
using Workflows.Engine.Expressions;
using Workflows.Engine.Model;
using Workflows.Engine.Validation;
using static Workflows.Engine.Parsing.BpmnNames;

namespace Workflows.Engine.Parsing;

/// <summary>Reads one executable process from BPMN 2.0 XML into flow nodes and sequence flows.</summary>
internal sealed class BpmnParser
{
    private readonly ProblemList _problems;
    private readonly Dictionary<string, FlowNode> _nodes = new(StringComparer.Ordinal);
    private readonly List<FlowNode> _nodeOrder = [];
    private readonly List<SequenceFlow> _flows = [];
    private readonly Dictionary<string, string> _defaults = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _errorCodes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    private BpmnParser(ProblemList problems) => _problems = problems;

    public static WorkflowDefinition? Parse(XDocument document, ProblemList problems)
    {
        var parser = new BpmnParser(problems);
        return parser.ReadDefinitions(document);
    }

    private WorkflowDefinition? ReadDefinitions(XDocument document)
    {
        var root = document.Root;
        if (root is null || root.Name != Bpmn + "definitions")
        {
            _problems.Error("not-bpmn", null, null, "不是 BPMN 2.0 文件：根元素应为 bpmn:definitions",
                "not a BPMN 2.0 file: the root element must be bpmn:definitions");
            return null;
        }

        foreach (var error in root.Elements(Bpmn + "error"))
        {
            var errorId = (string?)error.Attribute("id");
            if (errorId is not null) _errorCodes[errorId] = (string?)error.Attribute("errorCode") ?? errorId;
        }
        foreach (var flow in root.Descendants(Bpmn + "messageFlow").Take(1))
            _problems.Error("unsupported-element", (string?)flow.Attribute("id"), (string?)flow.Attribute("name"),
                "不支持消息流（messageFlow）", "message flows are not supported");

        var processes = root.Elements(Bpmn + "process")
            .Where(p => !string.Equals((string?)p.Attribute("isExecutable"), "false", StringComparison.Ordinal)).ToList();
        if (processes.Count == 0)
        {
            _problems.Error("no-process", null, null, "文件中没有可执行的流程（bpmn:process）", "the file has no executable bpmn:process");
            return null;
        }
        if (processes.Count > 1)
            _problems.Error("several-processes", (string?)processes[1].Attribute("id"), null,
                "一个文件只能包含一个可执行流程", "a file may hold only one executable process");

        var process = processes[0];
        var processId = (string?)process.Attribute("id") ?? "process";
        ReadScope(process, containerId: null);
        Link();
        var definition = new WorkflowDefinition(processId, (string?)process.Attribute("name"), _nodeOrder, _flows, _errorCodes);
        return definition;
    }

    private void ReadScope(XElement scope, string? containerId)
    {
        foreach (var child in scope.Elements())
        {
            if (child.Name.Namespace != Bpmn)
            {
                if (ForeignExecutionNamespaces.Contains(child.Name.NamespaceName))
                    _problems.Error("unsupported-element", (string?)child.Attribute("id"), null,
                        $"不支持的元素 {child.Name}", $"unsupported element {child.Name}");
                continue;
            }
            var local = child.Name.LocalName;
            if (IgnoredScopeChildren.Contains(local)) continue;
            if (local == "sequenceFlow")
            {
                ReadFlow(child);
                continue;
            }
            var kind = local switch
            {
                "startEvent" => NodeKind.StartEvent,
                "endEvent" => NodeKind.EndEvent,
                "intermediateCatchEvent" => NodeKind.IntermediateTimerCatch,
                "intermediateThrowEvent" or "task" => NodeKind.PassThrough,
                "boundaryEvent" => NodeKind.BoundaryEvent,
                "userTask" => NodeKind.UserTask,
                "serviceTask" => NodeKind.ServiceTask,
                "subProcess" => NodeKind.SubProcess,
                "exclusiveGateway" => NodeKind.ExclusiveGateway,
                "parallelGateway" => NodeKind.ParallelGateway,
                "inclusiveGateway" => NodeKind.InclusiveGateway,
                _ => (NodeKind?)null,
            };
            var id = (string?)child.Attribute("id");
            var name = Clean((string?)child.Attribute("name"));
            if (kind is null)
            {
                _problems.Error("unsupported-element", id, name,
                    $"不支持的元素 bpmn:{local}（支持的子集见 docs/workflow-format.md）",
                    $"unsupported element bpmn:{local} (see docs/workflow-format.md for the supported subset)");
                continue;
            }
            if (id is null || !_ids.Add(id))
            {
                _problems.Error(id is null ? "missing-id" : "duplicate-id", id, name,
                    id is null ? $"元素 bpmn:{local} 缺少 id" : $"id 重复：{id}",
                    id is null ? $"element bpmn:{local} has no id" : $"duplicate id {id}");
                continue;
            }
            var node = ReadNode(child, id, name, kind.Value, containerId);
            _nodes[id] = node;
            _nodeOrder.Add(node);
            if (kind == NodeKind.SubProcess) ReadScope(child, id);
        }
    }

    private FlowNode ReadNode(XElement element, string id, string? name, NodeKind kind, string? containerId)
    {
        var node = new FlowNode(id, name, kind, containerId);
        CheckAttributes(element, id, name);
        var ext = ZeebeExtensions.Read(element, id, name, _problems);
        node.Inputs = ext.Inputs;
        node.Outputs = ext.Outputs;
        var defaultFlow = (string?)element.Attribute("default");
        if (defaultFlow is not null)
        {
            if (node.IsGateway) _defaults[id] = defaultFlow;
            else _problems.Error("unsupported-default", id, name, "只有网关可以设置默认流", "only gateways may have a default flow");
        }

        foreach (var data in element.Elements().Where(e => e.Name.Namespace == Bpmn &&
                 e.Name.LocalName is "dataInputAssociation" or "dataOutputAssociation" or "ioSpecification" or "property"))
            _problems.Warning("ignored-data", id, name, $"数据关联 bpmn:{data.Name.LocalName} 会被忽略，请使用变量映射",
                $"bpmn:{data.Name.LocalName} is ignored; use zeebe:ioMapping");

        var definitions = element.Elements().Where(e => e.Name.Namespace == Bpmn &&
            (e.Name.LocalName.EndsWith("EventDefinition", StringComparison.Ordinal) || e.Name.LocalName == "eventDefinitionRef")).ToList();
        ReadEventDefinitions(node, element, definitions);

        if (node.IsActivity) node.MultiInstance = ZeebeExtensions.ReadMultiInstance(element, id, name, _problems);
        else if (element.Element(Bpmn + "multiInstanceLoopCharacteristics") is not null)
            _problems.Error("unsupported-loop", id, name, "该元素不能设置多实例", "this element cannot be multi-instance");

        if (kind == NodeKind.UserTask)
        {
            node.UserTask = new UserTaskDefinition(
                Optional(ext.Assignee), Optional(ext.CandidateGroups), Optional(ext.CandidateUsers), ext.FormKey,
                Optional(ext.DueDate), Optional(ext.FollowUpDate), ext.Headers);
        }
        else if (kind == NodeKind.ServiceTask)
        {
            if (ext.TaskType is null)
                _problems.Error("service-type-missing", id, name, "服务任务缺少类型（zeebe:taskDefinition type）",
                    "the service task has no type (zeebe:taskDefinition type)");
            else if (ext.TaskType.StartsWith('='))
                _problems.Error("service-type-expression", id, name, "服务任务类型必须是固定文本，不能是表达式",
                    "the service task type must be fixed text, not an expression");
            var retries = int.TryParse(ext.Retries, out var r) && r >= 0 ? r : 3;
            node.ServiceTask = new ServiceTaskDefinition(ext.TaskType ?? "", retries, ext.Headers);
        }
        else if (kind == NodeKind.BoundaryEvent)
        {
            node.AttachedToId = (string?)element.Attribute("attachedToRef");
            node.CancelActivity = !string.Equals((string?)element.Attribute("cancelActivity"), "false", StringComparison.Ordinal);
        }
        return node;
    }

    private void ReadEventDefinitions(FlowNode node, XElement element, List<XElement> definitions)
    {
        var (id, name) = (node.Id, node.Name);
        if (definitions.Count > 1)
        {
            _problems.Error("several-event-definitions", id, name, "一个事件只能有一个事件定义", "an event may have only one event definition");
            return;
        }
        var definition = definitions.FirstOrDefault();
        var type = definition?.Name.LocalName;
        var allowed = (node.Kind, type) switch
        {
            (NodeKind.StartEvent, null or "timerEventDefinition") => true,
            (NodeKind.EndEvent, null or "terminateEventDefinition" or "errorEventDefinition") => true,
            (NodeKind.IntermediateTimerCatch, "timerEventDefinition") => true,
            (NodeKind.BoundaryEvent, "timerEventDefinition" or "errorEventDefinition") => true,
            (NodeKind.PassThrough, null) => true,
            (_, null) => node.Kind is not (NodeKind.IntermediateTimerCatch or NodeKind.BoundaryEvent),
            _ => false,
        };
        if (!allowed)
        {
            var what = type ?? "none";
            _problems.Error("unsupported-event", id, name,
                $"不支持此类事件：bpmn:{element.Name.LocalName} 带 {what}", $"unsupported event: bpmn:{element.Name.LocalName} with {what}");
            return;
        }
        switch (type)
        {
            case "timerEventDefinition":
                node.Timer = ZeebeExtensions.ReadTimer(definition!, id, name, _problems);
                break;
            case "terminateEventDefinition":
                node.IsTerminate = true;
                break;
            case "errorEventDefinition":
                var errorRef = (string?)definition!.Attribute("errorRef");
                if (errorRef is not null && !_errorCodes.ContainsKey(errorRef))
                    _problems.Error("unknown-error", id, name, $"引用了未定义的错误 {errorRef}", $"refers to an undefined error {errorRef}");
                var code = errorRef is null ? null : _errorCodes.GetValueOrDefault(errorRef, errorRef);
                if (node.Kind == NodeKind.EndEvent) node.ThrowsErrorCode = code ?? "";
                else
                {
                    node.IsErrorBoundary = true;
                    node.CatchesErrorCode = code ?? "";
                }
                break;
        }
    }

    private void CheckAttributes(XElement element, string id, string? name)
    {
        foreach (var attribute in element.Attributes())
        {
            var ns = attribute.Name.NamespaceName;
            if (ForeignExecutionNamespaces.Contains(ns))
            {
                _problems.Error("unsupported-attribute", id, name, $"不支持的属性 {attribute.Name.LocalName}（{ns}），忽略它会改变流程含义",
                    $"unsupported attribute {attribute.Name}: ignoring it would change the meaning");
                continue;
            }
            if (ns.Length != 0) continue;
            var changesMeaning = attribute.Name.LocalName switch
            {
                "isForCompensation" or "triggeredByEvent" or "parallelMultiple" => attribute.Value == "true",
                "startQuantity" or "completionQuantity" => attribute.Value != "1",
                "isInterrupting" => element.Name.LocalName == "startEvent" && attribute.Value == "false" && element.Parent?.Name.LocalName != "process",
                _ => false,
            };
            if (changesMeaning)
                _problems.Error("unsupported-attribute", id, name, $"不支持属性 {attribute.Name.LocalName}=\"{attribute.Value}\"",
                    $"unsupported attribute {attribute.Name.LocalName}=\"{attribute.Value}\"");
        }
    }

    private void ReadFlow(XElement element)
    {
        var id = (string?)element.Attribute("id");
        var name = Clean((string?)element.Attribute("name"));
        if (id is null || !_ids.Add(id))
        {
            _problems.Error(id is null ? "missing-id" : "duplicate-id", id, name, "顺序流缺少 id 或 id 重复", "a sequence flow has no id or a duplicate id");
            return;
        }
        var condition = element.Element(Bpmn + "conditionExpression")?.Value;
        _flows.Add(new SequenceFlow(id, name, (string?)element.Attribute("sourceRef") ?? "", (string?)element.Attribute("targetRef") ?? "",
            string.IsNullOrWhiteSpace(condition) ? null : ExpressionCompiler.AlwaysFeel(condition)));
    }

    /// <summary>Connects flows to nodes and boundaries to their activities; reports whatever does not connect.</summary>
    private void Link()
    {
        var incoming = new Dictionary<string, List<SequenceFlow>>(StringComparer.Ordinal);
        var outgoing = new Dictionary<string, List<SequenceFlow>>(StringComparer.Ordinal);
        var valid = new List<SequenceFlow>();
        foreach (var flow in _flows)
        {
            _nodes.TryGetValue(flow.SourceId, out var source);
            _nodes.TryGetValue(flow.TargetId, out var target);
            if (source is null || target is null)
            {
                _problems.Error("dangling-flow", flow.Id, flow.Name,
                    $"顺序流的{(source is null ? "起点" : "终点")} {(source is null ? flow.SourceId : flow.TargetId)} 不存在",
                    $"the flow's {(source is null ? "source" : "target")} '{(source is null ? flow.SourceId : flow.TargetId)}' does not exist");
                continue;
            }
            if (source.ContainerId != target.ContainerId)
            {
                _problems.Error("flow-crosses-scope", flow.Id, flow.Name, "顺序流不能跨越子流程边界", "a sequence flow cannot cross a sub-process boundary");
                continue;
            }
            if (flow.Condition is not null && !(source.Kind is NodeKind.ExclusiveGateway or NodeKind.InclusiveGateway))
                _problems.Error("unsupported-condition", flow.Id, flow.Name, "只有排他网关和包容网关的出口可以带条件",
                    "only flows leaving exclusive or inclusive gateways may have conditions");
            valid.Add(flow);
            (outgoing.TryGetValue(source.Id, out var o) ? o : outgoing[source.Id] = []).Add(flow);
            (incoming.TryGetValue(target.Id, out var i) ? i : incoming[target.Id] = []).Add(flow);
        }
        _flows.Clear();
        _flows.AddRange(valid);

        var boundaries = new Dictionary<string, List<FlowNode>>(StringComparer.Ordinal);
        var startsByScope = _nodeOrder.Where(n => n.Kind == NodeKind.StartEvent && n.ContainerId is not null)
            .GroupBy(n => n.ContainerId!).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var node in _nodeOrder)
        {
            node.Incoming = incoming.GetValueOrDefault(node.Id) ?? [];
            node.Outgoing = outgoing.GetValueOrDefault(node.Id) ?? [];
            if (_defaults.TryGetValue(node.Id, out var defaultId))
            {
                var flow = node.Outgoing.FirstOrDefault(f => f.Id == defaultId);
                if (flow is null)
                    _problems.Error("default-flow", node.Id, node.Name, $"默认流 {defaultId} 不是该网关的出口", $"default flow {defaultId} is not an outgoing flow of this gateway");
                else
                {
                    flow.IsDefault = true;
                    node.DefaultFlowId = defaultId;
                }
            }
            if (node.Kind == NodeKind.SubProcess)
            {
                var starts = startsByScope.GetValueOrDefault(node.Id) ?? [];
                if (starts.Count != 1 || starts[0].Timer is not null)
                    _problems.Error("subprocess-start", node.Id, node.Name, "子流程必须恰好有一个空白开始事件",
                        "a sub-process needs exactly one none start event");
                node.StartEventId = starts.FirstOrDefault()?.Id;
            }
            if (node.Kind == NodeKind.BoundaryEvent) LinkBoundary(node, boundaries);
        }
        foreach (var (activityId, list) in boundaries) _nodes[activityId].Boundaries = list;
    }

    private void LinkBoundary(FlowNode boundary, Dictionary<string, List<FlowNode>> boundaries)
    {
        if (boundary.AttachedToId is null || !_nodes.TryGetValue(boundary.AttachedToId, out var host) || !host.IsActivity)
        {
            _problems.Error("boundary-host", boundary.Id, boundary.Name, "边界事件没有附着在任务或子流程上",
                "the boundary event is not attached to a task or sub-process");
            return;
        }
        var fits = boundary.IsErrorBoundary
            ? host.Kind is NodeKind.ServiceTask or NodeKind.SubProcess
            : host.Kind is NodeKind.UserTask or NodeKind.SubProcess or NodeKind.ServiceTask;
        if (!fits)
            _problems.Error("boundary-host", boundary.Id, boundary.Name,
                "错误边界事件只能附着在服务任务或子流程上", "error boundary events attach only to service tasks and sub-processes");
        if (boundary.IsErrorBoundary && !boundary.CancelActivity)
            _problems.Error("unsupported-attribute", boundary.Id, boundary.Name, "错误边界事件必须是中断型", "error boundary events must interrupt");
        if (boundary.Incoming.Count > 0)
            _problems.Error("boundary-incoming", boundary.Id, boundary.Name, "边界事件不能有进入的顺序流", "a boundary event cannot have incoming flows");
        (boundaries.TryGetValue(host.Id, out var list) ? list : boundaries[host.Id] = []).Add(boundary);
    }

    private static Expression? Optional(string? text) => text is null ? null : ExpressionCompiler.FeelOrLiteral(text);

    private static string? Clean(string? name) => string.IsNullOrWhiteSpace(name) ? null : name.Replace("\n", " ").Trim();
}
