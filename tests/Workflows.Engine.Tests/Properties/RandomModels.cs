using System.Text;

namespace Workflows.Engine.Tests.Properties;

/// <summary>Reads choices one at a time from random numbers, so CsCheck can shrink a failing case.</summary>
internal sealed class Genome(int[] genes)
{
    private int _next;

    public int Next(int choices) => choices <= 1 || genes.Length == 0 ? 0 : (int)((uint)genes[_next++ % genes.Length] % (uint)choices);
}

/// <summary>
/// Builds random block-structured BPMN models: sequences, parallel, exclusive and inclusive
/// blocks, sub-processes, timers, service calls and (optionally) loops back to an earlier step.
/// Every split has its matching join, so a correct engine always completes such a model.
/// </summary>
internal sealed class RandomModels(Genome genome, bool loops)
{
    private readonly StringBuilder _variables = new();
    private readonly Stack<StringBuilder> _scopes = new();
    private int _ids;

    public static (string Xml, string StartVariables) Build(int[] genes, bool loops)
    {
        var builder = new RandomModels(new Genome(genes), loops);
        var root = new StringBuilder();
        builder._scopes.Push(root);
        var (entry, exit) = builder.Block(0);
        root.AppendLine("<bpmn:startEvent id=\"start\" /><bpmn:endEvent id=\"end\" />");
        builder.Flow("start", entry);
        builder.Flow(exit, "end");
        return (Support.Bpmn.Definitions(root.ToString()), "{" + builder._variables.ToString().TrimEnd(',') + "}");
    }

    private StringBuilder Scope => _scopes.Peek();

    private string Id(string prefix) => $"{prefix}{++_ids}";

    private void Flow(string from, string to, string? condition = null, bool isDefault = false)
    {
        var id = Id("f");
        Scope.Append($"<bpmn:sequenceFlow id=\"{id}\" sourceRef=\"{from}\" targetRef=\"{to}\"");
        Scope.AppendLine(condition is null ? " />" : $"><bpmn:conditionExpression>{System.Security.SecurityElement.Escape(condition)}</bpmn:conditionExpression></bpmn:sequenceFlow>");
        if (isDefault) Scope.Replace($"id=\"{from}\" default=\"\"", $"id=\"{from}\" default=\"{id}\"");
    }

    private (string Entry, string Exit) Block(int depth)
    {
        var kind = genome.Next(depth >= 3 ? 3 : loops ? 9 : 8);
        switch (kind)
        {
            case 0:
            {
                var id = Id("task");
                Scope.AppendLine($"<bpmn:userTask id=\"{id}\"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups=\"county:approver\" /></bpmn:extensionElements></bpmn:userTask>");
                return (id, id);
            }
            case 1:
            {
                var id = Id("call");
                Scope.AppendLine($"<bpmn:serviceTask id=\"{id}\"><bpmn:extensionElements><zeebe:taskDefinition type=\"notify\" /></bpmn:extensionElements></bpmn:serviceTask>");
                return (id, id);
            }
            case 2:
            {
                var id = Id("wait");
                Scope.AppendLine($"<bpmn:intermediateCatchEvent id=\"{id}\"><bpmn:timerEventDefinition><bpmn:timeDuration>PT{1 + genome.Next(48)}H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>");
                return (id, id);
            }
            case 3:
            {
                var (a1, a2) = Block(depth + 1);
                var (b1, b2) = Block(depth + 1);
                Flow(a2, b1);
                return (a1, b2);
            }
            case 4: return Split("parallelGateway", depth, _ => null);
            case 5:
            {
                var variable = Id("choice");
                var branches = 2 + genome.Next(2);
                _variables.Append($"\"{variable}\":{genome.Next(branches)},");
                return Split("exclusiveGateway", depth, i => i == 0 ? "" : $"={variable} = {i}");
            }
            case 6:
            {
                var variable = Id("pick");
                var values = Enumerable.Range(0, 3).Select(_ => genome.Next(2) == 1 ? "true" : "false").ToList();
                _variables.Append($"\"{variable}\":[{string.Join(",", values)}],");
                return Split("inclusiveGateway", depth, i => i == 0 ? "" : $"={variable}[{i + 1}]");
            }
            case 7:
            {
                var id = Id("sub");
                var inner = new StringBuilder();
                _scopes.Push(inner);
                var (entry, exit) = Block(depth + 1);
                inner.AppendLine($"<bpmn:startEvent id=\"{id}s\" /><bpmn:endEvent id=\"{id}e\" />");
                Flow($"{id}s", entry);
                Flow(exit, $"{id}e");
                _scopes.Pop();
                Scope.AppendLine($"<bpmn:subProcess id=\"{id}\">{inner}</bpmn:subProcess>");
                return (id, id);
            }
            default:
            {
                // A loop: merge, body, then back to the merge while the last task's outcome says "again".
                var merge = Id("again");
                var decide = Id("decide");
                Scope.AppendLine($"<bpmn:exclusiveGateway id=\"{merge}\" /><bpmn:exclusiveGateway id=\"{decide}\" default=\"\" />");
                var (entry, exit) = Block(depth + 1);
                Flow(merge, entry);
                Flow(exit, decide);
                Flow(decide, merge, "=outcome = \"again\"");
                var after = Id("after");
                Scope.AppendLine($"<bpmn:exclusiveGateway id=\"{after}\" />");
                Flow(decide, after, isDefault: true);
                return (merge, after);
            }
        }
    }

    /// <summary>A split with 2–3 branches and its join; an empty condition marks the default flow.</summary>
    private (string Entry, string Exit) Split(string gateway, int depth, Func<int, string?> condition)
    {
        var split = Id("split");
        var join = Id("join");
        var branches = 2 + genome.Next(2);
        var hasDefault = condition(0) == "";
        Scope.AppendLine($"<bpmn:{gateway} id=\"{split}\"{(hasDefault ? " default=\"\"" : "")} /><bpmn:{gateway} id=\"{join}\" />");
        for (var i = 0; i < branches; i++)
        {
            var (entry, exit) = Block(depth + 1);
            var text = condition(i);
            Flow(split, entry, string.IsNullOrEmpty(text) ? null : text, isDefault: text == "");
            Flow(exit, join);
        }
        return (split, join);
    }
}
