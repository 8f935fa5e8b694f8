using System.Text.Json.Nodes;

namespace Workflows.Forms.Schema;

/// <summary>What a submitted value of a component looks like.</summary>
public enum ValueShape
{
    /// <summary>Layout or display only: no value is submitted.</summary>
    None,
    Text,
    Number,
    Temporal,
    Boolean,
    /// <summary>One value out of the component's options (select, radio).</summary>
    Choice,
    /// <summary>A list of values out of the component's options (checklist, taglist).</summary>
    Choices,
    /// <summary>Computed on the server from a FEEL expression (expression component).</summary>
    Computed,
    /// <summary>A file reference (filepicker).</summary>
    File,
}

/// <summary>
/// The form-js component types the server understands, with the properties form-js gives them:
/// keyed components hold a value under their key, pathed ones (group, dynamic list) nest their
/// children under a path, repeatable ones hold a list of rows.
/// </summary>
public sealed record ComponentKind(string Type, bool Keyed, bool Pathed, bool Repeatable, ValueShape Shape, Func<JsonNode?>? EmptyValue)
{
    public bool HasOptions => Shape is ValueShape.Choice or ValueShape.Choices;

    private static readonly Dictionary<string, ComponentKind> Known = new[]
    {
        Input("textfield", ValueShape.Text, () => JsonValue.Create("")),
        Input("textarea", ValueShape.Text, () => JsonValue.Create("")),
        Input("number", ValueShape.Number, () => null),
        Input("datetime", ValueShape.Temporal, () => null),
        Input("expression", ValueShape.Computed, () => null),
        Input("filepicker", ValueShape.File, () => null),
        Input("checkbox", ValueShape.Boolean, () => JsonValue.Create(false)),
        Input("checklist", ValueShape.Choices, () => new JsonArray()),
        Input("radio", ValueShape.Choice, () => null),
        Input("select", ValueShape.Choice, () => null),
        Input("taglist", ValueShape.Choices, () => new JsonArray()),
        Display("text"),
        Display("image"),
        Display("table"),
        Display("html"),
        Display("documentPreview"),
        Display("spacer"),
        Display("separator"),
        Display("iframe"),
        Display("button"),
        Display("default"),
        new ComponentKind("group", Keyed: false, Pathed: true, Repeatable: false, ValueShape.None, null),
        new ComponentKind("dynamiclist", Keyed: false, Pathed: true, Repeatable: true, ValueShape.None, null),
    }.ToDictionary(k => k.Type, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> KnownTypes => Known.Keys;

    public static ComponentKind? Find(string? type) => type is not null && Known.TryGetValue(type, out var kind) ? kind : null;

    private static ComponentKind Input(string type, ValueShape shape, Func<JsonNode?> empty) =>
        new(type, Keyed: true, Pathed: false, Repeatable: false, shape, empty);

    private static ComponentKind Display(string type) =>
        new(type, Keyed: false, Pathed: false, Repeatable: false, ValueShape.None, null);
}
