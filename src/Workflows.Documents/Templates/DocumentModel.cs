using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Workflows.Documents.Templates;

/// <summary>
/// The data a document is filled from (an application, its reviews, a training record), as
/// JSON, read through dotted paths such as <c>applicant.name</c> or <c>reviews[0].opinion</c>.
/// Templates use <c>{{path}}</c> placeholders; <c>{{path?}}</c> marks a field that may be absent.
/// </summary>
public sealed class DocumentModel
{
    public DocumentModel(JsonElement root, string template)
    {
        Root = root;
        Template = template;
    }

    public static DocumentModel Parse(string json, string template) => new(JsonDocument.Parse(json).RootElement.Clone(), template);

    public JsonElement Root { get; }

    /// <summary>The template being filled, named in errors.</summary>
    public string Template { get; }

    public DocumentModel Scope(JsonElement element) => new(element, Template);

    public bool TryGet(string path, out JsonElement value)
    {
        value = Root;
        var span = path.AsSpan().Trim();
        while (!span.IsEmpty)
        {
            if (span[0] == '.')
            {
                span = span[1..];
                continue;
            }
            if (span[0] == '[')
            {
                var close = span.IndexOf(']');
                if (close < 0 || !int.TryParse(span[1..close], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                    || value.ValueKind != JsonValueKind.Array || index >= value.GetArrayLength())
                {
                    return false;
                }
                value = value[index];
                span = span[(close + 1)..];
                continue;
            }
            var end = span.IndexOfAny('.', '[');
            var name = end < 0 ? span : span[..end];
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(name, out value))
            {
                return false;
            }
            span = end < 0 ? [] : span[end..];
        }
        return value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);
    }

    public JsonElement Get(string path) =>
        TryGet(path, out var value) ? value : throw new TemplateException(Template, path, "is missing from the document data");

    public string Text(string path, bool optional = false)
    {
        if (TryGet(path, out var value))
        {
            return Format(value);
        }
        return optional ? string.Empty : throw new TemplateException(Template, path, "is missing from the document data");
    }

    public IReadOnlyList<DocumentModel> Items(string path, bool optional = false)
    {
        if (!TryGet(path, out var value))
        {
            return optional ? [] : throw new TemplateException(Template, path, "is missing from the document data");
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new TemplateException(Template, path, "should be a list");
        }
        return [.. value.EnumerateArray().Select(Scope)];
    }

    public static string Format(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? string.Empty,
        JsonValueKind.Number => value.TryGetInt64(out var whole)
            ? whole.ToString(CultureInfo.InvariantCulture)
            : value.GetDecimal().ToString("0.##########", CultureInfo.InvariantCulture),
        JsonValueKind.True => "是",
        JsonValueKind.False => "否",
        JsonValueKind.Array => string.Join("、", value.EnumerateArray().Select(Format)),
        _ => value.GetRawText(),
    };

    /// <summary>
    /// Fills a text that may stand for several paragraphs: a text that is just <c>{{path}}</c> for a
    /// list gives one paragraph per item; any other text gives its lines.
    /// </summary>
    public IEnumerable<string> FillParagraphs(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith("{{", StringComparison.Ordinal) && trimmed.EndsWith("}}", StringComparison.Ordinal)
            && trimmed.IndexOf("{{", 2, StringComparison.Ordinal) < 0)
        {
            var path = trimmed[2..^2].Trim();
            var optional = path.EndsWith('?');
            if (optional)
            {
                path = path[..^1];
            }
            if (TryGet(path, out var value) && value.ValueKind == JsonValueKind.Array)
            {
                return [.. value.EnumerateArray().Select(Format)];
            }
        }
        return Fill(text).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>Writes an ISO date the way official documents do: 2026年11月23日, Arabic numerals, no leading zeros.</summary>
    public static string ChineseDate(string value) =>
        DateOnly.TryParse(value.Length >= 10 ? value[..10] : value, CultureInfo.InvariantCulture, out var date)
            ? $"{date.Year}年{date.Month}月{date.Day}日"
            : value;

    /// <summary>Replaces every <c>{{path}}</c> in <paramref name="text"/>; a missing required field is an error naming the template and path.</summary>
    public string Fill(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.Contains("{{", StringComparison.Ordinal))
        {
            return text ?? string.Empty;
        }
        var builder = new StringBuilder(text.Length + 32);
        var at = 0;
        while (at < text.Length)
        {
            var open = text.IndexOf("{{", at, StringComparison.Ordinal);
            if (open < 0)
            {
                builder.Append(text, at, text.Length - at);
                break;
            }
            var close = text.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                throw new TemplateException(Template, null, $"placeholder at position {open} is not closed with '}}}}'");
            }
            builder.Append(text, at, open - at);
            var expression = text[(open + 2)..close];
            var pipe = expression.IndexOf('|');
            var path = (pipe < 0 ? expression : expression[..pipe]).Trim();
            var filter = pipe < 0 ? null : expression[(pipe + 1)..].Trim();
            var optional = path.EndsWith('?');
            var value = Text(optional ? path[..^1] : path, optional);
            builder.Append(filter switch
            {
                null => value,
                "date" => ChineseDate(value),
                _ => throw new TemplateException(Template, path, $"uses the unknown filter '{filter}' (known: date)"),
            });
            at = close + 2;
        }
        return builder.ToString();
    }
}
