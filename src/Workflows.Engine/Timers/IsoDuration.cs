using System.Globalization;
using System.Text.RegularExpressions;

namespace Workflows.Engine.Timers;

/// <summary>
/// An ISO 8601 duration (<c>P1Y2M3DT4H5M6S</c>, <c>P2W</c>) or a working-day duration
/// (<c>P5WD</c>: five working days on the caller's calendar, same time of day). A leading '-'
/// counts backwards, used for reminders before a due date.
/// </summary>
public readonly partial record struct IsoDuration(bool Negative, int Years, int Months, int Days, TimeSpan Time, int WorkingDays)
{
    /// <summary>How far a working-day count may search for working days before it gives up.</summary>
    private const int MaxDaysScanned = 3700;

    [GeneratedRegex(@"^(?<neg>-)?P(?:(?<wd>\d+)WD|(?<w>\d+)W|(?:(?<y>\d+)Y)?(?:(?<mo>\d+)M)?(?:(?<d>\d+)D)?(?:T(?:(?<h>\d+)H)?(?:(?<mi>\d+)M)?(?:(?<s>\d+(?:[.,]\d+)?)S)?)?)$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Pattern();

    public static bool TryParse(string? text, out IsoDuration duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 64) return false;
        var match = Pattern().Match(text.Trim());
        if (!match.Success || text.Trim().EndsWith('T') || text.Trim() is "P" or "-P") return false;
        static int Int(Match m, string g) => m.Groups[g].Success ? int.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture) : 0;
        try
        {
            var seconds = match.Groups["s"].Success ? double.Parse(match.Groups["s"].Value.Replace(',', '.'), CultureInfo.InvariantCulture) : 0;
            var time = TimeSpan.FromHours(Int(match, "h")) + TimeSpan.FromMinutes(Int(match, "mi")) + TimeSpan.FromSeconds(seconds);
            duration = new IsoDuration(match.Groups["neg"].Success, Int(match, "y"), Int(match, "mo"), Int(match, "d") + 7 * Int(match, "w"), time, Int(match, "wd"));
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    public bool IsZero => Years == 0 && Months == 0 && Days == 0 && Time == TimeSpan.Zero && WorkingDays == 0;

    /// <summary>Adds the duration to a moment. Returns null when no answer exists (a calendar without working days, an overflow).</summary>
    public DateTimeOffset? AddTo(DateTimeOffset start, IWorkingCalendar calendar)
    {
        var sign = Negative ? -1 : 1;
        try
        {
            if (WorkingDays > 0) return AddWorkingDays(start, sign * WorkingDays, calendar);
            // Calendar parts are added in the calendar's own offset, so "P1M" from 31 January ends on 28/29 February local time.
            var local = start.ToOffset(calendar.UtcOffset);
            local = local.AddYears(sign * Years).AddMonths(sign * Months).AddDays(sign * Days);
            return (local + (Negative ? -Time : Time)).ToUniversalTime();
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static DateTimeOffset? AddWorkingDays(DateTimeOffset start, int count, IWorkingCalendar calendar)
    {
        var local = start.ToOffset(calendar.UtcOffset);
        var date = DateOnly.FromDateTime(local.DateTime);
        var step = Math.Sign(count);
        var remaining = Math.Abs(count);
        for (var scanned = 0; remaining > 0; scanned++)
        {
            if (scanned > MaxDaysScanned) return null;
            date = date.AddDays(step);
            if (calendar.IsWorkingDay(date)) remaining--;
        }
        var result = new DateTimeOffset(date.ToDateTime(TimeOnly.FromTimeSpan(local.TimeOfDay)), calendar.UtcOffset);
        return result.ToUniversalTime();
    }

    public override string ToString()
    {
        var sign = Negative ? "-" : "";
        if (WorkingDays > 0) return $"{sign}P{WorkingDays}WD";
        var text = $"{sign}P{(Years > 0 ? $"{Years}Y" : "")}{(Months > 0 ? $"{Months}M" : "")}{(Days > 0 ? $"{Days}D" : "")}";
        if (Time > TimeSpan.Zero)
            text += "T" + (Time.Hours + 24 * Time.Days > 0 ? $"{Time.Hours + 24 * Time.Days}H" : "") + (Time.Minutes > 0 ? $"{Time.Minutes}M" : "")
                + (Time.Seconds > 0 || Time.Milliseconds > 0 ? $"{Time.TotalSeconds % 60:0.###}S".Replace(',', '.') : "");
        return text == sign + "P" ? sign + "PT0S" : text;
    }
}
