using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Workflows.Forms.Validation;

/// <summary>A path into submitted data: object keys and list indexes, shown as <c>facilities[2].area</c>.</summary>
public sealed class DataPath
{
    public static readonly DataPath Root = new([]);

    private readonly object[] segments;

    private DataPath(object[] segments) => this.segments = segments;

    public IReadOnlyList<object> Segments => segments;

    public DataPath Key(string key) => new([.. segments, key]);

    public DataPath Keys(IEnumerable<string> keys) => new([.. segments, .. keys]);

    public DataPath Index(int index) => new([.. segments, index]);

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var segment in segments)
        {
            if (segment is int i)
            {
                text.Append('[').Append(i.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            else
            {
                if (text.Length > 0)
                {
                    text.Append('.');
                }

                text.Append((string)segment);
            }
        }

        return text.ToString();
    }

    public JsonNode? Get(JsonNode? root)
    {
        var node = root;
        foreach (var segment in segments)
        {
            node = segment switch
            {
                string key when node is JsonObject obj => obj[key],
                int index when node is JsonArray array && index < array.Count => array[index],
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    public bool Exists(JsonObject root)
    {
        JsonNode? node = root;
        foreach (var segment in segments)
        {
            switch (segment)
            {
                case string key when node is JsonObject obj && obj.ContainsKey(key):
                    node = obj[key];
                    break;
                case int index when node is JsonArray array && index < array.Count:
                    node = array[index];
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    /// <summary>Sets a value, creating objects (and lists, for index segments) on the way, as min-dash's set does.</summary>
    public void Set(JsonObject root, JsonNode? value)
    {
        JsonNode container = root;
        for (var i = 0; i < segments.Length; i++)
        {
            var last = i == segments.Length - 1;
            var segment = segments[i];
            if (last)
            {
                Put(container, segment, value);
                return;
            }

            var next = Take(container, segment);
            if (next is not (JsonObject or JsonArray))
            {
                next = segments[i + 1] is int ? new JsonArray() : new JsonObject();
                Put(container, segment, next);
            }

            container = next;
        }
    }

    /// <summary>
    /// Removes the value and then every parent left empty, the way form-js clears hidden fields:
    /// an emptied object is removed, a removed list row leaves a null hole, and a list holding only
    /// holes is removed too.
    /// </summary>
    public void RemoveAndPrune(JsonObject root)
    {
        for (var length = segments.Length; length > 0; length--)
        {
            var parent = new DataPath(segments[..(length - 1)]).Get(root);
            var segment = segments[length - 1];
            switch (parent)
            {
                case JsonObject obj when segment is string key:
                    obj.Remove(key);
                    break;
                case JsonArray array when segment is int index && index < array.Count:
                    array[index] = null;
                    break;
                default:
                    return;
            }

            var emptied = parent switch
            {
                JsonObject o => o.Count == 0,
                JsonArray a => a.All(item => item is null),
                _ => false,
            };
            if (!emptied)
            {
                return;
            }
        }
    }

    private static JsonNode? Take(JsonNode container, object segment) => segment switch
    {
        string key when container is JsonObject obj => obj[key],
        int index when container is JsonArray array && index < array.Count => array[index],
        _ => null,
    };

    private static void Put(JsonNode container, object segment, JsonNode? value)
    {
        switch (segment)
        {
            case string key when container is JsonObject obj:
                obj[key] = value;
                break;
            case int index when container is JsonArray array:
                while (array.Count <= index)
                {
                    array.Add(null);
                }

                array[index] = value;
                break;
        }
    }
}
