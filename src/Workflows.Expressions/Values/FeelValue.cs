using System.Collections;
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

    /// <summary>Converts JSON; the element is copied, so its document may be disposed afterwards.</summary>
    public static FeelValue FromJson(JsonElement json) => JsonValues.FromElement(json.Clone(), 0);

    /// <summary>Converts a CLR value: numbers, strings, booleans, dates and times, lists, dictionaries and JSON.</summary>
    public static FeelValue FromObject(object? value) => ClrValues.FromObject(value, 0);

    public override string ToString() => ValueText.Format(this);
}
