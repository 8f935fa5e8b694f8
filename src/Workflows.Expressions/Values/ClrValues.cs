using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflows.Expressions;

/// <summary>CLR objects to FEEL values. Unknown types become null rather than failing.</summary>
internal static class ClrValues
{
    public static FeelValue FromObject(object? value, int depth)
    {
        if (depth > JsonValues.MaxDepth)
        {
            return FeelValue.Null;
        }

        switch (value)
        {
            case null:
                return FeelValue.Null;
            case FeelValue feel:
                return feel;
            case bool b:
                return FeelBoolean.Of(b);
            case string s:
                return new FeelString(s);
            case char c:
                return new FeelString(c.ToString());
            case decimal m:
                return new FeelNumber(m);
            case int or long or short or byte or sbyte or uint or ushort or ulong:
                return new FeelNumber(Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture));
            case double or float:
                var d = Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
                return double.IsFinite(d) && Math.Abs(d) < 7.9e28 ? new FeelNumber((decimal)d) : FeelValue.Null;
            case DateOnly date:
                return new FeelDate(date);
            case TimeOnly time:
                return new FeelTime(time, null);
            case DateTimeOffset dto:
                return new FeelDateTime(dto.DateTime, dto.Offset);
            case DateTime dt:
                return dt.Kind == DateTimeKind.Utc ? new FeelDateTime(dt, TimeSpan.Zero) : new FeelDateTime(dt, null);
            case TimeSpan span:
                return new FeelDaysTimeDuration(span);
            case JsonElement element:
                return JsonValues.FromElement(element.Clone(), depth);
            case JsonNode node:
                return JsonValues.FromNode(node, depth);
            case IDictionary<string, object?> dictionary:
                return new FeelContextValue(dictionary
                    .Select(p => new KeyValuePair<string, FeelValue>(p.Key, FromObject(p.Value, depth + 1))).ToList());
            case IReadOnlyDictionary<string, object?> readOnly:
                return new FeelContextValue(readOnly
                    .Select(p => new KeyValuePair<string, FeelValue>(p.Key, FromObject(p.Value, depth + 1))).ToList());
            case IDictionary legacy:
                var entries = new List<KeyValuePair<string, FeelValue>>();
                foreach (DictionaryEntry entry in legacy)
                {
                    entries.Add(new(Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? "", FromObject(entry.Value, depth + 1)));
                }

                return new FeelContextValue(entries);
            case IEnumerable sequence:
                var items = new List<FeelValue>();
                foreach (var item in sequence)
                {
                    items.Add(FromObject(item, depth + 1));
                }

                return new FeelList(items);
            default:
                return FeelValue.Null;
        }
    }
}
