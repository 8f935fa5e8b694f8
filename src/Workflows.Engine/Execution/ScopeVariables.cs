using System.Text.Json;

namespace Workflows.Engine.Execution;

/// <summary>
/// Variable scopes: the process, then each sub-process, multi-instance body and element
/// instance inside it. Reads see every enclosing scope (inner names hide outer ones); writes
/// follow Zeebe: a variable is updated where it already exists, otherwise created on the process.
/// </summary>
internal static class ScopeVariables
{
    /// <summary>All variables visible from <paramref name="instance"/> (or from the scope <paramref name="scopeKey"/> when no instance).</summary>
    public static Dictionary<string, object?> Visible(InstanceState state, ElementInstance? instance, long scopeKey = 0,
        IEnumerable<KeyValuePair<string, JsonElement>>? extra = null)
    {
        var chain = new List<VariableMap>(4);
        var current = instance ?? (scopeKey == 0 ? null : state.FindElement(scopeKey));
        for (var guard = 0; current is not null && guard < 1000; guard++)
        {
            if (current.Variables is { Count: > 0 } locals) chain.Add(locals);
            current = current.ScopeKey == 0 ? null : state.FindElement(current.ScopeKey);
        }
        var result = new Dictionary<string, object?>(state.Variables.Count + 4, StringComparer.Ordinal);
        foreach (var (name, value) in state.Variables) result[name] = value;
        for (var i = chain.Count - 1; i >= 0; i--)
            foreach (var (name, value) in chain[i]) result[name] = value;
        if (extra is not null)
            foreach (var (name, value) in extra) result[name] = value;
        return result;
    }

    /// <summary>The visible variables as one JSON object, for service calls.</summary>
    public static JsonElement VisibleAsJson(InstanceState state, ElementInstance instance) =>
        JsonSerializer.SerializeToElement(Visible(state, instance));

    /// <summary>Writes a variable where it already exists, starting at <paramref name="fromScope"/> and walking out; otherwise on the process.</summary>
    public static void Propagate(InstanceState state, long fromScope, string name, JsonElement value)
    {
        var current = fromScope == 0 ? null : state.FindElement(fromScope);
        for (var guard = 0; current is not null && guard < 1000; guard++)
        {
            if (current.Variables is not null && current.Variables.ContainsKey(name))
            {
                current.Variables[name] = value;
                return;
            }
            current = current.ScopeKey == 0 ? null : state.FindElement(current.ScopeKey);
        }
        state.Variables[name] = value;
    }

    public static void SetLocal(ElementInstance instance, string name, JsonElement value) =>
        (instance.Variables ??= new VariableMap())[name] = value;

    public static void MergeIntoProcess(InstanceState state, IReadOnlyDictionary<string, JsonElement>? variables)
    {
        if (variables is null) return;
        foreach (var (name, value) in variables) state.Variables[name] = value.Clone();
    }
}
