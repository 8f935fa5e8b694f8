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
                return new FeelString(Text(json));
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
                return new FeelContextValue(json, depth);
            default:
                return FeelValue.Null;
        }
    }

    /// <summary>
    /// JSON may escape a lone surrogate ("\ud800"), which System.Text.Json refuses to turn into a string.
    /// FEEL strings are UTF-16 like the browser's, so the text is decoded by hand instead of failing.
    /// </summary>
    private static string Text(JsonElement json)
    {
        try
        {
            return json.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return Unescape(json.GetRawText());
        }
    }

    internal static string Name(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            // The raw property text starts with the quoted name.
            var raw = property.ToString();
            var end = raw.IndexOf("\":", StringComparison.Ordinal);
            return end > 0 && raw.StartsWith('"') ? Unescape(raw[..(end + 1)]) : "\uFFFD";
        }
    }

    private static string Unescape(string quoted)
    {
        var text = new System.Text.StringBuilder(quoted.Length);
        for (var i = 1; i < quoted.Length - 1; i++)
        {
            var c = quoted[i];
            if (c != '\\' || i + 1 >= quoted.Length - 1)
            {
                text.Append(c);
                continue;
            }

            var next = quoted[++i];
            switch (next)
            {
                case 'n': text.Append('\n'); break;
                case 'r': text.Append('\r'); break;
                case 't': text.Append('\t'); break;
                case 'b': text.Append('\b'); break;
                case 'f': text.Append('\f'); break;
                case 'u' when i + 4 < quoted.Length && int.TryParse(quoted.AsSpan(i + 1, 4), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var code):
                    text.Append((char)code);
                    i += 4;
                    break;
                default: text.Append(next); break;
            }
        }

        return text.ToString();
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
                    return FromElement(element.Clone(), depth);
                }

                return value.TryGetValue<object>(out var clr) ? ClrValues.FromObject(clr, depth) : FeelValue.Null;
            default:
                return FeelValue.Null;
        }
    }
}
