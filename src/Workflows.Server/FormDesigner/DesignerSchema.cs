using System.Text.Json.Nodes;
using Workflows.Data.Forms;
using Workflows.Forms.Schema;
using Workflows.Server.Forms;

namespace Workflows.Server.FormDesigner;

/// <summary>The outcome of checking a schema from the designer: the definition when it is a form-js schema at all, and every problem.</summary>
public sealed record DesignerCheck(FormDefinition? Definition, IReadOnlyList<SchemaProblem> Problems)
{
    public bool IsFormJs => Definition is not null && !Problems.Any(p => p.Code is "SCHEMA_NOT_FORM_JS" or "SCHEMA_ID_MISMATCH");

    public bool HasErrors => Definition is null || Problems.Any(p => p.Severity == Severity.Error);

    public IEnumerable<SchemaProblem> Errors => Problems.Where(p => p.Severity == Severity.Error);
}

/// <summary>
/// The schema check the designer runs on save, validate and publish: the deploy check of the forms
/// library, plus what only the designer needs to know: that the JSON is a form-js schema (an object
/// of type <c>default</c> with a <c>components</c> list and an id) and that it belongs to the form
/// being edited.
/// </summary>
public static class DesignerSchema
{
    public const int MaxChars = FormDefinition.MaxSchemaChars;

    public static DesignerCheck Check(string json, string? formId)
    {
        var parsed = FormDefinition.Parse(json);
        if (parsed.Definition is not { } definition)
        {
            return new DesignerCheck(null, parsed.Problems);
        }
        var problems = new List<SchemaProblem>();
        if (definition.Raw["components"] is not JsonArray || definition.Raw["type"] is null)
        {
            problems.Add(new SchemaProblem(Severity.Error, "SCHEMA_NOT_FORM_JS", definition.Id, null, null, "$",
                "这不是 form-js 表单定义：需要 \"type\": \"default\" 和 components 数组",
                "this is not a form-js schema: it needs \"type\": \"default\" and a \"components\" list"));
            return new DesignerCheck(definition, problems);
        }
        if (string.IsNullOrWhiteSpace(definition.Id))
        {
            problems.Add(new SchemaProblem(Severity.Error, "SCHEMA_NO_ID", null, null, null, "id", "表单定义缺少 id", "the form definition has no id"));
        }
        else if (formId is not null && definition.Id != formId)
        {
            problems.Add(new SchemaProblem(Severity.Error, "SCHEMA_ID_MISMATCH", definition.Id, null, null, "id",
                $"表单定义的 id「{definition.Id}」与正在编辑的表单「{formId}」不一致", $"the schema's id \"{definition.Id}\" is not the form being edited (\"{formId}\")"));
        }
        if (definition.Id is { Length: > FormDefinitionRecord.FormIdMaxLength })
        {
            problems.Add(new SchemaProblem(Severity.Error, "SCHEMA_ID_TOO_LONG", definition.Id, null, null, "id",
                $"表单 id 不能超过 {FormDefinitionRecord.FormIdMaxLength} 个字符", $"the form id must be at most {FormDefinitionRecord.FormIdMaxLength} characters"));
        }
        problems.AddRange(parsed.Problems);
        problems.AddRange(SchemaChecker.Check(definition, ApplicantOptionLists.ForDeployment));
        return new DesignerCheck(definition, problems);
    }

    /// <summary>A form id an administrator may give a new form: lower-case letters, digits and hyphens.</summary>
    public static bool IsValidFormId(string? formId) =>
        !string.IsNullOrEmpty(formId) && formId.Length <= FormDefinitionRecord.FormIdMaxLength
        && formId.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_') && char.IsAsciiLetterLower(formId[0]);

    /// <summary>The schema of a new, empty form: a heading with its title.</summary>
    public static string Empty(string formId, string title) => new JsonObject
    {
        ["id"] = formId,
        ["type"] = "default",
        ["schemaVersion"] = 19,
        ["exporter"] = new JsonObject { ["name"] = "form-js", ["version"] = "1.23.0" },
        ["components"] = new JsonArray(new JsonObject { ["id"] = "Heading_title", ["type"] = "text", ["text"] = "# " + title }),
    }.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
