using System.Globalization;
using Workflows.Expressions.Evaluation;

namespace Workflows.Expressions.Functions;

internal static partial class Builtins
{
    private static void DefineConversions(Define add)
    {
        add("not", "negand", (e, a) => a[0] is FeelBoolean b ? FeelBoolean.Of(!b.Value) : FeelValue.Null);
        add("string", "from", (e, a) => a[0] is FeelNull ? FeelValue.Null : Text(e, StringOf(a[0])));
        add("number", "from, grouping separator?, decimal separator?", NumberOf);
        add("date", "from", (e, a) => Arguments.Single(a[0]) switch
        {
            // A date-time string gives its date, as in feelin.
            FeelString s => (FeelValue?)TemporalText.ParseDate(s.Value) ?? DateOf(TemporalText.ParseDateTime(s.Value) ?? FeelValue.Null) switch
            {
                { } date => new FeelDate(date),
                null => Invalid(e, "date"),
            },
            FeelDate d => d,
            FeelDateTime dt => new FeelDate(DateOnly.FromDateTime(dt.Value)),
            _ => Invalid(e, "date"),
        });
        add("date", "year, month, day", (e, a) =>
            Arguments.Number(a[0], out var y) && Arguments.Number(a[1], out var m) && Arguments.Number(a[2], out var d)
            && y == decimal.Truncate(y) && m == decimal.Truncate(m) && d == decimal.Truncate(d) && Math.Abs(y) < 100000 && Math.Abs(m) < 100 && Math.Abs(d) < 100
                ? (FeelValue?)TemporalText.DateFrom((long)y, (long)m, (long)d) ?? Invalid(e, "date")
                : Invalid(e, "date"));
        add("time", "from", (e, a) => Arguments.Single(a[0]) switch
        {
            FeelString s => (FeelValue?)TemporalText.ParseTime(s.Value) ?? Invalid(e, "time"),
            FeelTime t => t,
            FeelDateTime dt => new FeelTime(TimeOnly.FromDateTime(dt.Value), dt.Offset),
            FeelDate => new FeelTime(TimeOnly.MinValue, TimeSpan.Zero),
            _ => Invalid(e, "time"),
        });
        add("time", "hour, minute, second, offset?", TimeFromParts);
        add("date and time", "from", (e, a) => Arguments.Single(a[0]) switch
        {
            // A date string means midnight of that day, as in feelin.
            FeelString s => TemporalText.ParseDateTime(s.Value)
                ?? (TemporalText.ParseDate(s.Value) is { } day ? new FeelDateTime(day.Value.ToDateTime(TimeOnly.MinValue), null) : null)
                ?? Invalid(e, "date and time"),
            FeelDateTime dt => dt,
            FeelDate d => new FeelDateTime(d.Value.ToDateTime(TimeOnly.MinValue), null),
            _ => Invalid(e, "date and time"),
        });
        add("date and time", "date, time", (e, a) => (Arguments.Single(a[0]), Arguments.Single(a[1])) switch
        {
            (FeelDate d, FeelTime t) => new FeelDateTime(d.Value.ToDateTime(t.Value), t.Offset),
            (FeelDateTime dt, FeelTime t) => new FeelDateTime(DateOnly.FromDateTime(dt.Value).ToDateTime(t.Value), t.Offset),
            _ => Invalid(e, "date and time"),
        });
        add("duration", "from", (e, a) => Arguments.String(a[0], out var s) ? TemporalText.ParseDuration(s) ?? Invalid(e, "duration") : Invalid(e, "duration"));
        add("years and months duration", "from, to", (e, a) => (DateOf(Arguments.Single(a[0])), DateOf(Arguments.Single(a[1]))) switch
        {
            ({ } from, { } to) => new FeelYearsMonthsDuration(Temporals.MonthsBetween(from, to)),
            _ => Invalid(e, "years and months duration"),
        });
    }

    private static DateOnly? DateOf(FeelValue value) => value switch
    {
        FeelDate d => d.Value,
        FeelDateTime dt => DateOnly.FromDateTime(dt.Value),
        _ => null,
    };

    /// <summary>What string() gives; inside lists and contexts, strings are quoted.</summary>
    internal static string StringOf(FeelValue value) => value switch
    {
        FeelRange => "<range>",
        FeelFunction => "<function>",
        _ => ValueText.Format(value),
    };

    private static FeelValue NumberOf(EvaluationState e, FeelValue[] a)
    {
        var from = Arguments.Single(a[0]);
        if (from is FeelNumber)
        {
            return from;
        }

        if (from is not FeelString s)
        {
            return Invalid(e, "number");
        }

        var text = s.Value;
        if (a.Length > 1 && Arguments.String(a[1], out var grouping) && grouping.Length > 0)
        {
            text = text.Replace(grouping, "", StringComparison.Ordinal);
        }

        if (a.Length > 2 && Arguments.String(a[2], out var separator) && separator.Length > 0 && separator != ".")
        {
            if (text.Contains('.', StringComparison.Ordinal))
            {
                return Invalid(e, "number");
            }

            text = text.Replace(separator, ".", StringComparison.Ordinal);
        }

        return decimal.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var number)
            ? Number(number)
            : Invalid(e, "number");
    }

    private static FeelValue TimeFromParts(EvaluationState e, FeelValue[] a)
    {
        if (!Arguments.Number(a[0], out var hour) || !Arguments.Number(a[1], out var minute) || !Arguments.Number(a[2], out var second)
            || hour != decimal.Truncate(hour) || minute != decimal.Truncate(minute) || hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or >= 60)
        {
            return Invalid(e, "time");
        }

        TimeSpan? offset = null;
        if (a.Length > 3 && a[3] is not FeelNull)
        {
            if (a[3] is not FeelDaysTimeDuration d || d.Value.Duration() > TimeSpan.FromHours(18))
            {
                return Invalid(e, "time");
            }

            offset = d.Value;
        }

        var ticks = ((long)hour * 3600 + (long)minute * 60) * TimeSpan.TicksPerSecond + (long)(second * TimeSpan.TicksPerSecond);
        return new FeelTime(new TimeOnly(ticks), offset);
    }
}
