using System.Text.Json.Nodes;

namespace Workflows.Expressions;

/// <summary>A FEEL context: named entries in the order they were written.</summary>
public sealed class FeelContextValue : FeelValue
{
    public static readonly FeelContextValue Empty = new([]);

    private readonly KeyValuePair<string, FeelValue>[] entries;
    private readonly Dictionary<string, int>? index;

    /// <summary>Later entries with the same key replace earlier ones, keeping the first position.</summary>
    public FeelContextValue(IEnumerable<KeyValuePair<string, FeelValue>> entries)
    {
        var list = new List<KeyValuePair<string, FeelValue>>();
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in entries)
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

        this.entries = [.. list];
        // A linear scan beats hashing for the handful of entries most forms have.
        index = this.entries.Length > 8 ? positions : null;
    }

    public IReadOnlyList<KeyValuePair<string, FeelValue>> Entries => entries;
    public override string TypeName => "context";

    public bool TryGet(string key, out FeelValue value)
    {
        if (index is not null)
        {
            if (index.TryGetValue(key, out var at))
            {
                value = entries[at].Value;
                return true;
            }
        }
        else
        {
            foreach (var entry in entries)
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

    public FeelContextValue With(string key, FeelValue value) => new([.. entries, new(key, value)]);

    internal static FeelContextValue FromDictionary(IReadOnlyDictionary<string, object?> variables) =>
        new(variables.Select(pair => new KeyValuePair<string, FeelValue>(pair.Key, FromObject(pair.Value))));

    public override JsonNode? ToJson()
    {
        var json = new JsonObject();
        foreach (var entry in entries)
        {
            json[entry.Key] = entry.Value.ToJson();
        }

        return json;
    }
}
