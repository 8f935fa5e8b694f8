using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Forms.Schema;

namespace Workflows.Forms.Validation;

/// <summary>
/// Checks a submission against the exact form it was made with and returns the data to store.
/// In submit mode it does what the browser does before sending (computed fields recomputed, hidden
/// and disabled fields dropped) and runs every check; in draft mode it only checks types and drops
/// unknown keys. Never throws on bad input.
/// </summary>
public static class SubmissionValidator
{
    public static SubmissionResult Validate(FormDefinition form, string json, SubmissionOptions? options = null)
    {
        options ??= new SubmissionOptions();
        var limits = options.Limits;

        // Refuse oversized input before reading it: every character is at least one UTF-8 byte.
        if (json is null || json.Length > limits.MaxBytes || Encoding.UTF8.GetByteCount(json) > limits.MaxBytes)
        {
            return TooLarge(limits);
        }

        return ValidateText(form, () => JsonNode.Parse(json, documentOptions: DocumentOptions(limits)), options);
    }

    public static SubmissionResult Validate(FormDefinition form, ReadOnlyMemory<byte> utf8Json, SubmissionOptions? options = null)
    {
        options ??= new SubmissionOptions();
        if (utf8Json.Length > options.Limits.MaxBytes)
        {
            return TooLarge(options.Limits);
        }

        return ValidateText(form, () => JsonNode.Parse(utf8Json.Span, documentOptions: DocumentOptions(options.Limits)), options);
    }

    /// <summary>Validates already-parsed data; only the depth limit applies (the byte size is the caller's to check when it reads the body).</summary>
    public static SubmissionResult Validate(FormDefinition form, JsonObject submission, SubmissionOptions? options = null)
    {
        options ??= new SubmissionOptions();
        if (Depth(submission, 0, options.Limits.MaxDepth) > options.Limits.MaxDepth)
        {
            return Refused("SUBMISSION_TOO_DEEP", $"提交的数据嵌套过深（最多 {options.Limits.MaxDepth} 层）", $"the submission is nested too deeply (at most {options.Limits.MaxDepth} levels)");
        }

        return Guarded(form, submission, options);
    }

    private static SubmissionResult ValidateText(FormDefinition form, Func<JsonNode?> parse, SubmissionOptions options)
    {
        JsonNode? node;
        try
        {
            node = parse();
        }
        catch (JsonException e)
        {
            return Refused("SUBMISSION_NOT_JSON", "提交的数据不是有效的 JSON，或嵌套过深：" + e.Message, "the submission is not valid JSON, or is nested too deeply: " + e.Message);
        }

        if (node is not JsonObject submission)
        {
            return Refused("SUBMISSION_NOT_OBJECT", "提交的数据必须是 JSON 对象", "the submission must be a JSON object");
        }

        return Guarded(form, submission, options);
    }

    private static SubmissionResult Guarded(FormDefinition form, JsonObject submission, SubmissionOptions options)
    {
        try
        {
            return Run(form, submission, options);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
        {
            // A JsonNode built elsewhere may hold a key twice (it only complains when read), or hold values of unexpected CLR types.
            return Refused("SUBMISSION_UNREADABLE", "提交的数据无法读取：" + e.Message, "the submission cannot be read: " + e.Message);
        }
    }

    private static SubmissionResult Run(FormDefinition form, JsonObject submission, SubmissionOptions options)
    {
        var issues = new Issues();
        var clean = new ShapeReader(options, issues).Read(submission, BindingScope.For(form.Root));
        if (options.Mode == SubmissionMode.Draft)
        {
            return new SubmissionResult(clean, issues.Errors, issues.Warnings);
        }

        var (state, opened) = Prepare(form, clean, options);
        KeepUneditable(form, state, opened, clean, issues, options);

        var visibility = Compute(form, state, opened, options);
        var scopes = new RenderScopes(state, ShallowMerge(opened, visibility.Filter(state)));
        var constraints = new Constraints(options, issues, scopes);
        var refused = new HashSet<string>(issues.Refused, StringComparer.Ordinal);
        foreach (var instance in visibility.Visible)
        {
            var field = instance.Field;
            if (!field.IsKeyed)
            {
                continue;
            }

            if (field.Disabled)
            {
                continue;
            }

            if (field.Type == "expression")
            {
                if (instance.Path.Exists(clean) && !SameJson(instance.Path.Get(clean), instance.Path.Get(state)))
                {
                    issues.Warning(instance.Path, field, "COMPUTED_REPLACED", "计算字段的值由服务器重新计算", "the computed value was recalculated on the server");
                }
            }
            else if (field.Raw["readonly"] is JsonValue r && r.GetValueKind() == JsonValueKind.String && IsReadonly(field, instance, scopes, options))
            {
                var initial = instance.Path.Get(opened)?.DeepClone();
                if (!SameJson(instance.Path.Get(state), initial))
                {
                    issues.Warning(instance.Path, field, "READONLY_RESTORED", "该字段只读，已恢复原值", "the field is read-only; its original value was kept");
                    instance.Path.Set(state, initial);
                }
            }

            if (!refused.Contains(instance.Path.ToString()))
            {
                constraints.Check(instance, instance.Path.Get(state));
            }
        }

        foreach (var hidden in visibility.Hidden)
        {
            if (hidden.Get(clean) is { } value && !IsEmpty(value))
            {
                issues.Warning(hidden, null, "HIDDEN_DROPPED", "该字段按条件隐藏，提交的值已删除", "the field is hidden by its condition; the submitted value was removed");
            }
        }

        var data = visibility.Filter(Initializer.Collect(form, state));
        return new SubmissionResult(data, issues.Errors, issues.Warnings) { Hidden = visibility.Hidden.Select(p => p.ToString()).ToArray() };
    }

    /// <summary>The browser's data at submit time for a raw submission (tests compare it with a model of the viewer).</summary>
    internal static (JsonObject State, JsonObject Opened) Prepare(FormDefinition form, JsonObject submission, SubmissionOptions options, bool read)
    {
        var clean = read ? new ShapeReader(options, new Issues()).Read(submission, BindingScope.For(form.Root)) : submission;
        return Prepare(form, clean, options);
    }

    /// <summary>
    /// What the browser holds at submit time (the initial data with the submitted values over it,
    /// every field initialised) and what it held when the form opened.
    /// </summary>
    internal static (JsonObject State, JsonObject Opened) Prepare(FormDefinition form, JsonObject clean, SubmissionOptions options)
    {
        // Re-read from text so values built in code (ints, doubles) behave like parsed ones.
        var initial = options.InitialData is null ? new JsonObject() : JsonNode.Parse(options.InitialData.ToJsonString())!.AsObject();
        var opened = (JsonObject)initial.DeepClone();
        Initializer.Initialize(form, opened, defaultRows: true);
        var state = initial;
        Merge(state, clean);
        Initializer.Initialize(form, state, defaultRows: false);
        return (state, opened);
    }

    /// <summary>
    /// Recomputes expression fields as the viewer does while the applicant types: each visible one
    /// is evaluated over the visible data; values feed later expressions, so passes repeat until
    /// nothing changes (bounded, since FEEL has no loops but expressions may feed each other).
    /// </summary>
    private static VisibilityResult Compute(FormDefinition form, JsonObject state, JsonObject opened, SubmissionOptions options)
    {
        var computedCount = form.AllComponents.Count(c => c.Type == "expression");
        var visibility = Visibility.Walk(form, state, options.Now);
        if (computedCount == 0)
        {
            return visibility;
        }

        for (var pass = 0; pass <= Math.Min(computedCount, 20); pass++)
        {
            var scopes = new RenderScopes(state, ShallowMerge(opened, visibility.Filter(state)));
            var changed = false;
            foreach (var instance in visibility.Visible.Where(i => i.Field.Type == "expression" && !string.IsNullOrEmpty(i.Field.Expression)))
            {
                var result = FeelData.Evaluate(instance.Field.Expression!, scopes.For(instance.Rows), options.Now, out _);
                var value = result?.ToJson();
                if (!SameJson(instance.Path.Get(state), value))
                {
                    instance.Path.Set(state, value);
                    changed = true;
                }
            }

            if (!changed)
            {
                break;
            }

            visibility = Visibility.Walk(form, state, options.Now);
        }

        return visibility;
    }

    /// <summary>
    /// A disabled or read-only field cannot be changed in the browser: it holds the value the form was
    /// opened with, and expressions see that value. Restored before anything is computed.
    /// </summary>
    private static void KeepUneditable(FormDefinition form, JsonObject state, JsonObject opened, JsonObject clean, Issues issues, SubmissionOptions options)
    {
        foreach (var instance in Visibility.Walk(form, state, options.Now).Visible)
        {
            var field = instance.Field;
            var readonlyField = field.Raw["readonly"] is JsonValue r && r.GetValueKind() == JsonValueKind.True;
            if (!field.IsKeyed || !(field.Disabled || readonlyField))
            {
                continue;
            }

            var initial = instance.Path.Get(opened)?.DeepClone();
            if (instance.Path.Exists(clean) && !SameJson(instance.Path.Get(clean), initial))
            {
                if (field.Disabled)
                {
                    issues.Warning(instance.Path, field, "DISABLED_DROPPED", "该字段已禁用，提交的值已忽略", "the field is disabled; the submitted value was dropped");
                }
                else
                {
                    issues.Warning(instance.Path, field, "READONLY_RESTORED", "该字段只读，已恢复原值", "the field is read-only; its original value was kept");
                }
            }

            instance.Path.Set(state, initial);
        }
    }

    private static bool IsReadonly(FormComponent field, FieldInstance instance, RenderScopes scopes, SubmissionOptions options) => field.Raw["readonly"] switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.True => true,
        JsonValue v when v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().StartsWith('=') =>
            FeelData.Evaluate(v.GetValue<string>(), scopes.For(instance.Rows), options.Now, out _)?.IsTrue == true,
        _ => false,
    };

    /// <summary>Submitted values over the initial data: objects merge key by key, anything else replaces.</summary>
    private static void Merge(JsonObject target, JsonObject source)
    {
        foreach (var (key, value) in source)
        {
            if (value is JsonObject sourceObject && target[key] is JsonObject targetObject)
            {
                Merge(targetObject, sourceObject);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }

    /// <summary>form-js 1.23's <c>{ ...initialData, ...filteredData }</c>.</summary>
    private static JsonObject ShallowMerge(JsonObject under, JsonObject over)
    {
        var result = (JsonObject)under.DeepClone();
        foreach (var (key, value) in over)
        {
            result[key] = value?.DeepClone();
        }

        return result;
    }

    internal static bool SameJson(JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (a.GetValueKind() == JsonValueKind.Number && b.GetValueKind() == JsonValueKind.Number)
        {
            return Constraints.AsNumber(a) == Constraints.AsNumber(b);
        }

        if (a is JsonArray x && b is JsonArray y)
        {
            return x.Count == y.Count && x.Zip(y).All(p => SameJson(p.First, p.Second));
        }

        if (a is JsonObject o && b is JsonObject p2)
        {
            return o.Count == p2.Count && o.All(e => p2.ContainsKey(e.Key) && SameJson(e.Value, p2[e.Key]));
        }

        return JsonNode.DeepEquals(a, b);
    }

    private static bool IsEmpty(JsonNode value) => value switch
    {
        JsonArray a => a.Count == 0,
        JsonObject o => o.Count == 0,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>().Length == 0,
        JsonValue v => v.GetValueKind() is JsonValueKind.False or JsonValueKind.Null,
        _ => false,
    };

    private static int Depth(JsonNode? node, int depth, int limit)
    {
        if (depth > limit)
        {
            return depth;
        }

        return node switch
        {
            JsonObject o => o.Select(p => Depth(p.Value, depth + 1, limit)).DefaultIfEmpty(depth + 1).Max(),
            JsonArray a => a.Select(v => Depth(v, depth + 1, limit)).DefaultIfEmpty(depth + 1).Max(),
            _ => depth,
        };
    }

    /// <summary>A key given twice is refused: which of the two values counts would otherwise depend on the reader.</summary>
    private static JsonDocumentOptions DocumentOptions(SubmissionLimits limits) => new() { MaxDepth = limits.MaxDepth, AllowDuplicateProperties = false };

    private static SubmissionResult TooLarge(SubmissionLimits limits) => Refused("SUBMISSION_TOO_LARGE",
        $"提交的数据过大（最多 {limits.MaxBytes / 1024} KB）", $"the submission is too large (at most {limits.MaxBytes / 1024} KB)");

    private static SubmissionResult Refused(string code, string zh, string en) =>
        new(new JsonObject(), [new FormIssue("", code, zh, en)], []);
}
