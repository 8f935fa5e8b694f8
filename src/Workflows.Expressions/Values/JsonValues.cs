using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflows.Expressions;

/// <summary>JSON to FEEL: objects become contexts, arrays lists; strings stay strings (as in feelin, no date sniffing).</summary>
internal static class JsonValues
{
    /// <summary>Deeper input is cut off (null) rather than risking the stack.</summary>
    internal const int MaxDepth = 200;

    public static FeelValue FromElement(JsonElement json, int depth)
    {
        if (depth > MaxDepth)
        {
            return FeelValue.Null;
        }

        switch (json.ValueKind)
        {
            case JsonValueKind.True:
                return FeelBoolean.True;
            case JsonValueKind.False:
                return FeelBoolean.False;
            case JsonValueKind.String:
                return new FeelString(json.GetString()!);
            case JsonValueKind.Number:
                return json.TryGetDecimal(out var number) ? new FeelNumber(number) : FeelValue.Null;
            case JsonValueKind.Array:
                var items = new FeelValue[json.GetArrayLength()];
                var i = 0;
                foreach (var item in json.EnumerateArray())
                {
                    items[i++] = FromElement(item, depth + 1);
                }

                return new FeelList(items);
            case JsonValueKind.Object:
                return new FeelContextValue(json.EnumerateObject()
                    .Select(p => new KeyValuePair<string, FeelValue>(p.Name, FromElement(p.Value, depth + 1))).ToList());
            default:
                return FeelValue.Null;
        }
    }

    public static FeelValue FromNode(JsonNode? node, int depth)
    {
        if (node is null || depth > MaxDepth)
        {
            return FeelValue.Null;
        }

        switch (node)
        {
            case JsonObject obj:
                return new FeelContextValue(obj
                    .Select(p => new KeyValuePair<string, FeelValue>(p.Key, FromNode(p.Value, depth + 1))).ToList());
            case JsonArray array:
                return new FeelList(array.Select(item => FromNode(item, depth + 1)).ToArray());
            case JsonValue value:
                if (value.TryGetValue<JsonElement>(out var element))
                {
                    return FromElement(element, depth);
                }

                return value.TryGetValue<object>(out var clr) ? ClrValues.FromObject(clr, depth) : FeelValue.Null;
            default:
                return FeelValue.Null;
        }
    }
}
