using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Engine.Execution;
using Workflows.Engine.Model;

namespace Workflows.Engine.Tasks;

/// <summary>
/// A multi-instance activity: a body that runs one inner instance per item of the input
/// collection (or loopCardinality times), all at once (parallel) or one after another
/// (sequential). It completes when all inner instances have, or earlier when the completion
/// condition holds, cancelling the rest. This is how 会签 (all sign), 或签 (any one signs) and
/// N-of-M are drawn.
/// </summary>
internal static class MultiInstanceBehaviour
{
    public static void ActivateBody(Run run, ElementInstance body)
    {
        var loop = run.NodeOf(body).MultiInstance!;
        var mi = body.Body = new MultiInstanceState();
        if (loop.InputCollection is { } collection)
        {
            var result = run.Evaluate(collection, body);
            if (!result.Succeeded || result.Value.ValueKind != JsonValueKind.Array)
            {
                run.RaiseIncident(body, PendingStep.Activate, "input-collection",
                    $"多实例的输入集合不是列表：{result.ErrorZh ?? result.Value.GetRawText()}",
                    $"the multi-instance input collection is not a list: {result.ErrorEn ?? result.Value.GetRawText()}");
                return;
            }
            mi.Items = result.Value;
            mi.Total = result.Value.GetArrayLength();
        }
        else
        {
            var result = run.Evaluate(loop.LoopCardinality!, body);
            if (!result.Succeeded || result.Value.ValueKind != JsonValueKind.Number || !result.Value.TryGetInt32(out var count) || count < 0)
            {
                run.RaiseIncident(body, PendingStep.Activate, "loop-cardinality",
                    $"多实例的实例数不是非负整数：{result.ErrorZh ?? result.Value.GetRawText()}",
                    $"the loop cardinality is not a non-negative whole number: {result.ErrorEn ?? result.Value.GetRawText()}");
                return;
            }
            mi.Total = count;
        }
        if (loop.OutputCollection is { } output)
            ScopeVariables.SetLocal(body, output, JsonSerializer.SerializeToElement(new JsonArray(Enumerable.Range(0, mi.Total).Select(_ => (JsonNode?)null).ToArray())));

        if (mi.Total == 0)
        {
            CompleteBody(run, body);
            return;
        }
        var first = loop.IsSequential ? 1 : mi.Total;
        for (var i = 0; i < first; i++) StartInner(run, body);
    }

    private static void StartInner(Run run, ElementInstance body)
    {
        var loop = run.NodeOf(body).MultiInstance!;
        var mi = body.Body!;
        var index = mi.Started++;
        var inner = new ElementInstance { Key = run.State.TakeKey(), ElementId = body.ElementId, ScopeKey = body.Key, LoopCounter = index + 1 };
        ScopeVariables.SetLocal(inner, "loopCounter", JsonSerializer.SerializeToElement(index + 1));
        if (loop.InputElement is { } element && mi.Items is { } items)
            ScopeVariables.SetLocal(inner, element, items[index].Clone());
        run.State.Elements.Add(inner);
        run.Record(TraceKind.Entered, inner);
        run.Activate(inner);
    }

    /// <summary>Whether completion variables stay local to the inner instance (so the output element can collect them).</summary>
    public static bool KeepsCompletionLocal(Run run, ElementInstance instance) =>
        instance.LoopCounter > 0 && run.NodeOf(instance).MultiInstance?.OutputElement is not null;

    public static void InnerCompleted(Run run, ElementInstance inner)
    {
        var body = run.State.FindElement(inner.ScopeKey)!;
        var loop = run.NodeOf(body).MultiInstance!;
        var mi = body.Body!;

        // The output collection with this instance's answer in its slot: the completion condition must see it.
        JsonElement? collection = null;
        if (loop.OutputElement is { } outputElement)
        {
            var result = run.Evaluate(outputElement, inner);
            if (!Check(run, inner, result, "output-element", "输出元素")) return;
            if (loop.OutputCollection is { } name && body.Variables?.GetValueOrDefault(name) is { ValueKind: JsonValueKind.Array } list)
            {
                var array = JsonNode.Parse(list.GetRawText())!.AsArray();
                array[inner.LoopCounter - 1] = JsonNode.Parse(result.Value.GetRawText());
                collection = JsonSerializer.SerializeToElement(array);
            }
        }
        var active = run.State.Elements.Count(e => e.ScopeKey == body.Key) - 1;
        var finished = false;
        if (loop.CompletionCondition is { } condition)
        {
            var extra = Counters(mi.Total, active, mi.Completed + 1, mi.Terminated).ToList();
            if (collection is { } updated) extra.Add(new(loop.OutputCollection!, updated));
            var result = run.Evaluate(condition, inner, extra: extra);
            if (!Check(run, inner, result, "completion-condition", "完成条件")) return;
            finished = result.IsTrue;
        }

        if (collection is { } value) ScopeVariables.SetLocal(body, loop.OutputCollection!, value);
        mi.Completed++;
        run.Remove(inner);
        run.Record(TraceKind.Left, inner);

        if (finished)
        {
            foreach (var other in run.State.Elements.Where(e => e.ScopeKey == body.Key).ToList())
            {
                mi.Terminated++;
                run.Cancel(other);
            }
            CompleteBody(run, body);
        }
        else if (loop.IsSequential && mi.Started < mi.Total) StartInner(run, body);
        else if (active == 0 && mi.Started >= mi.Total) CompleteBody(run, body);
    }

    private static bool Check(Run run, ElementInstance inner, Expressions.Evaluation result, string code, string what)
    {
        if (result.Succeeded) return true;
        run.RaiseIncident(inner, PendingStep.Complete, code, $"多实例{what}求值失败：{result.ErrorZh}", $"the multi-instance {code.Replace('-', ' ')} failed: {result.ErrorEn}");
        return false;
    }

    private static void CompleteBody(Run run, ElementInstance body)
    {
        var loop = run.NodeOf(body).MultiInstance!;
        if (loop.OutputCollection is { } name && body.Variables?.GetValueOrDefault(name) is { } value)
            ScopeVariables.Propagate(run.State, body.ScopeKey, name, value);
        run.Complete(body, applyOutputs: false);
    }

    /// <summary>Zeebe's names, and Camunda 7's for those who know them.</summary>
    private static KeyValuePair<string, JsonElement>[] Counters(int total, int active, int completed, int terminated)
    {
        static KeyValuePair<string, JsonElement> Pair(string name, int value) => new(name, JsonSerializer.SerializeToElement(value));
        return
        [
            Pair("numberOfInstances", total), Pair("numberOfActiveInstances", active),
            Pair("numberOfCompletedInstances", completed), Pair("numberOfTerminatedInstances", terminated),
            Pair("nrOfInstances", total), Pair("nrOfActiveInstances", active), Pair("nrOfCompletedInstances", completed),
        ];
    }
}
