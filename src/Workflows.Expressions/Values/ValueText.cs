using System.Globalization;
using System.Text;

namespace Workflows.Expressions;

/// <summary>The text FEEL's string() gives for a value; also used for JSON output of temporal values.</summary>
internal static class ValueText
{
    public static string Format(FeelValue value) => value switch
    {
        FeelNull => "null",
        FeelBoolean b => b.Value ? "true" : "false",
        FeelNumber n => Number(n.Value),
        FeelString s => s.Value,
        FeelDate d => Date(d.Value),
        FeelTime t => Time(t.Value) + Offset(t.Offset),
        FeelDateTime dt => Date(DateOnly.FromDateTime(dt.Value)) + "T" + Time(TimeOnly.FromDateTime(dt.Value)) + Offset(dt.Offset),
        FeelDaysTimeDuration d => DaysTime(d.Value),
        FeelYearsMonthsDuration ym => YearsMonths(ym.TotalMonths),
        FeelList list => "[" + string.Join(", ", list.Items.Select(Literal)) + "]",
        FeelContextValue context => "{" + string.Join(", ", context.Entries.Select(e => Key(e.Key) + ": " + Literal(e.Value))) + "}",
        FeelRange r => (r.StartIncluded ? "[" : "(") + Literal(r.Start) + ".." + Literal(r.End) + (r.EndIncluded ? "]" : ")"),
        FeelFunction f => "function " + f.Name,
        _ => "?",
    };

    /// <summary>Inside lists and contexts strings are quoted (with " and \ escaped), as feelin prints them.</summary>
    private static string Literal(FeelValue value) => value is FeelString s ? Quote(s.Value) : Format(value);

    private static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>A key that is not a plain word ("other key") is quoted.</summary>
    private static string Key(string key) => key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? key : Quote(key);

    /// <summary>Trailing zeros are dropped so that 1.50 prints as 1.5, like the browser does.</summary>
    public static string Number(decimal value)
    {
        var normalized = value / 1.0000000000000000000000000000m;
        return normalized.ToString(CultureInfo.InvariantCulture);
    }

    public static string Date(DateOnly date) =>
        date.Year is >= 0 and <= 9999
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : date.Year.ToString(CultureInfo.InvariantCulture) + date.ToString("-MM-dd", CultureInfo.InvariantCulture);

    public static string Time(TimeOnly time)
    {
        var text = time.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        var fraction = time.Ticks % TimeSpan.TicksPerSecond;
        if (fraction != 0)
        {
            text += "." + fraction.ToString("0000000", CultureInfo.InvariantCulture).TrimEnd('0');
        }

        return text;
    }

    public static string Offset(TimeSpan? offset)
    {
        if (offset is not { } o)
        {
            return "";
        }

        if (o == TimeSpan.Zero)
        {
            return "Z";
        }

        var sign = o < TimeSpan.Zero ? "-" : "+";
        o = o.Duration();
        return sign + o.Hours.ToString("00", CultureInfo.InvariantCulture) + ":" + o.Minutes.ToString("00", CultureInfo.InvariantCulture);
    }

    public static string DaysTime(TimeSpan span)
    {
        if (span == TimeSpan.Zero)
        {
            return "PT0S";
        }

        var text = new StringBuilder();
        if (span < TimeSpan.Zero)
        {
            text.Append('-');
            span = span.Duration();
        }

        text.Append('P');
        if (span.Days > 0)
        {
            text.Append(span.Days).Append('D');
        }

        var fraction = span.Ticks % TimeSpan.TicksPerSecond;
        if (span.Hours > 0 || span.Minutes > 0 || span.Seconds > 0 || fraction > 0)
        {
            text.Append('T');
            if (span.Hours > 0)
            {
                text.Append(span.Hours).Append('H');
            }

            if (span.Minutes > 0)
            {
                text.Append(span.Minutes).Append('M');
            }

            if (span.Seconds > 0 || fraction > 0)
            {
                text.Append(span.Seconds);
                if (fraction > 0)
                {
                    text.Append('.').Append(fraction.ToString("0000000", CultureInfo.InvariantCulture).TrimEnd('0'));
                }

                text.Append('S');
            }
        }

        return text.ToString();
    }

    public static string YearsMonths(int totalMonths)
    {
        if (totalMonths == 0)
        {
            return "P0M";
        }

        var sign = totalMonths < 0 ? "-" : "";
        var months = Math.Abs((long)totalMonths);
        var text = new StringBuilder(sign).Append('P');
        if (months / 12 > 0)
        {
            text.Append(months / 12).Append('Y');
        }

        if (months % 12 > 0)
        {
            text.Append(months % 12).Append('M');
        }

        return text.ToString();
    }
}
