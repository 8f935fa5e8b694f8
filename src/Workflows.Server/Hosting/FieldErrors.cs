namespace Workflows.Server.Hosting;

/// <summary>
/// Collects what is wrong with a request, field by field (paths like <c>roles[0].unitId</c>),
/// so the caller gets every problem at once rather than the first.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<Text>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public IReadOnlyDictionary<string, List<Text>> All => _errors;

    public FieldErrors Add(string field, Text message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }
        list.Add(message);
        return this;
    }

    public void Required(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, Messages.Required);
        }
    }

    public void MaxLength(string field, string? value, int max)
    {
        if (value is not null && value.Length > max)
        {
            Add(field, Messages.TooLong(max));
        }
    }

    /// <summary>Required, trimmed, no longer than <paramref name="max"/>; refuses control characters.</summary>
    public void Name(string field, string? value, int max)
    {
        Required(field, value);
        MaxLength(field, value, max);
        if (value is not null && value.Any(char.IsControl))
        {
            Add(field, Messages.ControlCharacters);
        }
    }
}

/// <summary>Messages used in more than one feature.</summary>
public static class Messages
{
    public static readonly Text Required = new("必填", "is required");
    public static readonly Text ControlCharacters = new("不能包含控制字符", "must not contain control characters");
    public static readonly Text UnknownField = new("未知字段", "is not a known field");
    public static readonly Text InvalidJson = new("不是有效的 JSON", "is not valid JSON");
    public static readonly Text BodyMissing = new("请求体缺失", "the request body is missing");

    public static Text TooLong(int max) => new($"不能超过 {max} 个字符", $"must be at most {max} characters");

    public static Text WrongType(string expected) => new($"类型错误，应为 {expected}", $"has the wrong type; expected {expected}");
}
