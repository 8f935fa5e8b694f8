using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Runtime;
using Workflows.Engine.Timers;

namespace Workflows.Server.Runtime;

/// <summary>
/// The working-day calendar the engine counts due dates with: weekends, statutory holidays and the
/// weekend days worked instead (调休), from the <c>CalendarDays</c> table that administrators keep.
/// Read at most once a minute per node, and at once after a change on this node.
/// </summary>
public sealed class WorkingCalendars(IServiceScopeFactory scopes, TimeProvider clock)
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (IWorkingCalendar Calendar, DateTimeOffset LoadedAt)? _cached;

    public async Task<IWorkingCalendar> CurrentAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (_cached is { } cached && now - cached.LoadedAt < Refresh && now >= cached.LoadedAt)
        {
            return cached.Calendar;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var days = await scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>().CalendarDays.AsNoTracking().ToListAsync(cancellationToken);
            var calendar = new WorkingCalendar(
                days.Where(d => d.Kind == CalendarDayKind.Holiday).Select(d => d.Date),
                days.Where(d => d.Kind == CalendarDayKind.WorkingDay).Select(d => d.Date),
                TimeSpan.FromHours(8));
            _cached = (calendar, now);
            return calendar;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Invalidate() => _cached = null;

    /// <summary>国务院办公厅关于2026年部分节假日安排的通知: seeded into an empty calendar.</summary>
    public static IEnumerable<CalendarDay> Official2026()
    {
        static IEnumerable<CalendarDay> Holiday(string name, int month, int from, int to) =>
            Enumerable.Range(from, to - from + 1).Select(d => new CalendarDay { Date = new DateOnly(2026, month, d), Kind = CalendarDayKind.Holiday, Name = name });
        static CalendarDay Work(string name, int month, int day) => new() { Date = new DateOnly(2026, month, day), Kind = CalendarDayKind.WorkingDay, Name = name + "调休上班" };
        return
        [
            .. Holiday("元旦", 1, 1, 3), Work("元旦", 1, 4),
            .. Holiday("春节", 2, 15, 23), Work("春节", 2, 14), Work("春节", 2, 28),
            .. Holiday("清明节", 4, 4, 6),
            .. Holiday("劳动节", 5, 1, 5), Work("劳动节", 5, 9),
            .. Holiday("端午节", 6, 19, 21),
            .. Holiday("中秋节", 9, 25, 27),
            .. Holiday("国庆节", 10, 1, 7), Work("国庆节", 9, 20), Work("国庆节", 10, 10),
        ];
    }
}
