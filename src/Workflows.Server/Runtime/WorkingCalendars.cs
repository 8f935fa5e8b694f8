using Workflows.Engine.Timers;

namespace Workflows.Server.Runtime;

/// <summary>
/// The working-day calendar the engine counts due dates with: weekends, statutory holidays and the
/// weekend days worked instead (调休). The data is the State Council's published schedule.
/// </summary>
public sealed class WorkingCalendars
{
    // 国务院办公厅关于2026年部分节假日安排的通知.
    private static readonly DateOnly[] Holidays2026 =
    [
        .. Days(2026, 1, 1, 3), .. Days(2026, 2, 15, 23), .. Days(2026, 4, 4, 6), .. Days(2026, 5, 1, 5),
        .. Days(2026, 6, 19, 21), .. Days(2026, 9, 25, 27), .. Days(2026, 10, 1, 7),
    ];

    private static readonly DateOnly[] AdjustedWorkingDays2026 =
    [
        new(2026, 1, 4), new(2026, 2, 14), new(2026, 2, 28), new(2026, 5, 9), new(2026, 9, 20), new(2026, 10, 10),
    ];

    private readonly WorkingCalendar _calendar = new(Holidays2026, AdjustedWorkingDays2026, TimeSpan.FromHours(8));

    public Task<IWorkingCalendar> CurrentAsync(CancellationToken cancellationToken = default) => Task.FromResult<IWorkingCalendar>(_calendar);

    private static IEnumerable<DateOnly> Days(int year, int month, int from, int to)
    {
        for (var day = from; day <= to; day++)
        {
            yield return new DateOnly(year, month, day);
        }
    }
}
