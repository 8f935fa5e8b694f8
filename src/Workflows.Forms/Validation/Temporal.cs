using System.Globalization;
using System.Text.RegularExpressions;
using Workflows.Forms.Schema;

namespace Workflows.Forms.Validation;

/// <summary>
/// The strings form-js's datetime component stores: <c>2025-03-01</c> for a date; <c>14:30</c>,
/// <c>14:30+08:00</c> or <c>06:30Z</c> for a time, depending on <c>timeSerializingFormat</c>; and
/// the two joined by <c>T</c> for a date and time.
/// </summary>
internal static partial class Temporal
{
    public static bool IsValid(FormComponent field, string text) => field.Subtype switch
    {
        "date" => ParseDate(text) is not null,
        "time" => IsTime(field, text),
        "datetime" => text.IndexOf('T') is > 0 and var t && ParseDate(text[..t]) is not null && IsTime(field, text[(t + 1)..]),
        _ => false,
    };

    public static (string Zh, string En) Describe(FormComponent field) => field.Subtype switch
    {
        "date" => ("日期（YYYY-MM-DD）", "a date (YYYY-MM-DD)"),
        "time" => ($"时间（{TimeShape(field)}）", $"a time ({TimeShape(field)})"),
        _ => ($"日期和时间（YYYY-MM-DDT{TimeShape(field)}）", $"a date and time (YYYY-MM-DDT{TimeShape(field)})"),
    };

    /// <summary>The calendar date at the start of the value (date and datetime subtypes), or null.</summary>
    public static DateOnly? DatePart(FormComponent field, string text) => field.Subtype switch
    {
        "date" => ParseDate(text),
        "datetime" when text.IndexOf('T') is > 0 and var t => ParseDate(text[..t]),
        _ => null,
    };

    private static DateOnly? ParseDate(string text) =>
        DateShape().IsMatch(text) && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static bool IsTime(FormComponent field, string text)
    {
        var match = TimeShapeRegex().Match(text);
        if (!match.Success || int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) > 23 || int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) > 59)
        {
            return false;
        }

        var zone = match.Groups[3].Value;
        return field.TimeSerializingFormat switch
        {
            "utc_offset" => zone.Length == 6 && int.Parse(zone[1..3], CultureInfo.InvariantCulture) <= 14 && int.Parse(zone[4..], CultureInfo.InvariantCulture) <= 59,
            "utc_normalized" => zone == "Z",
            _ => zone.Length == 0,
        };
    }

    private static string TimeShape(FormComponent field) => field.TimeSerializingFormat switch
    {
        "utc_offset" => "HH:mm+08:00",
        "utc_normalized" => "HH:mmZ",
        _ => "HH:mm",
    };

    [GeneratedRegex("^\\d{4}-\\d{2}-\\d{2}$")]
    private static partial Regex DateShape();

    [GeneratedRegex("^(\\d{2}):(\\d{2})(Z|[+-]\\d{2}:\\d{2})?$")]
    private static partial Regex TimeShapeRegex();
}
