using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Runtime;
using Workflows.Server.Hosting;
using Workflows.Server.Security;

namespace Workflows.Server.Runtime;

/// <summary>The holiday calendar (法定节假日 and 调休) that working-day due dates count with.</summary>
public static class CalendarApi
{
    public static void MapCalendar(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/calendar").WithTags("Calendar");
        group.MapGet("/{year:int}", Get).WithSummary("A year's holidays and adjusted working days.");
        group.MapPut("/{year:int}", Put).WithSummary("Replace a year's holidays and adjusted working days (system administrators), as published by the State Council.");
    }

    public sealed record DayView(DateOnly Date, string Kind, string Name);

    public sealed record YearRequest(IReadOnlyList<DayView>? Days);

    private static async Task<Ok<List<DayView>>> Get(int year, CallerAccessor callers, WorkflowsDbContext db)
    {
        await callers.RequireAsync();
        var from = new DateOnly(Math.Clamp(year, 1, 9999), 1, 1);
        var to = from.AddYears(1);
        var days = await db.CalendarDays.AsNoTracking().Where(d => d.Date >= from && d.Date < to).OrderBy(d => d.Date).ToListAsync();
        return TypedResults.Ok(days.Select(d => new DayView(d.Date, d.Kind.ToString(), d.Name)).ToList());
    }

    private static async Task<Results<Ok<List<DayView>>, ValidationProblem, ProblemHttpResult>> Put(int year, YearRequest request, HttpContext http,
        CallerAccessor callers, WorkflowsDbContext db, WorkingCalendars calendars, SecurityAudit audit)
    {
        var caller = await callers.RequireAsync();
        if (!caller.IsSystemAdministrator)
        {
            await audit.DeniedAsync(caller, "change calendar", year.ToString());
            return Problems.Forbidden(http, new("只有系统管理员可以维护节假日", "Only system administrators can change the calendar"));
        }
        var errors = new FieldErrors();
        if (year is < 2000 or > 2100)
        {
            errors.Add("year", new("年份应在 2000 到 2100 之间", "must be between 2000 and 2100"));
        }
        var days = request.Days ?? [];
        if (days.Count > 366)
        {
            errors.Add("days", new("天数过多", "too many days"));
        }
        var parsed = new List<CalendarDay>();
        for (var i = 0; i < days.Count && !errors.Any; i++)
        {
            var day = days[i];
            if (day.Date.Year != year)
            {
                errors.Add($"days[{i}].date", new($"日期不在 {year} 年", $"is not in {year}"));
            }
            if (!Enum.TryParse<CalendarDayKind>(day.Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
            {
                errors.Add($"days[{i}].kind", new("应为 Holiday（放假）或 WorkingDay（调休上班）", "must be Holiday or WorkingDay"));
            }
            errors.MaxLength($"days[{i}].name", day.Name, 40);
            if (parsed.Any(p => p.Date == day.Date))
            {
                errors.Add($"days[{i}].date", new("日期重复", "appears twice"));
            }
            parsed.Add(new CalendarDay { Date = day.Date, Kind = kind, Name = day.Name?.Trim() ?? "" });
        }
        if (errors.Any)
        {
            return Problems.Validation(http, errors);
        }
        var from = new DateOnly(year, 1, 1);
        var to = from.AddYears(1);
        db.CalendarDays.RemoveRange(await db.CalendarDays.Where(d => d.Date >= from && d.Date < to).ToListAsync());
        db.CalendarDays.AddRange(parsed);
        await db.SaveChangesAsync();
        calendars.Invalidate();
        return TypedResults.Ok(parsed.OrderBy(d => d.Date).Select(d => new DayView(d.Date, d.Kind.ToString(), d.Name)).ToList());
    }
}
