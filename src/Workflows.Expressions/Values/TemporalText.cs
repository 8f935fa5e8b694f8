using System.Globalization;
using System.Text.RegularExpressions;

namespace Workflows.Expressions;

/// <summary>Parses the ISO 8601 forms FEEL uses for dates, times, date-times and durations. Invalid text gives null.</summary>
internal static partial class TemporalText
{
    [GeneratedRegex(@"^(-?\d{4,9})-(\d{2})-(\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2}|@[A-Za-z_/+\-0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();

    public static FeelDate? ParseDate(string text)
    {
        var match = DatePattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        return DateFrom(Int(match.Groups[1].Value), Int(match.Groups[2].Value), Int(match.Groups[3].Value));
    }

    public static FeelDate? DateFrom(long year, long month, long day)
    {
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth((int)year, (int)month))
        {
            return null;
        }

        return new FeelDate(new DateOnly((int)year, (int)month, (int)day));
    }

    public static FeelTime? ParseTime(string text)
    {
        var match = TimePattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var hour = Int(match.Groups[1].Value);
        var minute = Int(match.Groups[2].Value);
        var second = match.Groups[3].Success ? Int(match.Groups[3].Value) : 0;
        if (hour > 23 || minute > 59 || second > 59)
        {
            return null;
        }

        var ticks = ((hour * 60 + minute) * 60 + second) * TimeSpan.TicksPerSecond;
        if (match.Groups[4].Success)
        {
            var fraction = match.Groups[4].Value[1..];
            fraction = fraction.Length > 7 ? fraction[..7] : fraction.PadRight(7, '0');
            ticks += Int(fraction);
        }

        var time = new TimeOnly(ticks);
        if (!match.Groups[5].Success)
        {
            return new FeelTime(time, null);
        }

        var zone = match.Groups[5].Value;
        if (zone.StartsWith('@'))
        {
            // A named zone is fixed to its offset on 1 January (times carry no date to resolve it otherwise).
            var offset = ZoneOffset(zone[1..], new DateTime(2000, 1, 1) + time.ToTimeSpan());
            return offset is null ? null : new FeelTime(time, offset);
        }

        return new FeelTime(time, Offset(zone));
    }

    public static FeelValue? ParseDateTime(string text)
    {
        var t = text.IndexOf('T');
        if (t < 0)
        {
            return null;
        }

        var date = ParseDate(text[..t]);
        if (date is null)
        {
            return null;
        }

        var timeText = text[(t + 1)..];
        var at = timeText.IndexOf('@');
        var time = ParseTime(at < 0 ? timeText : timeText[..at]);
        if (time is null)
        {
            return null;
        }

        var local = date.Value.ToDateTime(time.Value);
        if (at >= 0)
        {
            var offset = ZoneOffset(timeText[(at + 1)..], local);
            return offset is null ? null : new FeelDateTime(local, offset);
        }

        return new FeelDateTime(local, time.Offset);
    }

    /// <summary>A days-and-time or a years-and-months duration; mixing both kinds is not a FEEL duration.</summary>
    public static FeelValue? ParseDuration(string text)
    {
        var match = DurationPattern().Match(text);
        // Weeks ("P1W") are ISO 8601 but not part of the XML Schema durations FEEL uses.
        if (!match.Success || match.Groups[4].Success || text.EndsWith('T') || text is "P" or "-P")
        {
            return null;
        }

        var negative = match.Groups[1].Success;
        var hasYearsMonths = match.Groups[2].Success || match.Groups[3].Success;
        var hasDaysTime = match.Groups[4].Success || match.Groups[5].Success || match.Groups[6].Success || match.Groups[7].Success || match.Groups[8].Success;
        try
        {
            if (hasYearsMonths && !hasDaysTime)
            {
                var months = checked(Long(match.Groups[2]) * 12 + Long(match.Groups[3]));
                return new FeelYearsMonthsDuration(checked((int)(negative ? -months : months)));
            }

            if (hasYearsMonths)
            {
                return null;
            }

            var seconds = match.Groups[8].Success ? decimal.Parse(match.Groups[8].Value, CultureInfo.InvariantCulture) : 0m;
            var ticks = checked((((Long(match.Groups[4]) * 7 + Long(match.Groups[5])) * 24 + Long(match.Groups[6])) * 60 + Long(match.Groups[7])) * 60 * TimeSpan.TicksPerSecond
                + (long)(seconds * TimeSpan.TicksPerSecond));
            return new FeelDaysTimeDuration(new TimeSpan(negative ? -ticks : ticks));
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>What @"..." means: a date, a time, a date and time, or a duration.</summary>
    public static FeelValue? ParseLiteral(string text)
    {
        if (text.StartsWith('P') || text.StartsWith("-P", StringComparison.Ordinal))
        {
            return ParseDuration(text);
        }

        if (text.Contains('T'))
        {
            return ParseDateTime(text);
        }

        return text.Length > 2 && text[2] == ':' ? ParseTime(text) : ParseDate(text);
    }

    private static TimeSpan? ZoneOffset(string zoneId, DateTime local)
    {
        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
            return zone.GetUtcOffset(local);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            return null;
        }
    }

    private static TimeSpan? Offset(string zone)
    {
        if (zone == "Z")
        {
            return TimeSpan.Zero;
        }

        var sign = zone[0] == '-' ? -1 : 1;
        var hours = Int(zone.Substring(1, 2));
        var minutes = Int(zone.Substring(4, 2));
        if (hours > 18 || minutes > 59)
        {
            return null;
        }

        return sign * new TimeSpan((int)hours, (int)minutes, 0);
    }

    private static long Int(string text) => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : -1;

    private static long Long(Group group) => group.Success ? Int(group.Value) : 0;
}
