using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Runtime;
using Workflows.Server.Hosting;
using Workflows.Server.Security;

namespace Workflows.Server.Inbox;

/// <summary>Whose tasks a person may act on today besides their own (委托).</summary>
public sealed record DelegatedFrom(Guid UserId, string? ProcessId);

public static class Delegations
{
    public static async Task<List<DelegatedFrom>> ActiveForAsync(WorkflowsDbContext db, Guid me, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        var today = Today(nowUtc);
        return await db.Delegations.AsNoTracking()
            .Where(d => d.ToUserId == me && d.RevokedAt == null && d.StartsOn <= today && d.EndsOn >= today)
            .Select(d => new DelegatedFrom(d.FromUserId, d.ProcessId)).ToListAsync(cancellationToken);
    }

    /// <summary>Delegations run by China's calendar days.</summary>
    public static DateOnly Today(DateTime nowUtc) => DateOnly.FromDateTime(nowUtc.AddHours(8));

    public static bool Covers(this IEnumerable<DelegatedFrom> delegations, Guid user, string processId) =>
        delegations.Any(d => d.UserId == user && (d.ProcessId is null || d.ProcessId == processId));

    public static void MapDelegations(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/account/delegations").WithTags("Inbox");
        group.MapGet("/", List).WithSummary("Delegations I gave and received.");
        group.MapPost("/", Create).WithSummary("Let someone act on my tasks for a date range (委托), for every workflow or for one.");
        group.MapDelete("/{id:guid}", Revoke).WithSummary("End a delegation I gave.");
    }

    public sealed record DelegationRequest(Guid? ToUserId, DateOnly? StartsOn, DateOnly? EndsOn, string? ProcessId);

    public sealed record DelegationView(Guid Id, Guid FromUserId, Guid ToUserId, DateOnly StartsOn, DateOnly EndsOn, string? ProcessId, bool Revoked);

    private static async Task<Ok<List<DelegationView>>> List(CallerAccessor callers, WorkflowsDbContext db)
    {
        var caller = await callers.RequireAsync();
        var list = await db.Delegations.AsNoTracking().Where(d => d.FromUserId == caller.UserId || d.ToUserId == caller.UserId)
            .OrderByDescending(d => d.CreatedAt).ToListAsync();
        return TypedResults.Ok(list.Select(View).ToList());
    }

    private static async Task<Results<Created<DelegationView>, ValidationProblem>> Create(DelegationRequest request, HttpContext http,
        CallerAccessor callers, WorkflowsDbContext db, TimeProvider clock)
    {
        var caller = await callers.RequireAsync();
        var errors = new FieldErrors();
        if (request.ToUserId is null)
        {
            errors.Add("toUserId", Messages.Required);
        }
        else if (request.ToUserId == caller.UserId)
        {
            errors.Add("toUserId", new("不能委托给自己", "cannot be yourself"));
        }
        else if (!await db.Users.AnyAsync(u => u.Id == request.ToUserId && u.IsActive))
        {
            errors.Add("toUserId", new("用户不存在或已停用", "no such active user"));
        }
        if (request.StartsOn is null)
        {
            errors.Add("startsOn", Messages.Required);
        }
        if (request.EndsOn is null)
        {
            errors.Add("endsOn", Messages.Required);
        }
        else if (request.StartsOn is not null && request.EndsOn < request.StartsOn)
        {
            errors.Add("endsOn", new("结束日期早于开始日期", "is before startsOn"));
        }
        else if (request.StartsOn is not null && request.EndsOn.Value.DayNumber - request.StartsOn.Value.DayNumber > 366)
        {
            errors.Add("endsOn", new("委托期限最长一年", "a delegation lasts at most a year"));
        }
        errors.MaxLength("processId", request.ProcessId, 100);
        if (errors.Any)
        {
            return Problems.Validation(http, errors);
        }
        var delegation = new Delegation
        {
            Id = Guid.NewGuid(), FromUserId = caller.UserId, ToUserId = request.ToUserId!.Value, StartsOn = request.StartsOn!.Value,
            EndsOn = request.EndsOn!.Value, ProcessId = request.ProcessId, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Delegations.Add(delegation);
        await db.SaveChangesAsync();
        return TypedResults.Created($"/api/v1/account/delegations/{delegation.Id}", View(delegation));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(Guid id, HttpContext http, CallerAccessor callers, WorkflowsDbContext db, TimeProvider clock)
    {
        var caller = await callers.RequireAsync();
        var delegation = await db.Delegations.SingleOrDefaultAsync(d => d.Id == id && d.FromUserId == caller.UserId);
        if (delegation is null)
        {
            return Problems.NotFound(http, new("没有这个委托", "No such delegation"));
        }
        delegation.RevokedAt ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
        return TypedResults.NoContent();
    }

    private static DelegationView View(Delegation d) => new(d.Id, d.FromUserId, d.ToUserId, d.StartsOn, d.EndsOn, d.ProcessId, d.RevokedAt is not null);
}
