namespace Workflows.Expressions.Evaluation;

/// <summary>Date and time arithmetic. Results outside the representable years give null.</summary>
internal static class Temporals
{
    /// <summary>temporal ± duration, or duration ± duration of the same kind; null when the kinds do not fit.</summary>
    public static FeelValue? Add(FeelValue left, FeelValue right, int sign)
    {
        try
        {
            return (left, right) switch
            {
                (FeelDate d, FeelDaysTimeDuration span) => AddToDate(d, sign * span.Value.Ticks),
                (FeelDate d, FeelYearsMonthsDuration ym) => new FeelDate(d.Value.AddMonths(sign * ym.TotalMonths)),
                (FeelDateTime dt, FeelDaysTimeDuration span) => new FeelDateTime(dt.Value.AddTicks(sign * span.Value.Ticks), dt.Offset),
                (FeelDateTime dt, FeelYearsMonthsDuration ym) => new FeelDateTime(dt.Value.AddMonths(sign * ym.TotalMonths), dt.Offset),
                (FeelTime t, FeelDaysTimeDuration span) => new FeelTime(t.Value.Add(TimeSpan.FromTicks(sign * (span.Value.Ticks % TimeSpan.TicksPerDay))), t.Offset),
                (FeelDaysTimeDuration x, FeelDaysTimeDuration y) => new FeelDaysTimeDuration(sign > 0 ? x.Value + y.Value : x.Value - y.Value),
                (FeelYearsMonthsDuration x, FeelYearsMonthsDuration y) => new FeelYearsMonthsDuration(checked(x.TotalMonths + sign * y.TotalMonths)),
                _ => null,
            };
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or OverflowException)
        {
            return null;
        }
    }

    /// <summary>A whole number of days keeps a date; a time part turns it into a UTC date and time (as feelin does).</summary>
    private static FeelValue AddToDate(FeelDate date, long ticks)
    {
        if (ticks % TimeSpan.TicksPerDay == 0)
        {
            return new FeelDate(date.Value.AddDays(checked((int)(ticks / TimeSpan.TicksPerDay))));
        }

        return new FeelDateTime(date.Value.ToDateTime(TimeOnly.MinValue).AddTicks(ticks), TimeSpan.Zero);
    }

    /// <summary>The days-and-time duration between two instants of the same kind.</summary>
    public static FeelValue? Subtract(FeelValue left, FeelValue right)
    {
        try
        {
            return (left, right) switch
            {
                (FeelDate x, FeelDate y) => new FeelDaysTimeDuration(TimeSpan.FromDays(x.Value.DayNumber - y.Value.DayNumber)),
                (FeelDateTime x, FeelDateTime y) when (x.Offset is null) == (y.Offset is null) =>
                    new FeelDaysTimeDuration(Comparisons.InstantOf(x) - Comparisons.InstantOf(y)),
                (FeelTime x, FeelTime y) when (x.Offset is null) == (y.Offset is null) =>
                    new FeelDaysTimeDuration(Comparisons.InstantOf(x) - Comparisons.InstantOf(y)),
                _ => null,
            };
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or OverflowException)
        {
            return null;
        }
    }

    /// <summary>Whole months from one date to another, counted the way DMN's years and months duration() does.</summary>
    public static int MonthsBetween(DateOnly from, DateOnly to)
    {
        var months = (to.Year - from.Year) * 12 + to.Month - from.Month;
        if (months > 0 && to.Day < from.Day)
        {
            months--;
        }
        else if (months < 0 && to.Day > from.Day)
        {
            months++;
        }

        return months;
    }

    public static DateTimeOffset? ToInstant(FeelDateTime value) =>
        value.Offset is { } offset ? new DateTimeOffset(value.Value, offset) : null;
}
