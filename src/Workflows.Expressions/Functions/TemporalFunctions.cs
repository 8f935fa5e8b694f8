using System.Globalization;

namespace Workflows.Expressions.Functions;

internal static partial class Builtins
{
    private static readonly string[] WeekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    private static readonly string[] MonthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private static void DefineTemporals(Define add)
    {
        // The clock is the caller's: evaluation never reads the system time.
        add("now", "", (e, a) => new FeelDateTime(e.Context.Now.DateTime, e.Context.Now.Offset));
        add("today", "", (e, a) => new FeelDate(DateOnly.FromDateTime(e.Context.Now.DateTime)));
        add("day of week", "date", (e, a) => DateOf(Arguments.Single(a[0])) is { } d
            ? new FeelString(WeekdayNames[((int)d.DayOfWeek + 6) % 7])
            : Invalid(e, "day of week"));
        add("day of year", "date", (e, a) => DateOf(Arguments.Single(a[0])) is { } d ? Number(d.DayOfYear) : Invalid(e, "day of year"));
        add("month of year", "date", (e, a) => DateOf(Arguments.Single(a[0])) is { } d ? new FeelString(MonthNames[d.Month - 1]) : Invalid(e, "month of year"));
        add("week of year", "date", (e, a) => DateOf(Arguments.Single(a[0])) is { } d
            ? Number(ISOWeek.GetWeekOfYear(d.ToDateTime(TimeOnly.MinValue)))
            : Invalid(e, "week of year"));
    }
}
