using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Workflows.Forms.Schema;

namespace Workflows.Forms.Validation;

/// <summary>
/// First pass over a submission: keeps the keys the form binds, refuses unknown keys and values of
/// the wrong JSON type, and enforces row and size limits. Produces a clean copy; never evaluates FEEL.
/// </summary>
internal sealed partial class ShapeReader(SubmissionOptions options, Issues issues)
{
    public JsonObject Read(JsonObject submission, BindingScope scope) => ReadObject(submission, scope, DataPath.Root);

    private JsonObject ReadObject(JsonObject source, BindingScope scope, DataPath path)
    {
        var result = new JsonObject();
        foreach (var (key, value) in source)
        {
            var here = path.Key(key);
            if (!scope.Children.TryGetValue(key, out var binding))
            {
                Unknown(here);
                continue;
            }

            if (binding.Field is { } field)
            {
                if (ReadValue(field, value, here, out var clean))
                {
                    result[key] = clean;
                }
            }
            else if (binding.List is { } list)
            {
                if (ReadList(list, binding.RowScope!, value, here) is { } rows)
                {
                    result[key] = rows;
                }
            }
            else if (binding.Nested is { } nested)
            {
                if (value is null)
                {
                    continue;
                }

                if (value is not JsonObject obj)
                {
                    issues.Error(here, null, "VALUE_NOT_OBJECT", "应为对象", "must be an object");
                    continue;
                }

                result[key] = ReadObject(obj, nested, here);
            }
        }

        return result;
    }

    private JsonArray? ReadList(FormComponent list, BindingScope rowScope, JsonNode? value, DataPath path)
    {
        if (value is null)
        {
            return null;
        }

        if (value is not JsonArray rows)
        {
            issues.Error(path, list, "LIST_NOT_ARRAY", "应为行的列表（数组）", "must be a list (array) of rows");
            return null;
        }

        var max = Math.Min(options.Limits.MaxRowsPerList, list.IntProperty("maxRows") is > 0 and var m ? m : int.MaxValue);
        if (rows.Count > max)
        {
            issues.Error(path, list, "LIST_TOO_MANY_ROWS",
                $"最多 {max} 行，提交了 {rows.Count} 行", $"takes at most {max} rows, {rows.Count} were submitted");
            return null;
        }

        var result = new JsonArray();
        for (var i = 0; i < rows.Count; i++)
        {
            var here = path.Index(i);
            switch (rows[i])
            {
                case null:
                    // form-js leaves a null hole where a row emptied by hidden fields was cleared.
                    result.Add(null);
                    break;
                case JsonObject row:
                    result.Add(ReadObject(row, rowScope, here));
                    break;
                default:
                    issues.Error(here, list, "ROW_NOT_OBJECT", "每一行应为对象", "each row must be an object");
                    result.Add(new JsonObject());
                    break;
            }
        }

        return result;
    }

    private bool ReadValue(FormComponent field, JsonNode? value, DataPath path, out JsonNode? clean)
    {
        clean = null;
        if (value is null)
        {
            return true;
        }

        var kind = value.GetValueKind();
        switch (field.Kind!.Shape)
        {
            case ValueShape.Text:
                if (kind != JsonValueKind.String)
                {
                    return WrongType(field, path, "文本", "text");
                }

                if (value.GetValue<string>().Length > options.Limits.MaxTextLength)
                {
                    issues.Error(path, field, "TEXT_TOO_LONG", $"文本过长（最多 {options.Limits.MaxTextLength} 个字符）", $"text too long (at most {options.Limits.MaxTextLength} characters)");
                    return false;
                }

                break;
            case ValueShape.Number:
                if (kind == JsonValueKind.Number)
                {
                    if (!JsonNumbers.TryGet(value, out _))
                    {
                        issues.Error(path, field, "NUMBER_OUT_OF_RANGE", "数字超出可处理的范围", "the number is out of range");
                        return false;
                    }
                }
                else if (!(field.SerializeToString && kind == JsonValueKind.String && ParseNumber(value.GetValue<string>()) is not null))
                {
                    return WrongType(field, path, "数字", "a number");
                }

                break;
            case ValueShape.Temporal:
                if (kind != JsonValueKind.String || !Temporal.IsValid(field, value.GetValue<string>()))
                {
                    var (zh, en) = Temporal.Describe(field);
                    issues.Error(path, field, "WRONG_TYPE", $"应为{zh}", $"must be {en}");
                    return false;
                }

                break;
            case ValueShape.Boolean:
                if (kind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    return WrongType(field, path, "是/否（true 或 false）", "true or false");
                }

                break;
            case ValueShape.Choice:
                if (!IsPrimitive(kind))
                {
                    return WrongType(field, path, "单个选项值", "a single option value");
                }

                break;
            case ValueShape.Choices:
                if (value is not JsonArray selected || selected.Any(v => v is null || !IsPrimitive(v.GetValueKind())))
                {
                    return WrongType(field, path, "选项值的列表", "a list of option values");
                }

                if (selected.Count > options.Limits.MaxSelections)
                {
                    issues.Error(path, field, "TOO_MANY_SELECTIONS", $"选择过多（最多 {options.Limits.MaxSelections} 项）", $"too many selections (at most {options.Limits.MaxSelections})");
                    return false;
                }

                break;
            case ValueShape.File:
                if (!(kind == JsonValueKind.String && IsFileReference(value.GetValue<string>()))
                    && !(value is JsonArray refs && refs.Count <= options.Limits.MaxSelections && refs.All(r => r is JsonValue v && v.GetValueKind() == JsonValueKind.String && IsFileReference(v.GetValue<string>()))))
                {
                    return WrongType(field, path, "文件引用", "a file reference");
                }

                break;
            case ValueShape.Computed:
                // Recomputed on the server; whatever the client sent is replaced.
                break;
        }

        clean = value.DeepClone();
        return true;
    }

    private void Unknown(DataPath path)
    {
        if (options.Mode == SubmissionMode.Draft)
        {
            issues.Warning(path, null, "UNKNOWN_FIELD_DROPPED", "表单中没有这个字段，已忽略", "the form has no such field; it was dropped");
        }
        else
        {
            issues.Error(path, null, "UNKNOWN_FIELD", "表单中没有这个字段", "the form has no such field");
        }
    }

    private bool WrongType(FormComponent field, DataPath path, string zh, string en)
    {
        issues.Error(path, field, "WRONG_TYPE", $"应为{zh}", $"must be {en}");
        return false;
    }

    private static bool IsPrimitive(JsonValueKind kind) => kind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False;

    /// <summary>form-js keeps files in the browser under a key like <c>files::abc</c>; the server may store its own attachment ids.</summary>
    private static bool IsFileReference(string value) => value.Length is > 0 and <= 200 && FileReference().IsMatch(value);

    internal static decimal? ParseNumber(string text) =>
        NumberText().IsMatch(text) && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    [GeneratedRegex("^[A-Za-z0-9:_\\-.]+$")]
    private static partial Regex FileReference();

    [GeneratedRegex("^-?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?$")]
    private static partial Regex NumberText();
}
