using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflows.Expressions;

/// <summary>
/// A FEEL context: named entries in the order they were written. A context read from JSON converts
/// its entries only when they are used, so a large form costs little when a condition reads two fields.
/// </summary>
public sealed class FeelContextValue : FeelValue
{
    public static readonly FeelContextValue Empty = new([]);

    private readonly JsonElement json;
    private readonly int depth;
    private Table? table;
    private int lookups;

    /// <summary>Later entries with the same key replace earlier ones, keeping the first position.</summary>
    public FeelContextValue(IEnumerable<KeyValuePair<string, FeelValue>> entries) => table = new Table(entries);

    /// <summary>A context over a JSON object that must stay readable (a clone, not a disposable document's element).</summary>
    internal FeelContextValue(JsonElement json, int depth)
    {
        this.json = json;
        this.depth = depth;
    }

    public IReadOnlyList<KeyValuePair<string, FeelValue>> Entries => Materialised.Entries;

    public override string TypeName => "context";

    private Table Materialised
    {
        get
        {
            // Two threads may both convert; either result is the same value.
            return table ??= new Table(json.EnumerateObject()
                .Select(p => new KeyValuePair<string, FeelValue>(JsonValues.Name(p), JsonValues.FromElement(p.Value, depth + 1))));
        }
    }

    public bool TryGet(string key, out FeelValue value)
    {
        var current = table;
        if (current is not null)
        {
            return current.TryGet(key, out value);
        }

        // A context that is read again and again (reused variables, a loop) is converted once;
        // the counter may race, which only changes when that happens.
        if (++lookups > 4 || HasSurrogate(key))
        {
            return Materialised.TryGet(key, out value);
        }

        // The last of duplicate JSON keys wins, as when the context is converted whole.
        var found = false;
        value = Null;
        foreach (var property in json.EnumerateObject())
        {
            if (property.NameEquals(key))
            {
                value = JsonValues.FromElement(property.Value, depth + 1);
                found = true;
            }
        }

        return found;
    }

    private static bool HasSurrogate(string key)
    {
        foreach (var c in key)
        {
            if (char.IsSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }

    public FeelContextValue With(string key, FeelValue value) => new([.. Entries, new(key, value)]);

    internal static FeelContextValue FromDictionary(IReadOnlyDictionary<string, object?> variables) =>
        new(variables.Select(pair => new KeyValuePair<string, FeelValue>(pair.Key, FromObject(pair.Value))));

    public override JsonNode? ToJson()
    {
        var result = new JsonObject();
        foreach (var entry in Entries)
        {
            result[entry.Key] = entry.Value.ToJson();
        }

        return result;
    }

    private sealed class Table
    {
        private readonly Dictionary<string, int>? index;

        public Table(IEnumerable<KeyValuePair<string, FeelValue>> source)
        {
            var list = new List<KeyValuePair<string, FeelValue>>();
            var positions = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var entry in source)
            {
                if (positions.TryGetValue(entry.Key, out var at))
                {
                    list[at] = entry;
                }
                else
                {
                    positions[entry.Key] = list.Count;
                    list.Add(entry);
                }
            }

            Entries = [.. list];
            // A linear scan beats hashing for the handful of entries most forms have.
            index = Entries.Length > 8 ? positions : null;
        }

        public KeyValuePair<string, FeelValue>[] Entries { get; }

        public bool TryGet(string key, out FeelValue value)
        {
            if (index is not null)
            {
                if (index.TryGetValue(key, out var at))
                {
                    value = Entries[at].Value;
                    return true;
                }
            }
            else
            {
                foreach (var entry in Entries)
                {
                    if (string.Equals(entry.Key, key, StringComparison.Ordinal))
                    {
                        value = entry.Value;
                        return true;
                    }
                }
            }

            value = Null;
            return false;
        }
    }
}
