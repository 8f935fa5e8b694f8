using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Workflows.Expressions;
using Workflows.Forms.Schema;

namespace Workflows.Forms.Validation;

/// <summary>
/// The checks form-js's Validator runs on a visible, enabled field (required, min/max, lengths,
/// pattern, email/phone, number digits and step), plus the ones the browser enforces through its
/// widgets: a choice must be one of the options, a date may not be in the past when the picker forbids it.
/// </summary>
internal sealed partial class Constraints(SubmissionOptions options, Issues issues, RenderScopes scopes)
{
    public void Check(FieldInstance instance, JsonNode? value)
    {
        var field = instance.Field;
        var path = instance.Path;
        if (field.Type == "number")
        {
            CheckNumber(field, path, value);
        }

        var validate = field.Validate;
        if (field.Required && IsUnset(field, value))
        {
            issues.Error(path, field, "REQUIRED", "必须填写", "is required");
        }

        if (validate is not null)
        {
            CheckValidate(instance, validate, value);
        }

        if (field.Kind!.HasOptions)
        {
            CheckOptions(instance, value);
        }

        if (field.Type == "datetime" && field.DisallowPassedDates && value is JsonValue v && v.GetValueKind() == JsonValueKind.String
            && Temporal.DatePart(field, v.GetValue<string>()) is { } date && date < DateOnly.FromDateTime(options.Now.DateTime))
        {
            issues.Error(path, field, "DATE_IN_PAST", "不能早于今天", "may not be before today");
        }

        if (field.Type == "filepicker" && value is JsonArray files && files.Count > 1 && !field.Multiple)
        {
            issues.Error(path, field, "FILE_NOT_MULTIPLE", "只能上传一个文件", "takes a single file");
        }
    }

    private static bool IsUnset(FormComponent field, JsonNode? value) => value switch
    {
        null => true,
        JsonArray array => array.Count == 0,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>().Length == 0,
        JsonValue v when v.GetValueKind() == JsonValueKind.False => field.Type == "checkbox",
        _ => false,
    };

    private void CheckNumber(FormComponent field, DataPath path, JsonNode? value)
    {
        var number = AsNumber(value);
        if (value is JsonValue s && s.GetValueKind() == JsonValueKind.String && s.GetValue<string>() == "NaN")
        {
            issues.Error(path, field, "NOT_A_NUMBER", "不是数字", "is not a number");
            return;
        }

        if (number is not { } n || n == 0)
        {
            return;
        }

        if (field.DecimalDigits is >= 0 and var digits && Scale(n) > digits)
        {
            issues.Error(path, field, "TOO_MANY_DECIMALS",
                digits == 0 ? "必须是整数" : $"最多保留 {digits} 位小数",
                digits == 0 ? "must be a whole number" : $"may have at most {digits} decimal digit(s)");
        }

        if (field.Increment is { } step && step > 0 && Math.Abs(n) < 1e27m && n % step != 0)
        {
            var below = n - (n % step);
            issues.Error(path, field, "NOT_A_STEP",
                $"必须是 {Format(step)} 的整数倍（最接近的是 {Format(below)} 和 {Format(below + step)}）",
                $"must be a multiple of {Format(step)} (the nearest are {Format(below)} and {Format(below + step)})");
        }
    }

    private void CheckValidate(FieldInstance instance, JsonObject validate, JsonNode? value)
    {
        var field = instance.Field;
        var path = instance.Path;
        var text = value is JsonValue t && t.GetValueKind() == JsonValueKind.String ? t.GetValue<string>() : null;

        if (FormComponent.String(validate, "pattern") is { Length: > 0 } pattern && !string.IsNullOrEmpty(text))
        {
            var regex = JsPattern.Get(pattern);
            bool matches;
            try
            {
                matches = regex is not null && regex.IsMatch(text);
            }
            catch (RegexMatchTimeoutException)
            {
                matches = false;
            }

            if (!matches)
            {
                var custom = FormComponent.String(validate, "patternErrorMessage");
                issues.Error(path, field, "PATTERN", custom ?? $"格式不符合要求（{pattern}）", custom ?? $"must match the pattern {pattern}");
            }
        }

        if (field.Type == "number" && AsNumber(value) is { } number)
        {
            if (Limit(instance, validate["min"]) is { } min && number < min)
            {
                issues.Error(path, field, "BELOW_MIN", $"不能小于 {Format(min)}", $"must be at least {Format(min)}");
            }

            if (Limit(instance, validate["max"]) is { } max && number > max)
            {
                issues.Error(path, field, "ABOVE_MAX", $"不能大于 {Format(max)}", $"must be at most {Format(max)}");
            }
        }

        if (!string.IsNullOrEmpty(text))
        {
            var length = text.Trim().Length;
            if (Limit(instance, validate["minLength"]) is { } minLength && length < minLength)
            {
                issues.Error(path, field, "TOO_SHORT", $"至少 {Format(minLength)} 个字符", $"must have at least {Format(minLength)} characters");
            }

            if (Limit(instance, validate["maxLength"]) is { } maxLength && length > maxLength)
            {
                issues.Error(path, field, "TOO_LONG", $"最多 {Format(maxLength)} 个字符", $"may have at most {Format(maxLength)} characters");
            }

            switch (FormComponent.String(validate, "validationType"))
            {
                case "email" when !Email().IsMatch(text):
                    issues.Error(path, field, "NOT_EMAIL", "不是有效的电子邮件地址", "is not a valid e-mail address");
                    break;
                case "phone" when !Phone().IsMatch(text):
                    issues.Error(path, field, "NOT_PHONE", "不是有效的国际电话号码（如 +8645112345678）", "is not a valid international phone number (e.g. +8645112345678)");
                    break;
            }
        }
    }

    private void CheckOptions(FieldInstance instance, JsonNode? value)
    {
        var field = instance.Field;
        var selected = value switch
        {
            null => [],
            JsonArray array => array.Where(v => v is not null).Select(v => v!).ToArray(),
            JsonValue v when v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length == 0 => [],
            _ => new[] { value },
        };
        if (selected.Length == 0)
        {
            return;
        }

        var allowed = Options(instance);
        if (allowed is null)
        {
            return;
        }

        foreach (var choice in selected)
        {
            if (!allowed.Any(option => SameValue(option.Value, choice)))
            {
                issues.Error(instance.Path, field, "NOT_AN_OPTION",
                    $"{choice.ToJsonString()} 不是可选的选项", $"{choice.ToJsonString()} is not one of the options");
            }
        }
    }

    /// <summary>The options the browser offered: static values, a server-side list, or an expression's result.</summary>
    private IReadOnlyList<FormOption>? Options(FieldInstance instance)
    {
        var field = instance.Field;
        if (field.ValuesExpression is { } expression)
        {
            var result = FeelData.Evaluate(expression, scopes.For(instance.Rows), options.Now, out _);
            return result?.ToJson() is JsonArray array ? array.Select(FormOption.From).Where(o => o is not null).Select(o => o!).ToArray() : [];
        }

        if (field.ValuesKey is { } key)
        {
            return options.OptionLists?.Find(key)?.ToFormOptions() ?? [];
        }

        return field.Options ?? [];
    }

    private decimal? Limit(FieldInstance instance, JsonNode? node)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().StartsWith('='))
        {
            var result = FeelData.Evaluate(v.GetValue<string>(), scopes.For(instance.Rows), options.Now, out _);
            return result is FeelNumber n ? n.Value : null;
        }

        return FormComponent.Number(node);
    }

    internal static bool SameValue(JsonNode a, JsonNode b)
    {
        if (a.GetValueKind() == JsonValueKind.Number && b.GetValueKind() == JsonValueKind.Number)
        {
            return AsNumber(a) == AsNumber(b);
        }

        return JsonNode.DeepEquals(a, b);
    }

    internal static decimal? AsNumber(JsonNode? value) => value switch
    {
        JsonValue v when JsonNumbers.TryGet(v, out var d) => d,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => ShapeReader.ParseNumber(v.GetValue<string>()),
        _ => null,
    };

    private static int Scale(decimal value) => (decimal.GetBits(value / 1.0000000000000000000000000000m)[3] >> 16) & 0xFF;

    private static string Format(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    /// <summary>The WHATWG e-mail syntax form-js also uses.</summary>
    [GeneratedRegex("^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$")]
    private static partial Regex Email();

    /// <summary>An international number: + or 00, a country code and subscriber digits (form-js also checks the country code against a list).</summary>
    [GeneratedRegex("^(\\+|00)[1-9]\\d{6,22}$")]
    private static partial Regex Phone();
}
