using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflows.Forms.Validation;

/// <summary>
/// Reads a JSON number as a decimal whatever backs the node: parsed text, or a CLR int, long or
/// double put there by code (System.Text.Json will not convert between those by itself).
/// </summary>
internal static class JsonNumbers
{
    public static bool TryGet(JsonNode? node, out decimal value)
    {
        value = 0;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        if (v.TryGetValue<decimal>(out value))
        {
            return true;
        }

        if (v.TryGetValue<long>(out var l))
        {
            value = l;
            return true;
        }

        if (v.TryGetValue<int>(out var i))
        {
            value = i;
            return true;
        }

        if (v.TryGetValue<double>(out var d) || (v.TryGetValue<float>(out var f) && (d = f) == f))
        {
            if (double.IsFinite(d) && Math.Abs(d) < 7.9e28)
            {
                value = (decimal)d;
                return true;
            }
        }

        return false;
    }
}
