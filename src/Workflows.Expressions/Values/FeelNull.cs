using System.Text.Json.Nodes;

namespace Workflows.Expressions;

public sealed class FeelNull : FeelValue
{
    internal static readonly FeelNull Instance = new();
    private FeelNull() { }
    public override string TypeName => "Null";
    public override JsonNode? ToJson() => null;
}

public sealed class FeelBoolean : FeelValue
{
    public static readonly FeelBoolean True = new(true);
    public static readonly FeelBoolean False = new(false);
    private FeelBoolean(bool value) => Value = value;
    public bool Value { get; }
    public static FeelBoolean Of(bool value) => value ? True : False;
    public override string TypeName => "boolean";
    public override JsonNode? ToJson() => JsonValue.Create(Value);
}

public sealed class FeelNumber : FeelValue
{
    public FeelNumber(decimal value) => Value = value;
    public decimal Value { get; }
    public override string TypeName => "number";

    /// <summary>Trailing zeros are dropped (2.0 is written 2), as the browser writes numbers.</summary>
    public override JsonNode? ToJson() => JsonValue.Create(Value / 1.0000000000000000000000000000m);
}

public sealed class FeelString : FeelValue
{
    internal static readonly FeelString Empty = new("");
    public FeelString(string value) => Value = value;
    public string Value { get; }
    public override string TypeName => "string";
    public override JsonNode? ToJson() => JsonValue.Create(Value);
}
