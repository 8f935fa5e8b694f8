using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflows.Forms.Schema;

/// <summary>One option of a select, radio, checklist or taglist: the stored value and the label shown.</summary>
public sealed record FormOption(JsonNode Value, string Label)
{
    /// <summary>
    /// Reads an option the way form-js normalises it: a bare string, number or boolean is both value
    /// and label; an object needs a value, and its label defaults to the value's text. Anything else
    /// is skipped (null), as the viewer skips it.
    /// </summary>
    public static FormOption? From(JsonNode? node)
    {
        if (IsAllowedPrimitive(node))
        {
            return new FormOption(node!.DeepClone(), Text(node!));
        }

        if (node is JsonObject obj)
        {
            var value = obj["value"];
            var label = obj["label"] is JsonValue l && l.GetValueKind() == JsonValueKind.String ? l.GetValue<string>() : null;
            if (string.IsNullOrEmpty(label) && IsAllowedPrimitive(value))
            {
                return new FormOption(value!.DeepClone(), Text(value!));
            }

            if (!string.IsNullOrEmpty(label) && value is not null)
            {
                return new FormOption(value.DeepClone(), label);
            }
        }

        return null;
    }

    private static bool IsAllowedPrimitive(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return false;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>().Length > 0,
            JsonValueKind.Number => true,
            JsonValueKind.True or JsonValueKind.False => true,
            _ => false,
        };
    }

    private static string Text(JsonNode node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String
        ? v.GetValue<string>()
        : node.ToJsonString().ToLowerInvariant();
}
