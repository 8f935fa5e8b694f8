using System.Globalization;
using System.Text.Json.Nodes;

namespace Workflows.Expressions.Tests.Differential;

/// <summary>
/// The common form both interpreters' answers are compared in: { "type", "value" | "items" | "entries" },
/// or { "error": true }. Numbers are compared as decimals, allowing for the last digits of a binary float.
/// </summary>
public static class NormalisedValue
{
    public static JsonNode Of(FeelValue value) => value switch
    {
        FeelNull => new JsonObject { ["type"] = "null" },
        FeelBoolean b => new JsonObject { ["type"] = "boolean", ["value"] = b.Value },
        FeelNumber n => new JsonObject { ["type"] = "number", ["value"] = value.ToString() },
        FeelString s => new JsonObject { ["type"] = "string", ["value"] = s.Value },
        FeelDate => Typed("date", value),
        FeelTime => Typed("time", value),
        FeelDateTime => Typed("date and time", value),
        FeelDaysTimeDuration or FeelYearsMonthsDuration => Typed("duration", value),
        FeelList list => new JsonObject { ["type"] = "list", ["items"] = new JsonArray(list.Items.Select(Of).ToArray()) },
        FeelContextValue context => new JsonObject
        {
            ["type"] = "context",
            ["entries"] = new JsonObject(context.Entries.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)Of(e.Value)))),
        },
        FeelRange range => new JsonObject
        {
            ["type"] = "range",
            ["value"] = (range.StartIncluded ? "[" : "(") + Of(range.Start).ToJsonString(Relaxed) + ".." + Of(range.End).ToJsonString(Relaxed) + (range.EndIncluded ? "]" : ")"),
        },
        FeelFunction => new JsonObject { ["type"] = "function" },
        _ => new JsonObject { ["type"] = "unknown" },
    };

    /// <summary>Like JavaScript's JSON.stringify: no escaping of non-ASCII text.</summary>
    private static readonly System.Text.Json.JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static JsonObject Typed(string type, FeelValue value) => new() { ["type"] = type, ["value"] = value.ToString() };

    public static bool Same(JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (a["error"] is not null || b["error"] is not null)
        {
            return a["error"] is not null && b["error"] is not null;
        }

        var type = (string?)a["type"];
        if (type != (string?)b["type"])
        {
            return false;
        }

        switch (type)
        {
            case "number":
                return SameNumber((string)a["value"]!, (string)b["value"]!);
            case "list":
                var x = a["items"]!.AsArray();
                var y = b["items"]!.AsArray();
                return x.Count == y.Count && x.Zip(y).All(p => Same(p.First, p.Second));
            case "context":
                var ex = a["entries"]!.AsObject();
                var ey = b["entries"]!.AsObject();
                return ex.Count == ey.Count && ex.All(p => ey.ContainsKey(p.Key) && Same(p.Value, ey[p.Key]));
            default:
                return JsonNode.DeepEquals(a["value"], b["value"]);
        }
    }

    /// <summary>Equal as decimals, or equal to 15 significant digits (what a binary float can promise).</summary>
    private static bool SameNumber(string a, string b)
    {
        const NumberStyles style = NumberStyles.Float;
        if (!double.TryParse(a, style, CultureInfo.InvariantCulture, out var x) || !double.TryParse(b, style, CultureInfo.InvariantCulture, out var y))
        {
            return a == b;
        }

        if (decimal.TryParse(a, style, CultureInfo.InvariantCulture, out var dx) && decimal.TryParse(b, style, CultureInfo.InvariantCulture, out var dy) && dx == dy)
        {
            return true;
        }

        return x.ToString("G15", CultureInfo.InvariantCulture) == y.ToString("G15", CultureInfo.InvariantCulture);
    }
}
