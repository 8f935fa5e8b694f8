using System.Globalization;
using System.Text.RegularExpressions;
using Workflows.Engine.Model;

namespace Workflows.Engine.Timers;

/// <summary>When a timer fires first, and how it repeats.</summary>
/// <param name="DueAt">The first (or only) moment the timer fires, in UTC.</param>
/// <param name="RemainingRepetitions">Firings still to come after this one: 0 for none, -1 for unbounded.</param>
/// <param name="Interval">For cycles: the period between firings.</param>
public sealed record TimerPlan(DateTimeOffset DueAt, int RemainingRepetitions, string? Interval);

/// <summary>Reads ISO 8601 timer text (date, duration, repeating interval) into a <see cref="TimerPlan"/>.</summary>
public static partial class TimerSchedule
{
    [GeneratedRegex(@"^R(?<n>-1|\d*)/(?:(?<start>[^/]+)/)?(?<period>-?P[^/]+)$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Cycle();

    [GeneratedRegex(@"(Z|[+-]\d{2}:?\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex HasOffset();

    /// <summary>Plans a timer from its text. On failure the messages say why, in Chinese and English.</summary>
    public static bool TryPlan(TimerKind kind, string text, DateTimeOffset now, IWorkingCalendar calendar,
        out TimerPlan plan, out string errorZh, out string errorEn)
    {
        plan = new TimerPlan(now, 0, null);
        errorZh = errorEn = "";
        text = text.Trim();
        switch (kind)
        {
            case TimerKind.Date:
                if (TryParseDate(text, calendar, out var date))
                {
                    plan = new TimerPlan(date, 0, null);
                    return true;
                }
                (errorZh, errorEn) = ($"不是有效的 ISO 8601 日期时间：{text}", $"not a valid ISO 8601 date-time: {text}");
                return false;

            case TimerKind.Duration:
                if (IsoDuration.TryParse(text, out var duration) && !duration.Negative && duration.AddTo(now, calendar) is { } due)
                {
                    plan = new TimerPlan(due, 0, null);
                    return true;
                }
                (errorZh, errorEn) = ($"不是有效的 ISO 8601 时长（如 PT10M、P3D、P5WD）：{text}", $"not a valid ISO 8601 duration (e.g. PT10M, P3D, P5WD): {text}");
                return false;

            default:
                var match = Cycle().Match(text);
                if (match.Success && IsoDuration.TryParse(match.Groups["period"].Value, out var period) && !period.Negative && !period.IsZero)
                {
                    var n = match.Groups["n"].Value;
                    var total = n is "" or "-1" ? -1 : int.Parse(n, CultureInfo.InvariantCulture);
                    DateTimeOffset? first;
                    if (match.Groups["start"].Success)
                        first = TryParseDate(match.Groups["start"].Value, calendar, out var start) ? start : null;
                    else
                        first = period.AddTo(now, calendar);
                    if (first is { } f && total != 0)
                    {
                        plan = new TimerPlan(f, total < 0 ? -1 : total - 1, period.ToString());
                        return true;
                    }
                }
                (errorZh, errorEn) = ($"不是有效的 ISO 8601 重复周期（如 R3/PT10M、R/P1M）：{text}", $"not a valid ISO 8601 repeating interval (e.g. R3/PT10M, R/P1M): {text}");
                return false;
        }
    }

    /// <summary>The firing after <paramref name="previousDue"/> for a cycle, or null when it does not repeat.</summary>
    public static TimerPlan? Next(TimerPlan current, IWorkingCalendar calendar)
    {
        if (current.RemainingRepetitions == 0 || current.Interval is null || !IsoDuration.TryParse(current.Interval, out var period)) return null;
        if (period.AddTo(current.DueAt, calendar) is not { } next) return null;
        return new TimerPlan(next, current.RemainingRepetitions < 0 ? -1 : current.RemainingRepetitions - 1, current.Interval);
    }

    /// <summary>
    /// ISO 8601 date or date-time. Text without an offset is read in the calendar's offset, never
    /// the server's, so the same file means the same moment on every machine.
    /// </summary>
    public static bool TryParseDate(string text, IWorkingCalendar calendar, out DateTimeOffset value)
    {
        value = default;
        if (text.Length is < 10 or > 40 || !char.IsAsciiDigit(text[0])) return false;
        if (HasOffset().IsMatch(text) && text.Contains('T'))
        {
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value)) return false;
            value = value.ToUniversalTime();
            return true;
        }
        if (!DateTime.TryParseExact(text, ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)) return false;
        value = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), calendar.UtcOffset).ToUniversalTime();
        return true;
    }
}
