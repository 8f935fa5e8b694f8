using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflows.Expressions;

/// <summary>An immutable FEEL value. Concrete kinds follow the DMN type system.</summary>
public abstract class FeelValue
{
    private protected FeelValue() { }

    public static FeelValue Null => FeelNull.Instance;

    /// <summary>The FEEL type name, as the DMN standard spells it ("number", "date and time"...).</summary>
    public abstract string TypeName { get; }

    /// <summary>True only for boolean true: a gateway condition that is null or not a boolean does not hold.</summary>
    public bool IsTrue => ReferenceEquals(this, FeelBoolean.True);

    public abstract JsonNode? ToJson();

    /// <summary>
    /// The value as a plain CLR object: decimal, string, bool, DateOnly, TimeOnly, DateTime (local) or
    /// DateTimeOffset, TimeSpan (days and time), int months (years and months), List and Dictionary; null otherwise.
    /// </summary>
    public object? ToObject() => this switch
    {
        FeelBoolean b => b.Value,
        FeelNumber n => n.Value,
        FeelString s => s.Value,
        FeelDate d => d.Value,
        FeelTime t => t.Value,
        FeelDateTime dt => dt.Offset is { } offset ? new DateTimeOffset(dt.Value, offset) : dt.Value,
        FeelDaysTimeDuration d => d.Value,
        FeelYearsMonthsDuration ym => ym.TotalMonths,
        FeelList list => list.Items.Select(i => i.ToObject()).ToList(),
        FeelContextValue context => context.Entries.ToDictionary(e => e.Key, e => e.Value.ToObject(), StringComparer.Ordinal),
        _ => null,
    };

    /// <summary>Converts JSON; the element is copied, so its document may be disposed afterwards.</summary>
    public static FeelValue FromJson(JsonElement json) => JsonValues.FromElement(json.Clone(), 0);

    /// <summary>Converts a CLR value: numbers, strings, booleans, dates and times, lists, dictionaries and JSON.</summary>
    public static FeelValue FromObject(object? value) => ClrValues.FromObject(value, 0);

    public override string ToString() => ValueText.Format(this);
}
