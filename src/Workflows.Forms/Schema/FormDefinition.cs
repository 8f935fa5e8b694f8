using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflows.Forms.Schema;

/// <summary>
/// A parsed form-js schema (as @bpmn-io/form-js 1.23 writes it): the root's id, schemaVersion and
/// exporter, and the component tree. Parsing never throws; problems come back beside the definition.
/// </summary>
public sealed class FormDefinition
{
    /// <summary>Schemas bigger than this are refused before parsing (a form definition is a few hundred KB at most).</summary>
    public const int MaxSchemaChars = 4 * 1024 * 1024;

    /// <summary>Nesting of groups and dynamic lists deeper than this is refused.</summary>
    public const int MaxComponentDepth = 32;

    private readonly List<FormComponent> all = [];

    private FormDefinition(JsonObject raw)
    {
        Raw = raw;
        Id = FormComponent.String(raw, "id");
        Exporter = raw["exporter"] is JsonObject e ? $"{FormComponent.String(e, "name")} {FormComponent.String(e, "version")}".Trim() : null;
        SchemaVersion = raw["schemaVersion"] is JsonValue v && v.TryGetValue<int>(out var version) ? version : null;
        Root = new FormComponent(raw, null, "$");
    }

    public JsonObject Raw { get; }
    public string? Id { get; }
    public int? SchemaVersion { get; }
    public string? Exporter { get; }

    /// <summary>The root (type <c>default</c>); its <see cref="FormComponent.Components"/> are the top-level components.</summary>
    public FormComponent Root { get; }

    /// <summary>Every component, depth first, in document order.</summary>
    public IReadOnlyList<FormComponent> AllComponents => all;

    public static FormParseResult Parse(string json)
    {
        if (json is null)
        {
            return Fail("SCHEMA_EMPTY", "表单定义为空", "the form definition is empty");
        }

        if (json.Length > MaxSchemaChars)
        {
            return Fail("SCHEMA_TOO_LARGE", $"表单定义过大（最多 {MaxSchemaChars} 个字符）", $"the form definition is too large (at most {MaxSchemaChars} characters)");
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = MaxComponentDepth * 4 + 16, AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            return Fail("SCHEMA_NOT_JSON", "表单定义不是有效的 JSON：" + e.Message, "the form definition is not valid JSON: " + e.Message);
        }

        return Parse(node);
    }

    public static FormParseResult Parse(JsonNode? node)
    {
        if (node is not JsonObject obj)
        {
            return Fail("SCHEMA_NOT_OBJECT", "表单定义必须是 JSON 对象", "the form definition must be a JSON object");
        }

        try
        {
            return Read(obj);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
        {
            // A JsonNode parsed elsewhere may hold a key twice; it only complains when read.
            return Fail("SCHEMA_UNREADABLE", "表单定义无法读取：" + e.Message, "the form definition cannot be read: " + e.Message);
        }
    }

    private static FormParseResult Read(JsonObject obj)
    {
        var problems = new List<SchemaProblem>();
        var definition = new FormDefinition((JsonObject)obj.DeepClone());
        if (definition.Raw["type"] is not null && FormComponent.String(definition.Raw, "type") != "default")
        {
            problems.Add(new SchemaProblem(Severity.Error, "SCHEMA_ROOT_TYPE", definition.Id, null, null, "$",
                "表单根节点的类型必须是 default", "the root of a form must have type \"default\""));
        }

        definition.ReadChildren(definition.Root, "$", 0, problems);
        return new FormParseResult(definition, problems);
    }

    private void ReadChildren(FormComponent parent, string location, int depth, List<SchemaProblem> problems)
    {
        var components = parent.Raw["components"];
        if (components is null)
        {
            return;
        }

        if (components is not JsonArray array)
        {
            problems.Add(new SchemaProblem(Severity.Error, "SCHEMA_COMPONENTS_NOT_LIST", parent.Id, parent.Key, parent.Label, location,
                "components 必须是数组", "\"components\" must be an array"));
            return;
        }

        if (depth >= MaxComponentDepth)
        {
            problems.Add(new SchemaProblem(Severity.Error, "SCHEMA_TOO_DEEP", parent.Id, parent.Key, parent.Label, location,
                $"组件嵌套过深（最多 {MaxComponentDepth} 层）", $"components are nested too deeply (at most {MaxComponentDepth} levels)"));
            return;
        }

        for (var i = 0; i < array.Count; i++)
        {
            var childLocation = (location == "$" ? "" : location + ".") + $"components[{i}]";
            if (array[i] is not JsonObject childObject)
            {
                problems.Add(new SchemaProblem(Severity.Error, "SCHEMA_COMPONENT_NOT_OBJECT", null, null, null, childLocation,
                    "组件必须是 JSON 对象", "a component must be a JSON object"));
                continue;
            }

            var child = new FormComponent(childObject, parent, childLocation);
            parent.Add(child);
            all.Add(child);
            ReadChildren(child, childLocation, depth + 1, problems);
        }
    }

    private static FormParseResult Fail(string code, string zh, string en) =>
        new(null, [new SchemaProblem(Severity.Error, code, null, null, null, "$", zh, en)]);
}

/// <summary>The outcome of parsing: a definition (null when the JSON could not be read at all) and the problems met.</summary>
public sealed record FormParseResult(FormDefinition? Definition, IReadOnlyList<SchemaProblem> Problems)
{
    public bool Succeeded => Definition is not null && Problems.All(p => p.Severity != Severity.Error);
}
