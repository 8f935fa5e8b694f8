using Workflows.Engine.Timers;

namespace Workflows.Server.Runtime;

public static class WorkingDays
{
    /// <summary>The same time of day, <paramref name="days"/> working days earlier, counted in the calendar's time zone.</summary>
    public static DateTime Before(DateTime utc, int days, IWorkingCalendar calendar)
    {
        var local = utc + calendar.UtcOffset;
        var date = DateOnly.FromDateTime(local);
        for (var counted = 0; counted < days;)
        {
            date = date.AddDays(-1);
            if (calendar.IsWorkingDay(date))
            {
                counted++;
            }
        }
        return DateTime.SpecifyKind(date.ToDateTime(TimeOnly.FromDateTime(local)) - calendar.UtcOffset, DateTimeKind.Utc);
    }
}
