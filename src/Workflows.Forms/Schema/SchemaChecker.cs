using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Expressions;
using Workflows.Forms.Attachments;
using Workflows.Forms.Options;

namespace Workflows.Forms.Schema;

/// <summary>
/// The deploy-time check of a form definition: everything the server would otherwise stumble on
/// while validating submissions. Never throws; returns every problem found, naming the component.
/// </summary>
public static class SchemaChecker
{
    /// <summary>Properties form-js evaluates as FEEL when they start with '=' (besides conditional.hide).</summary>
    private static readonly string[] ExpressionProperties =
    [
        "alt", "appearance.prefixAdorner", "appearance.suffixAdorner", "description", "label", "source", "readonly",
        "text", "validate.min", "validate.max", "validate.minLength", "validate.maxLength", "valuesExpression", "url",
        "dataSource", "columnsExpression", "expression", "multiple", "accept", "title", "content",
    ];

    /// <summary>Properties that may hold feelers templates ({{ ... }}) when they do not start with '='.</summary>
    private static readonly string[] TemplateProperties =
        ["alt", "appearance.prefixAdorner", "appearance.suffixAdorner", "description", "label", "source", "text", "content", "url", "title"];

    public static IReadOnlyList<SchemaProblem> Check(string json, IOptionLists? optionLists = null)
    {
        var parsed = FormDefinition.Parse(json);
        return parsed.Definition is null ? parsed.Problems : [.. parsed.Problems, .. Check(parsed.Definition, optionLists)];
    }

    public static IReadOnlyList<SchemaProblem> Check(FormDefinition form, IOptionLists? optionLists = null)
    {
        var problems = new List<SchemaProblem>();
        try
        {
            CheckRoot(form, problems);
            CheckPaths(form, problems);
            foreach (var component in form.AllComponents)
            {
                CheckComponent(component, optionLists, problems);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or JsonException)
        {
            problems.Add(new SchemaProblem(Severity.Error, "SCHEMA_UNREADABLE", form.Id, null, null, "$",
                "表单定义无法检查：" + e.Message, "the form definition could not be checked: " + e.Message));
        }

        return problems;
    }

    private static void CheckRoot(FormDefinition form, List<SchemaProblem> problems)
    {
        if (form.SchemaVersion is null)
        {
            problems.Add(Problem(Severity.Warning, "SCHEMA_NO_VERSION", form.Root, "表单定义缺少 schemaVersion", "the form definition has no schemaVersion"));
        }

        if (string.IsNullOrWhiteSpace(form.Id))
        {
            problems.Add(Problem(Severity.Error, "SCHEMA_NO_ID", form.Root, "表单定义缺少 id", "the form definition has no id"));
        }

        var ids = new Dictionary<string, FormComponent>(StringComparer.Ordinal);
        foreach (var component in form.AllComponents)
        {
            if (component.Id is null)
            {
                continue;
            }

            if (ids.TryGetValue(component.Id, out var first))
            {
                problems.Add(Problem(Severity.Error, "SCHEMA_DUPLICATE_ID", component,
                    $"组件 id「{component.Id}」重复（首次出现于 {first.Location}）", $"component id \"{component.Id}\" is used twice (first at {first.Location})"));
            }
            else
            {
                ids[component.Id] = component;
            }
        }
    }

    /// <summary>
    /// Keys bind values at paths made of group paths, list paths and the key's own dot-separated
    /// segments. Two components may not claim the same path, and a value may not sit where another
    /// component expects an object or a list (form-js's path registry refuses both).
    /// </summary>
    private static void CheckPaths(FormDefinition form, List<SchemaProblem> problems)
    {
        var claims = new Dictionary<string, (FormComponent Component, bool Closed)>(StringComparer.Ordinal);
        foreach (var component in form.AllComponents)
        {
            if (component.Kind is null)
            {
                continue;
            }

            if (component.IsKeyed && string.IsNullOrWhiteSpace(component.Key))
            {
                problems.Add(Problem(Severity.Error, "SCHEMA_NO_KEY", component, "输入组件缺少 key", "an input component has no key"));
                continue;
            }

            if (component.Kind.Repeatable && string.IsNullOrWhiteSpace(component.Path))
            {
                problems.Add(Problem(Severity.Error, "SCHEMA_NO_PATH", component, "动态列表缺少 path", "a dynamic list has no path"));
                continue;
            }

            if (!component.IsKeyed && component.Kind.Pathed == false)
            {
                continue;
            }

            if (component.OwnSegments.Any(s => s.Length == 0))
            {
                problems.Add(Problem(Severity.Error, "SCHEMA_BAD_KEY", component, "key 或 path 含有空的段（如「a..b」）", "the key or path has an empty segment (like \"a..b\")"));
                continue;
            }

            var path = FieldPaths.SchemaPath(component);
            if (path.Length == 0)
            {
                continue;
            }

            var closed = component.IsKeyed || component.IsRepeatingList;
            foreach (var (claimed, owner) in claims)
            {
                if (claimed == path && (closed || owner.Closed))
                {
                    problems.Add(Problem(Severity.Error, "SCHEMA_DUPLICATE_KEY", component,
                        $"数据路径「{path}」已被 {owner.Component.DisplayName}（{owner.Component.Location}）使用",
                        $"the data path \"{path}\" is already used by {owner.Component.DisplayName} ({owner.Component.Location})"));
                }
                else if ((owner.Closed && path.StartsWith(claimed + ".", StringComparison.Ordinal) && !owner.Component.IsRepeatingList)
                    || (closed && claimed.StartsWith(path + ".", StringComparison.Ordinal) && !component.IsRepeatingList))
                {
                    problems.Add(Problem(Severity.Error, "SCHEMA_KEY_CONFLICT", component,
                        $"数据路径「{path}」与 {owner.Component.DisplayName} 的「{claimed}」冲突",
                        $"the data path \"{path}\" conflicts with \"{claimed}\" of {owner.Component.DisplayName}"));
                }
            }

            claims.TryAdd(path, (component, closed));
            var topName = path.Split('.', '[')[0];
            if (BuiltInFunctionNames.Contains(topName) && !path.Contains("[]", StringComparison.Ordinal) && claims[path].Component == component)
            {
                problems.Add(Problem(Severity.Warning, "SCHEMA_KEY_SHADOWS_FUNCTION", component,
                    $"数据名「{topName}」与 FEEL 内置函数同名：浏览器（feelin）中它会遮蔽该函数，服务器不会，表达式结果可能不一致",
                    $"the data name \"{topName}\" is also a FEEL built-in function: in the browser (feelin) it hides the function, on the server it does not, so expressions may disagree"));
            }
        }
    }

    /// <summary>One-word FEEL built-in functions; a top-level key with one of these names changes what expressions mean in feelin.</summary>
    private static readonly HashSet<string> BuiltInFunctionNames = new(StringComparer.Ordinal)
    {
        "not", "substring", "contains", "matches", "replace", "split", "count", "min", "max", "sum", "mean", "all", "any",
        "sublist", "append", "concatenate", "remove", "reverse", "union", "flatten", "product", "median", "stddev", "mode",
        "sort", "decimal", "floor", "ceiling", "abs", "modulo", "sqrt", "log", "exp", "odd", "even", "date", "time",
        "duration", "number", "string", "context", "now", "today", "is", "before", "after", "meets", "overlaps", "during",
        "starts", "finishes", "includes", "coincides", "round",
    };

    private static void CheckComponent(FormComponent component, IOptionLists? optionLists, List<SchemaProblem> problems)
    {
        if (component.Kind is null)
        {
            problems.Add(Problem(Severity.Error, "SCHEMA_UNKNOWN_TYPE", component,
                $"未知的组件类型「{component.Type}」", $"unknown component type \"{component.Type}\""));
            return;
        }

        CheckExpressions(component, problems);
        CheckValidate(component, problems);
        CheckOptions(component, optionLists, problems);

        switch (component.Type)
        {
            case "expression":
                if (string.IsNullOrWhiteSpace(component.Expression))
                {
                    problems.Add(Problem(Severity.Error, "SCHEMA_NO_EXPRESSION", component, "计算字段缺少 expression", "an expression field has no expression"));
                }

                if (component.ComputeOn is not ("change" or "presubmit"))
                {
                    problems.Add(Problem(Severity.Error, "SCHEMA_BAD_COMPUTE_ON", component,
                        $"computeOn 只能是 change 或 presubmit，而不是「{component.ComputeOn}」", $"computeOn must be change or presubmit, not \"{component.ComputeOn}\""));
                }

                break;
            case "datetime":
                if (component.Subtype is not ("date" or "time" or "datetime"))
                {
                    problems.Add(Problem(Severity.Error, "SCHEMA_BAD_SUBTYPE", component,
                        $"日期时间组件的 subtype「{component.Subtype}」无效", $"invalid datetime subtype \"{component.Subtype}\""));
                }

                if (component.TimeSerializingFormat is not (null or "utc_offset" or "utc_normalized" or "no_timezone"))
                {
                    problems.Add(Problem(Severity.Error, "SCHEMA_BAD_TIME_FORMAT", component,
                        $"timeSerializingFormat「{component.TimeSerializingFormat}」无效", $"invalid timeSerializingFormat \"{component.TimeSerializingFormat}\""));
                }

                break;
            case "dynamiclist":
                if (!component.IsRepeating)
                {
                    problems.Add(Problem(Severity.Warning, "SCHEMA_LIST_NOT_REPEATING", component,
                        "动态列表没有 isRepeating: true，将按普通分组处理", "the dynamic list lacks isRepeating: true and is treated as a plain group"));
                }

                if (component.Property("maxRows") is { } maxRows && component.IntProperty("maxRows") is not > 0)
                {
                    problems.Add(Problem(Severity.Error, "SCHEMA_BAD_MAX_ROWS", component,
                        $"自定义属性 maxRows「{maxRows}」必须是正整数", $"the custom property maxRows \"{maxRows}\" must be a positive whole number"));
                }

                break;
            case "filepicker":
                foreach (var token in AcceptList.Parse(component.Accept).Unrecognised)
                {
                    problems.Add(Problem(Severity.Warning, "SCHEMA_ACCEPT_UNKNOWN", component,
                        $"accept 中的「{token}」无法在服务器端核对，将被拒绝", $"\"{token}\" in accept cannot be checked on the server and is refused"));
                }

                break;
        }
    }

    private static void CheckExpressions(FormComponent component, List<SchemaProblem> problems)
    {
        if (component.Hide is { } hide)
        {
            if (!hide.TrimStart().StartsWith('='))
            {
                problems.Add(Problem(Severity.Warning, "SCHEMA_HIDE_NOT_EXPRESSION", component,
                    "隐藏条件不以「=」开头，form-js 会忽略它", "the hide condition does not start with '=', so form-js ignores it"));
            }
            else if (Feel.CompileUnaryTests(hide.TrimStart()[1..]) is { Succeeded: false, Error: { } error })
            {
                problems.Add(FeelProblem(component, "conditional.hide", error));
            }
        }

        foreach (var property in ExpressionProperties)
        {
            if (Lookup(component.Raw, property) is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
            {
                continue;
            }

            var text = value.GetValue<string>();
            var mustBeFeel = property is "expression" or "valuesExpression" or "dataSource" or "columnsExpression";
            if (text.StartsWith('=') || (mustBeFeel && text.Length > 0))
            {
                if (Feel.Compile(text.StartsWith('=') ? text : "=" + text) is { Succeeded: false, Error: { } error })
                {
                    problems.Add(FeelProblem(component, property, error));
                }
            }
            else if (TemplateProperties.Contains(property))
            {
                foreach (var (expression, error) in Templates.Check(text))
                {
                    problems.Add(Problem(Severity.Warning, "SCHEMA_TEMPLATE_FEEL", component,
                        $"{property} 中的模板表达式「{expression}」无法解析：{error.MessageZh}",
                        $"the template expression \"{expression}\" in {property} does not parse: {error.MessageEn}"));
                }
            }
        }
    }

    private static void CheckValidate(FormComponent component, List<SchemaProblem> problems)
    {
        if (component.Validate is not { } validate)
        {
            return;
        }

        if (validate["pattern"] is JsonValue p && p.GetValueKind() == JsonValueKind.String)
        {
            var pattern = p.GetValue<string>();
            if (pattern.Length > 0 && JsPattern.TryCompile(pattern, out var error) is null)
            {
                problems.Add(Problem(Severity.Error, "SCHEMA_BAD_PATTERN", component,
                    $"正则表达式「{pattern}」无效：{error}", $"the pattern \"{pattern}\" is not a valid regular expression: {error}"));
            }
        }

        var min = StaticNumber(validate["min"]);
        var max = StaticNumber(validate["max"]);
        if (min is not null && max is not null && min > max)
        {
            problems.Add(Problem(Severity.Error, "SCHEMA_MIN_ABOVE_MAX", component, $"最小值 {min} 大于最大值 {max}", $"min {min} is greater than max {max}"));
        }

        var minLength = StaticNumber(validate["minLength"]);
        var maxLength = StaticNumber(validate["maxLength"]);
        if (minLength is not null && maxLength is not null && minLength > maxLength)
        {
            problems.Add(Problem(Severity.Error, "SCHEMA_MIN_LENGTH_ABOVE_MAX", component,
                $"最小长度 {minLength} 大于最大长度 {maxLength}", $"minLength {minLength} is greater than maxLength {maxLength}"));
        }

        if ((validate["min"] is not null || validate["max"] is not null) && component.Type != "number")
        {
            problems.Add(Problem(Severity.Warning, "SCHEMA_MIN_MAX_NOT_NUMBER", component,
                "min/max 只对数字组件有效，服务器忽略它们", "min/max only apply to number fields; the server ignores them here"));
        }

        if (FormComponent.String(validate, "validationType") is { } type && type is not ("email" or "phone" or "custom"))
        {
            problems.Add(Problem(Severity.Error, "SCHEMA_BAD_VALIDATION_TYPE", component,
                $"validationType「{type}」无效", $"invalid validationType \"{type}\""));
        }
    }

    private static void CheckOptions(FormComponent component, IOptionLists? optionLists, List<SchemaProblem> problems)
    {
        if (component.ValuesKey is { } valuesKey && (optionLists is null || optionLists.Find(valuesKey) is null))
        {
            problems.Add(Problem(Severity.Error, "SCHEMA_UNKNOWN_OPTION_LIST", component,
                $"valuesKey「{valuesKey}」不是服务器已知的选项列表", $"valuesKey \"{valuesKey}\" names no option list known to the server"));
        }

        if (!component.Kind!.HasOptions)
        {
            return;
        }

        if (component.ValuesKey is null && component.ValuesExpression is null && (component.Options is null || component.Options.Count == 0))
        {
            problems.Add(Problem(Severity.Error, "SCHEMA_NO_OPTIONS", component,
                "选择组件没有选项（values、valuesKey 或 valuesExpression）", "a choice component has no options (values, valuesKey or valuesExpression)"));
        }

        if (component.Options is { } options)
        {
            var seen = new List<JsonNode>();
            foreach (var option in options)
            {
                if (seen.Any(s => JsonNode.DeepEquals(s, option.Value)))
                {
                    problems.Add(Problem(Severity.Warning, "SCHEMA_DUPLICATE_OPTION", component,
                        $"选项值 {option.Value.ToJsonString()} 重复", $"the option value {option.Value.ToJsonString()} appears twice"));
                }

                seen.Add(option.Value);
            }
        }
    }

    private static decimal? StaticNumber(JsonNode? node) =>
        Validation.JsonNumbers.TryGet(node, out var d) ? d : null;

    private static JsonNode? Lookup(JsonObject obj, string dottedPath)
    {
        JsonNode? node = obj;
        foreach (var segment in dottedPath.Split('.'))
        {
            node = (node as JsonObject)?[segment];
        }

        return node;
    }

    private static SchemaProblem FeelProblem(FormComponent component, string property, FeelError error) =>
        Problem(Severity.Error, "SCHEMA_BAD_FEEL", component,
            $"{property} 的 FEEL 表达式无法解析（第 {error.Line} 行第 {error.Column} 列）：{error.MessageZh}",
            $"the FEEL expression in {property} does not parse (line {error.Line}, column {error.Column}): {error.MessageEn}");

    private static SchemaProblem Problem(Severity severity, string code, FormComponent component, string zh, string en) =>
        new(severity, code, component.Id, component.Key ?? component.Path, component.Label, component.Location,
            component.Parent is null ? $"表单：{zh}" : $"{component.Type}「{component.DisplayName}」：{zh}",
            component.Parent is null ? $"form: {en}" : $"{component.Type} \"{component.DisplayName}\": {en}");
}
