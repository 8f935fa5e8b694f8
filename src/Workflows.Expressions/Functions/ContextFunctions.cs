using Workflows.Expressions.Evaluation;

namespace Workflows.Expressions.Functions;

internal static partial class Builtins
{
    private static void DefineContexts(Define add)
    {
        add("get value", "m, key", (e, a) => Arguments.Context(a[0], out var m) && Arguments.String(a[1], out var key)
            ? (m.TryGet(key, out var value) ? value : FeelValue.Null)
            : Invalid(e, "get value"));
        add("get entries", "m", (e, a) => Arguments.Context(a[0], out var m)
            ? new FeelList(m.Entries.Select(entry => (FeelValue)new FeelContextValue([new("key", new FeelString(entry.Key)), new("value", entry.Value)])).ToArray())
            : Invalid(e, "get entries"));
        add("context put", "context, key, value", ContextPut);
        add("context merge", "contexts...", (e, a) =>
        {
            var entries = new List<KeyValuePair<string, FeelValue>>();
            foreach (var item in ListOrArguments(a))
            {
                if (item is not FeelContextValue c)
                {
                    return Invalid(e, "context merge");
                }

                entries.AddRange(c.Entries);
            }

            return new FeelContextValue(entries);
        });
        add("context", "entries...", (e, a) =>
        {
            var entries = new List<KeyValuePair<string, FeelValue>>();
            foreach (var item in ListOrArguments(a))
            {
                if (item is not FeelContextValue c || !c.TryGet("key", out var key) || key is not FeelString k || !c.TryGet("value", out var value)
                    || entries.Any(existing => existing.Key == k.Value))
                {
                    return Invalid(e, "context");
                }

                entries.Add(new(k.Value, value));
            }

            return new FeelContextValue(entries);
        });
        add("is defined", "value", (e, a) => FeelBoolean.Of(a[0] is not FeelNull));
        add("includes", "range, value", (e, a) => a[0] is FeelRange range
            ? (Comparisons.Includes(range, a[1]) is { } inside ? FeelBoolean.Of(inside) : FeelValue.Null)
            : Invalid(e, "includes"));
    }

    /// <summary>context put(context, key, value), or with a list of keys a nested path, creating nothing that is missing.</summary>
    private static FeelValue ContextPut(EvaluationState e, FeelValue[] a)
    {
        if (!Arguments.Context(a[0], out var context))
        {
            return Invalid(e, "context put");
        }

        var keys = a[1] switch
        {
            FeelString s => [s.Value],
            FeelList list when list.Count > 0 && list.Items.All(k => k is FeelString) => list.Items.Select(k => ((FeelString)k).Value).ToArray(),
            _ => null,
        };
        return keys is null ? Invalid(e, "context put") : Put(e, context, keys, 0, a[2]);
    }

    private static FeelValue Put(EvaluationState e, FeelContextValue context, string[] keys, int at, FeelValue value)
    {
        if (at < keys.Length - 1)
        {
            if (!context.TryGet(keys[at], out var inner) || inner is not FeelContextValue innerContext)
            {
                return Invalid(e, "context put");
            }

            value = Put(e, innerContext, keys, at + 1, value);
            if (value is FeelNull)
            {
                return value;
            }
        }

        return context.With(keys[at], value);
    }
}
