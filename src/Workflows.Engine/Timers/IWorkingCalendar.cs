namespace Workflows.Engine.Timers;

/// <summary>
/// Which days are working days, and in which UTC offset a "day" is counted. The engine never
/// looks at a clock or a holiday list of its own: the caller passes the calendar in.
/// </summary>
public interface IWorkingCalendar
{
    /// <summary>The offset in which days begin and end (China: +08:00, no daylight saving).</summary>
    TimeSpan UtcOffset { get; }

    bool IsWorkingDay(DateOnly date);
}

/// <summary>
/// A data-driven calendar: weekends, statutory holidays (法定节假日) and the weekend days that
/// are worked instead (调休上班). Publish a new one each year when the State Council announces it.
/// </summary>
public sealed class WorkingCalendar : IWorkingCalendar
{
    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DateOnly> _adjustedWorkingDays;
    private readonly HashSet<DayOfWeek> _weekend;

    public WorkingCalendar(
        IEnumerable<DateOnly>? holidays = null,
        IEnumerable<DateOnly>? adjustedWorkingDays = null,
        TimeSpan? utcOffset = null,
        IEnumerable<DayOfWeek>? weekend = null)
    {
        _holidays = [.. holidays ?? []];
        _adjustedWorkingDays = [.. adjustedWorkingDays ?? []];
        _weekend = [.. weekend ?? [DayOfWeek.Saturday, DayOfWeek.Sunday]];
        UtcOffset = utcOffset ?? TimeSpan.FromHours(8);
    }

    /// <summary>Saturday and Sunday off, no holidays, China time.</summary>
    public static WorkingCalendar WeekendsOnly { get; } = new();

    public TimeSpan UtcOffset { get; }

    public bool IsWorkingDay(DateOnly date) =>
        _adjustedWorkingDays.Contains(date) || (!_holidays.Contains(date) && !_weekend.Contains(date.DayOfWeek));

    /// <summary>
    /// Reads <c>{"utcOffset":"+08:00","holidays":["2026-10-01"],"workingDays":["2026-09-27"]}</c>;
    /// every key is optional.
    /// </summary>
    public static WorkingCalendar FromJson(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var root = document.RootElement;
        static IEnumerable<DateOnly> Dates(System.Text.Json.JsonElement root, string name) =>
            root.TryGetProperty(name, out var list)
                ? list.EnumerateArray().Select(d => DateOnly.ParseExact(d.GetString()!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToList()
                : [];
        TimeSpan? offset = root.TryGetProperty("utcOffset", out var o)
            ? TimeSpan.Parse(o.GetString()!.TrimStart('+'), System.Globalization.CultureInfo.InvariantCulture) : null;
        return new WorkingCalendar(Dates(root, "holidays"), Dates(root, "workingDays"), offset);
    }
}
