using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Expressions;
using Workflows.Forms.Text;

namespace Workflows.Forms.RuleSets;

/// <summary>A problem in a rule-set file, with the JSON location (e.g. <c>rules[2].condition</c>).</summary>
public sealed record RuleSetProblem(string Location, string MessageZh, string MessageEn)
{
    public override string ToString() => $"{Location}: {MessageEn}";
}

public sealed record RuleSetLoadResult(RuleSet? RuleSet, IReadOnlyList<RuleSetProblem> Problems)
{
    public bool Succeeded => RuleSet is not null && Problems.Count == 0;
}

/// <summary>
/// Reads a rule set from JSON and checks it completely (required properties, kinds, dates, FEEL that
/// parses, unique rule ids, citations). Never throws; a set with any problem is not returned.
/// </summary>
public static class RuleSetLoader
{
    public const int MaxChars = 1024 * 1024;

    public static RuleSetLoadResult Load(string json)
    {
        if (json is null || json.Length > MaxChars)
        {
            return Fail("$", "规则集为空或过大", "the rule set is empty or too large");
        }

        try
        {
            return Load(JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 64, CommentHandling = JsonCommentHandling.Skip, AllowDuplicateProperties = false }));
        }
        catch (JsonException e)
        {
            return Fail("$", "规则集不是有效的 JSON：" + e.Message, "the rule set is not valid JSON: " + e.Message);
        }
    }

    public static RuleSetLoadResult Load(JsonNode? node)
    {
        try
        {
            return Read(node);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
        {
            // A JsonNode parsed elsewhere may hold a key twice; it only complains when read.
            return Fail("$", "规则集无法读取：" + e.Message, "the rule set cannot be read: " + e.Message);
        }
    }

    private static RuleSetLoadResult Read(JsonNode? node)
    {
        var problems = new List<RuleSetProblem>();
        if (node is not JsonObject root)
        {
            return Fail("$", "规则集必须是 JSON 对象", "a rule set must be a JSON object");
        }

        var id = RequiredString(root, "id", "$", problems);
        var version = root["version"] is JsonValue v && v.TryGetValue<int>(out var n) && n > 0 ? n : Missing(problems, "version", "正整数", "a positive whole number");
        var title = Text(root["title"], "title", problems);
        var jurisdiction = OptionalString(root, "jurisdiction", "$", problems);
        var jurisdictionName = OptionalString(root, "jurisdictionName", "$", problems);
        var forms = root["forms"] is JsonArray formList
            ? formList.Select((f, i) => f is JsonValue s && s.GetValueKind() == JsonValueKind.String ? s.GetValue<string>() : Bad<string>(problems, $"forms[{i}]", "应为表单 id 字符串", "must be a form id string")).ToArray()
            : root["forms"] is null ? [] : [Bad<string>(problems, "forms", "应为表单 id 的数组", "must be an array of form ids")];
        var from = Date(root["effectiveFrom"], "effectiveFrom", required: true, problems);
        var to = Date(root["effectiveTo"], "effectiveTo", required: false, problems);
        if (from is not null && to is not null && to < from)
        {
            problems.Add(new RuleSetProblem("effectiveTo", "失效日期早于生效日期", "effectiveTo is before effectiveFrom"));
        }

        var parameters = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (root["parameters"] is JsonObject parameterObject)
        {
            foreach (var (key, value) in parameterObject)
            {
                parameters[key] = value?.DeepClone();
            }
        }
        else if (root["parameters"] is not null)
        {
            problems.Add(new RuleSetProblem("parameters", "parameters 应为对象", "parameters must be an object"));
        }

        var rules = new List<Rule>();
        if (root["rules"] is not JsonArray ruleArray || ruleArray.Count == 0)
        {
            problems.Add(new RuleSetProblem("rules", "缺少规则（rules 应为非空数组）", "no rules (rules must be a non-empty array)"));
        }
        else
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < ruleArray.Count; i++)
            {
                var location = $"rules[{i}]";
                if (ruleArray[i] is not JsonObject ruleObject)
                {
                    problems.Add(new RuleSetProblem(location, "规则应为对象", "a rule must be an object"));
                    continue;
                }

                if (ruleObject["id"] is JsonValue ruleId && ruleId.GetValueKind() == JsonValueKind.String && !seen.Add(ruleId.GetValue<string>()))
                {
                    problems.Add(new RuleSetProblem(location + ".id", $"规则 id「{ruleId}」重复", $"rule id \"{ruleId}\" is used twice"));
                }

                if (ReadRule(ruleObject, location, problems) is { } rule)
                {
                    rules.Add(rule);
                }
            }
        }

        if (problems.Count > 0)
        {
            return new RuleSetLoadResult(null, problems);
        }

        return new RuleSetLoadResult(new RuleSet(id!, version, title!, jurisdiction, jurisdictionName, forms, from!.Value, to, parameters, rules), problems);
    }

    /// <summary>Loads every <c>*.json</c> file in a folder; problems are prefixed with the file name.</summary>
    public static (IReadOnlyList<RuleSet> RuleSets, IReadOnlyList<RuleSetProblem> Problems) LoadDirectory(string folder)
    {
        var sets = new List<RuleSet>();
        var problems = new List<RuleSetProblem>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var result = Load(File.ReadAllText(file));
            if (result.RuleSet is { } set)
            {
                sets.Add(set);
            }

            problems.AddRange(result.Problems.Select(p => p with { Location = Path.GetFileName(file) + ": " + p.Location }));
        }

        return (sets, problems);
    }

    private static Rule? ReadRule(JsonObject rule, string location, List<RuleSetProblem> problems)
    {
        var before = problems.Count;
        var id = RequiredString(rule, "id", location, problems);
        var kindText = RequiredString(rule, "kind", location, problems);
        RuleKind kind = default;
        if (kindText is not null && !TryKind(kindText, out kind))
        {
            problems.Add(new RuleSetProblem(location + ".kind", $"未知的规则类别「{kindText}」（binding、target、recommendation、localPractice）",
                $"unknown rule kind \"{kindText}\" (binding, target, recommendation, localPractice)"));
        }

        var condition = RequiredString(rule, "condition", location, problems);
        var when = OptionalString(rule, "when", location, problems);
        foreach (var (name, expression) in new[] { ("condition", condition), ("when", when) })
        {
            if (expression is not null && Feel.Compile(expression) is { Succeeded: false, Error: { } error })
            {
                problems.Add(new RuleSetProblem($"{location}.{name}",
                    $"FEEL 表达式无法解析（第 {error.Line} 行第 {error.Column} 列）：{error.MessageZh}",
                    $"the FEEL expression does not parse (line {error.Line}, column {error.Column}): {error.MessageEn}"));
            }
        }

        var message = Text(rule["message"], location + ".message", problems);
        var field = OptionalString(rule, "field", location, problems);
        Citation? citation = null;
        if (rule["citation"] is JsonObject c)
        {
            var seed = RequiredString(c, "seed", location + ".citation", problems);
            var quote = RequiredString(c, "quote", location + ".citation", problems);
            var section = RequiredString(c, "section", location + ".citation", problems);
            citation = seed is null || quote is null || section is null ? null : new Citation(seed, quote, section);
        }
        else
        {
            problems.Add(new RuleSetProblem(location + ".citation", "缺少出处（seed、quote、section）", "the citation (seed, quote, section) is missing"));
        }

        var raised = rule["raisedToError"] is JsonValue r && r.GetValueKind() == JsonValueKind.True;
        var errorFrom = Date(rule["errorFrom"], location + ".errorFrom", required: false, problems);
        return problems.Count > before ? null : new Rule(id!, kind, condition!, when, message!, field, citation!, raised, errorFrom);
    }

    private static bool TryKind(string text, out RuleKind kind)
    {
        kind = text switch
        {
            "binding" => RuleKind.Binding,
            "target" => RuleKind.Target,
            "recommendation" => RuleKind.Recommendation,
            "localPractice" => RuleKind.LocalPractice,
            _ => (RuleKind)(-1),
        };
        return (int)kind >= 0;
    }

    private static Bilingual? Text(JsonNode? node, string location, List<RuleSetProblem> problems)
    {
        if (node is JsonObject obj && FormsText(obj, "zh") is { Length: > 0 } zh && FormsText(obj, "en") is { Length: > 0 } en)
        {
            return new Bilingual(zh, en);
        }

        problems.Add(new RuleSetProblem(location, "应为 { \"zh\": …, \"en\": … }，两种语言都要填写", "must be { \"zh\": …, \"en\": … } with both languages"));
        return null;
    }

    private static string? FormsText(JsonObject obj, string name) =>
        obj[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static DateOnly? Date(JsonNode? node, string location, bool required, List<RuleSetProblem> problems)
    {
        if (node is null)
        {
            if (required)
            {
                problems.Add(new RuleSetProblem(location, "缺少日期（YYYY-MM-DD）", "a date (YYYY-MM-DD) is required"));
            }

            return null;
        }

        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String
            && DateOnly.TryParseExact(v.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        problems.Add(new RuleSetProblem(location, "日期格式应为 YYYY-MM-DD", "the date must be written YYYY-MM-DD"));
        return null;
    }

    private static string? RequiredString(JsonObject obj, string name, string location, List<RuleSetProblem> problems)
    {
        if (obj[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Trim().Length > 0)
        {
            return v.GetValue<string>();
        }

        problems.Add(new RuleSetProblem(Join(location, name), $"缺少 {name}（非空字符串）", $"{name} is missing (a non-empty string)"));
        return null;
    }

    private static string? OptionalString(JsonObject obj, string name, string location, List<RuleSetProblem> problems)
    {
        switch (obj[name])
        {
            case null:
                return null;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                return v.GetValue<string>();
            default:
                problems.Add(new RuleSetProblem(Join(location, name), $"{name} 应为字符串", $"{name} must be a string"));
                return null;
        }
    }

    private static string Join(string location, string name) => location == "$" ? name : $"{location}.{name}";

    private static int Missing(List<RuleSetProblem> problems, string name, string zh, string en)
    {
        problems.Add(new RuleSetProblem(name, $"{name} 应为{zh}", $"{name} must be {en}"));
        return 0;
    }

    private static T Bad<T>(List<RuleSetProblem> problems, string location, string zh, string en)
    {
        problems.Add(new RuleSetProblem(location, zh, en));
        return default!;
    }

    private static RuleSetLoadResult Fail(string location, string zh, string en) => new(null, [new RuleSetProblem(location, zh, en)]);
}
