using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflows.Forms.Schema;

/// <summary>
/// One component of a form-js schema, read once at parse time. Unknown properties are kept in
/// <see cref="Raw"/>; the ones the server acts on are exposed typed.
/// </summary>
public sealed class FormComponent
{
    private readonly List<FormComponent> components = [];

    internal FormComponent(JsonObject raw, FormComponent? parent, string location)
    {
        Raw = raw;
        Parent = parent;
        Location = location;
        Type = String(raw, "type") ?? (parent is null ? "default" : "");
        Kind = ComponentKind.Find(Type);
        Id = String(raw, "id");
        Key = String(raw, "key");
        Path = String(raw, "path");
        Label = String(raw, "label") ?? String(raw, "dateLabel") ?? String(raw, "timeLabel") ?? String(raw, "text")?.Split('\n')[0];
        var validate = raw["validate"] as JsonObject;
        Validate = validate;
        Hide = (raw["conditional"] as JsonObject) is { } conditional ? String(conditional, "hide") : null;
        Expression = String(raw, "expression");
        ComputeOn = String(raw, "computeOn") ?? "change";
        ValuesKey = String(raw, "valuesKey");
        ValuesExpression = String(raw, "valuesExpression");
        IsRepeating = raw["isRepeating"] is JsonValue r && r.GetValueKind() == JsonValueKind.True;
        Disabled = raw["disabled"] is JsonValue d && d.GetValueKind() == JsonValueKind.True;
        Subtype = String(raw, "subtype") ?? "date";
        TimeSerializingFormat = String(raw, "timeSerializingFormat");
        DisallowPassedDates = raw["disallowPassedDates"] is JsonValue p && p.GetValueKind() == JsonValueKind.True;
        SerializeToString = raw["serializeToString"] is JsonValue s && s.GetValueKind() == JsonValueKind.True;
        DecimalDigits = Number(raw["decimalDigits"]) is { } digits ? (int)Math.Clamp(digits, -1m, 28m) : null;
        Multiple = raw["multiple"] is JsonValue multiple && (multiple.GetValueKind() == JsonValueKind.True
            || (multiple.GetValueKind() == JsonValueKind.String && multiple.GetValue<string>().TrimStart().StartsWith('=')));
        Increment = Number(raw["increment"]);
        Accept = String(raw, "accept");
        if (raw["values"] is JsonArray values)
        {
            Options = values.Select(FormOption.From).Where(o => o is not null).Select(o => o!).ToArray();
        }
    }

    public JsonObject Raw { get; }
    public FormComponent? Parent { get; }

    /// <summary>Where the component sits in the schema JSON, e.g. <c>components[2].components[0]</c>.</summary>
    public string Location { get; }

    public string Type { get; }

    /// <summary>Null for a type the server does not know (the schema check reports it).</summary>
    public ComponentKind? Kind { get; }

    public string? Id { get; }
    public string? Key { get; }
    public string? Path { get; }
    public string? Label { get; }
    public JsonObject? Validate { get; }
    public string? Hide { get; }
    public string? Expression { get; }
    public string ComputeOn { get; }
    public string? ValuesKey { get; }
    public string? ValuesExpression { get; }
    public IReadOnlyList<FormOption>? Options { get; }
    public bool IsRepeating { get; }
    public bool Disabled { get; }
    public string Subtype { get; }
    public string? TimeSerializingFormat { get; }
    public bool DisallowPassedDates { get; }
    public bool SerializeToString { get; }
    public int? DecimalDigits { get; }
    public decimal? Increment { get; }
    public string? Accept { get; }

    /// <summary>A filepicker taking several files: <c>multiple: true</c>, or an expression the browser decides (the server allows it).</summary>
    public bool Multiple { get; }
    public IReadOnlyList<FormComponent> Components => components;

    public bool IsKeyed => Kind?.Keyed == true;

    /// <summary>A dynamic list that really repeats (form-js repeats only when <c>isRepeating</c> is true).</summary>
    public bool IsRepeatingList => Kind?.Repeatable == true && IsRepeating;

    public bool Required => Validate?["required"] is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    /// <summary>The segments this component adds to its children's (or its own) value path: its key, or a group's path.</summary>
    public IReadOnlyList<string> OwnSegments => IsKeyed && !string.IsNullOrEmpty(Key)
        ? Key.Split('.')
        : Kind?.Pathed == true && !string.IsNullOrEmpty(Path) ? Path.Split('.') : [];

    /// <summary>A custom property (form-js "custom properties", stored as strings under <c>properties</c>).</summary>
    public string? Property(string name) => Raw["properties"] is JsonObject props && props[name] is JsonValue v
        ? v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.Number => v.ToJsonString(),
            _ => null,
        }
        : null;

    public int? IntProperty(string name) =>
        int.TryParse(Property(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>How a person would name the component in a message: its label, else key, else id.</summary>
    public string DisplayName => !string.IsNullOrWhiteSpace(Label) ? Label! : Key ?? Path ?? Id ?? Type;

    internal void Add(FormComponent child) => components.Add(child);

    internal static string? String(JsonObject obj, string name) =>
        obj[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    internal static decimal? Number(JsonNode? node) => Validation.JsonNumbers.TryGet(node, out var d)
        ? d
        : node is JsonValue s && s.GetValueKind() == JsonValueKind.String && decimal.TryParse(s.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;

    public override string ToString() => $"{Type} {Key ?? Path ?? Id} at {Location}";
}
