namespace Workflows.Data.Runtime;

/// <summary>
/// An exception to the ordinary week in the working calendar: a statutory holiday (法定节假日)
/// on a weekday, or a weekend day that is worked instead (调休上班). Published each year by the
/// State Council and entered by an administrator.
/// </summary>
public sealed class CalendarDay
{
    public DateOnly Date { get; set; }

    public CalendarDayKind Kind { get; set; }

    /// <summary>元旦, 春节 ...</summary>
    public string Name { get; set; } = "";
}

public enum CalendarDayKind
{
    Holiday = 1,
    WorkingDay = 2,
}
