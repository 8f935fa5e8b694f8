using System.Text.Json;
using Workflows.Engine.Events;
using Workflows.Engine.Expressions;
using Workflows.Engine.Gateways;
using Workflows.Engine.Model;
using Workflows.Engine.Tasks;

namespace Workflows.Engine.Execution;

/// <summary>A token on its way to a node: the unit of work of one command.</summary>
internal readonly record struct Token(string NodeId, long ScopeKey, string? Via);

/// <summary>
/// One command being applied to a private copy of the state. Tokens wait in an agenda and are
/// moved one step at a time, never by recursion along flows, so long chains cannot overflow the
/// stack and a loop without a wait state is stopped after a fixed number of steps.
/// </summary>
internal sealed class Run(WorkflowDefinition definition, InstanceState state, DateTimeOffset now, EngineOptions options)
{
    private readonly Queue<Token> _agenda = new();
    private int _steps;

    public WorkflowDefinition Definition { get; } = definition;
    public InstanceState State { get; } = state;
    public DateTimeOffset Now { get; } = now;
    public EngineOptions Options { get; } = options;
    public List<Effect> Effects { get; } = [];
    public List<TraceEntry> Trace { get; } = [];

    public FlowNode NodeOf(ElementInstance instance) => Definition.Nodes[instance.ElementId];

    public void Send(string nodeId, long scopeKey, string? via) => _agenda.Enqueue(new Token(nodeId, scopeKey, via));

    /// <summary>Moves tokens until every one rests in a wait state, the instance ends, or the step limit is hit.</summary>
    public void Drain()
    {
        while (State.Status == InstanceStatus.Active)
        {
            while (_agenda.Count > 0 && State.Status == InstanceStatus.Active)
            {
                if (++_steps > Options.MaxStepsPerCommand)
                {
                    StopRunaway();
                    return;
                }
                var token = _agenda.Dequeue();
                if (token.ScopeKey != 0 && State.FindElement(token.ScopeKey) is null) continue; // its scope was cancelled meanwhile
                Arrive(token);
            }
            if (State.Status != InstanceStatus.Active || !InclusiveGatewayBehaviour.FireReadyJoins(this)) break;
            _steps++;
        }
        _agenda.Clear();
    }

    public bool HasPendingTokens(long scopeKey) => _agenda.Any(t => t.ScopeKey == scopeKey);

    public void DropPendingTokens(long scopeKey)
    {
        if (_agenda.Count == 0) return;
        var keep = _agenda.Where(t => t.ScopeKey != scopeKey).ToList();
        _agenda.Clear();
        foreach (var token in keep) _agenda.Enqueue(token);
    }

    private void Arrive(Token token)
    {
        var node = Definition.Nodes[token.NodeId];
        // A token placed by an administrator (no incoming flow) passes a join rather than waiting at it.
        if (token.Via is null) Enter(node, token.ScopeKey, null);
        else if (node.Incoming.Count > 1 && node.Kind == NodeKind.ParallelGateway) ParallelGatewayBehaviour.Arrive(this, node, token);
        else if (node.Incoming.Count > 1 && node.Kind == NodeKind.InclusiveGateway) InclusiveGatewayBehaviour.Arrive(this, token);
        else Enter(node, token.ScopeKey, token.Via);
    }

    public ElementInstance Enter(FlowNode node, long scopeKey, string? via, IEnumerable<KeyValuePair<string, JsonElement>>? locals = null)
    {
        var instance = new ElementInstance { Key = State.TakeKey(), ElementId = node.Id, ScopeKey = scopeKey, Via = via };
        if (locals is not null)
            foreach (var (name, value) in locals) ScopeVariables.SetLocal(instance, name, value);
        State.Elements.Add(instance);
        Record(TraceKind.Entered, instance);
        Activate(instance);
        return instance;
    }

    /// <summary>Applies input mappings and boundary timers, then hands the instance to its element's behaviour.</summary>
    public void Activate(ElementInstance instance)
    {
        var node = NodeOf(instance);
        var isBody = node.MultiInstance is not null && instance.LoopCounter == 0;
        if (!isBody && node.Inputs.Count > 0 && !ApplyMappings(instance, node.Inputs, toParent: false, PendingStep.Activate)) return;
        if (node.IsActivity && instance.LoopCounter == 0 && !BoundaryEventBehaviour.ScheduleTimers(this, instance)) return;
        if (isBody)
        {
            MultiInstanceBehaviour.ActivateBody(this, instance);
            return;
        }
        switch (node.Kind)
        {
            case NodeKind.StartEvent: StartEventBehaviour.Activate(this, instance); break;
            case NodeKind.EndEvent: EndEventBehaviour.Activate(this, instance); break;
            case NodeKind.IntermediateTimerCatch: TimerCatchBehaviour.Activate(this, instance); break;
            case NodeKind.BoundaryEvent: BoundaryEventBehaviour.Activate(this, instance); break;
            case NodeKind.PassThrough: Complete(instance); break;
            case NodeKind.UserTask: UserTaskBehaviour.Activate(this, instance); break;
            case NodeKind.ServiceTask: ServiceTaskBehaviour.Activate(this, instance); break;
            case NodeKind.SubProcess: SubProcessBehaviour.Activate(this, instance); break;
            case NodeKind.ExclusiveGateway: ExclusiveGatewayBehaviour.Activate(this, instance); break;
            case NodeKind.ParallelGateway: ParallelGatewayBehaviour.Activate(this, instance); break;
            case NodeKind.InclusiveGateway: InclusiveGatewayBehaviour.Activate(this, instance); break;
        }
    }

    /// <summary>Leaves an element: output mappings, then the token moves on along <paramref name="flows"/> (all outgoing when null).</summary>
    public void Complete(ElementInstance instance, IReadOnlyList<SequenceFlow>? flows = null, bool applyOutputs = true)
    {
        var node = NodeOf(instance);
        var isBody = instance.Body is not null;
        if (applyOutputs && !isBody && node.Outputs.Count > 0 && !ApplyMappings(instance, node.Outputs, toParent: true, PendingStep.Complete)) return;
        CancelTimersOwnedBy(instance);
        if (instance.LoopCounter > 0)
        {
            MultiInstanceBehaviour.InnerCompleted(this, instance);
            return;
        }
        Remove(instance);
        Record(TraceKind.Left, instance);
        var next = flows ?? node.Outgoing;
        foreach (var flow in next) Send(flow.TargetId, instance.ScopeKey, flow.Id);
        if (next.Count == 0) TokenEnded(instance.ScopeKey);
    }

    /// <summary>A token was consumed in <paramref name="scopeKey"/>; when nothing is left there the scope completes.</summary>
    public void TokenEnded(long scopeKey)
    {
        if (State.Elements.Any(e => e.ScopeKey == scopeKey) || HasPendingTokens(scopeKey)) return;
        if (State.Joins?.Any(j => j.ScopeKey == scopeKey) ?? false)
        {
            // Tokens at an inclusive join move on once nothing else can reach it; only parallel joins can be stuck.
            if (!State.Joins.Any(j => j.ScopeKey == scopeKey && Definition.Nodes[j.GatewayId].Kind == NodeKind.InclusiveGateway))
                ParallelGatewayBehaviour.ReportDeadlock(this, scopeKey);
            return;
        }
        if (scopeKey == 0)
        {
            State.Status = InstanceStatus.Completed;
            Effects.Add(new InstanceCompleted());
            return;
        }
        if (State.FindElement(scopeKey) is { } scope) Complete(scope);
    }

    /// <summary>Takes an instance and everything inside it off the board, cancelling its tasks, calls and timers.</summary>
    public void Cancel(ElementInstance instance, long answeredKey = -1)
    {
        var stack = new Stack<ElementInstance>();
        stack.Push(instance);
        var order = new List<ElementInstance>();
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            order.Add(current);
            foreach (var child in State.Elements.Where(e => e.ScopeKey == current.Key).Reverse()) stack.Push(child);
        }
        // Innermost first, so effects read like the work unwinding.
        for (var i = order.Count - 1; i >= 0; i--)
        {
            var current = order[i];
            var node = NodeOf(current);
            CancelTimersOwnedBy(current);
            // No cancellation is announced for a call that has just answered (with a BPMN error).
            if (current.Body is null && current.Pending != PendingStep.Arrive && current.Key != answeredKey)
            {
                if (node.Kind == NodeKind.UserTask) Effects.Add(new UserTaskCancelled(current.Key, node.Id));
                if (node.Kind == NodeKind.ServiceTask) Effects.Add(new ServiceCallCancelled(current.Key, node.Id));
            }
            ResolveIncidentsOf(current);
            State.Joins?.RemoveAll(j => j.ScopeKey == current.Key);
            DropPendingTokens(current.Key);
            Remove(current);
            Record(TraceKind.Cancelled, current);
        }
    }

    public void CancelTimersOwnedBy(ElementInstance instance)
    {
        if (State.Timers is not { Count: > 0 } timers) return;
        for (var i = 0; i < timers.Count; i++)
        {
            if (timers[i].OwnerKey != instance.Key) continue;
            Effects.Add(new TimerCancelled(timers[i].Key, timers[i].ElementId));
            timers.RemoveAt(i--);
        }
    }

    public void Remove(ElementInstance instance) => State.Elements.Remove(instance);

    /// <summary>Stops an element with a reason an administrator can act on (retry or skip).</summary>
    public void RaiseIncident(ElementInstance instance, PendingStep pending, string code, string zh, string en)
    {
        instance.Status = ElementStatus.Failed;
        instance.Pending = pending;
        var incident = new Incident
        {
            Key = State.TakeKey(), ElementId = instance.ElementId, ElementInstanceKey = instance.Key, Code = code, MessageZh = zh, MessageEn = en,
        };
        (State.Incidents ??= []).Add(incident);
        Effects.Add(new IncidentRaised(incident.Key, incident.ElementId, code, zh, en));
    }

    private void ResolveIncidentsOf(ElementInstance instance)
    {
        if (State.Incidents is null) return;
        foreach (var incident in State.Incidents.Where(i => i.ElementInstanceKey == instance.Key).ToList())
        {
            State.Incidents.Remove(incident);
            Effects.Add(new IncidentResolved(incident.Key, incident.ElementId));
        }
        if (State.Incidents.Count == 0) State.Incidents = null;
    }

    public Evaluation Evaluate(Expression expression, ElementInstance? instance, long scopeKey = 0,
        IEnumerable<KeyValuePair<string, JsonElement>>? extra = null)
    {
        // Literals need no variables; skip building the scope for them.
        if (!expression.IsFeel) return ExpressionEvaluator.Evaluate(expression, EmptyVariables, Now);
        return ExpressionEvaluator.Evaluate(expression, ScopeVariables.Visible(State, instance, scopeKey, extra), Now);
    }

    private static readonly Dictionary<string, object?> EmptyVariables = [];

    /// <summary>Input mappings become locals of the instance; output mappings are written outward from it.</summary>
    private bool ApplyMappings(ElementInstance instance, IReadOnlyList<VariableMapping> mappings, bool toParent, PendingStep pending)
    {
        foreach (var mapping in mappings)
        {
            var result = Evaluate(mapping.Expression, instance);
            if (!result.Succeeded)
            {
                RaiseIncident(instance, pending, "mapping-failed", $"变量映射 {mapping.Target} 失败：{result.ErrorZh}", $"variable mapping {mapping.Target} failed: {result.ErrorEn}");
                return false;
            }
            if (toParent) ScopeVariables.Propagate(State, instance.ScopeKey, mapping.Target, result.Value);
            else ScopeVariables.SetLocal(instance, mapping.Target, result.Value);
        }
        return true;
    }

    public void Record(TraceKind kind, ElementInstance instance)
    {
        if (Options.RecordTrace) Trace.Add(new TraceEntry(kind, instance.ElementId, instance.Key));
    }

    /// <summary>The step limit was reached: every token still on its way stops where it is, each with an incident.</summary>
    private void StopRunaway()
    {
        while (_agenda.Count > 0)
        {
            var token = _agenda.Dequeue();
            if (token.ScopeKey != 0 && State.FindElement(token.ScopeKey) is null) continue;
            var held = new ElementInstance { Key = State.TakeKey(), ElementId = token.NodeId, ScopeKey = token.ScopeKey, Via = token.Via };
            State.Elements.Add(held);
            RaiseIncident(held, PendingStep.Arrive, "step-limit",
                $"单次操作自动执行超过 {Options.MaxStepsPerCommand} 步，流程可能存在没有等待环节的循环",
                $"more than {Options.MaxStepsPerCommand} automatic steps in one command: the process may loop without a wait state");
        }
    }
}
