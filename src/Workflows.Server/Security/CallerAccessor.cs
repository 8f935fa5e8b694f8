using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;

namespace Workflows.Server.Security;

/// <summary>Loads the caller once per request from the signed-in principal and the role assignments in force today.</summary>
public sealed class CallerAccessor(IHttpContextAccessor http, WorkflowsDbContext db, Runtime.ReferenceCache cache)
{
    private Caller? _caller;

    public async Task<Caller?> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_caller is not null)
        {
            return _caller;
        }
        var principal = http.HttpContext?.User;
        var id = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (principal?.Identity?.IsAuthenticated != true || !Guid.TryParse(id, out var userId))
        {
            return null;
        }
        return _caller = await cache.CallerAsync(db, userId, cancellationToken);
    }

    /// <summary>Anyone's roles in force today, as the policy sees them; null for an unknown or inactive person.</summary>
    public static async Task<Caller?> LoadAsync(WorkflowsDbContext db, Guid userId, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId && u.IsActive)
            .Select(u => new { u.Id, u.UserName, u.DisplayName })
            .SingleOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return null;
        }
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var assignments = await db.RoleAssignments.AsNoTracking()
            .Where(a => a.UserId == userId)
            .Select(a => new { a.Role, a.UnitId, a.StartsOn, a.EndsOn, Path = a.Unit!.Path, Level = (Data.Organisation.UnitLevel?)a.Unit.Level, Name = a.Unit.Name })
            .ToListAsync(cancellationToken);
        var grants = assignments
            .Where(a => (a.StartsOn is null || a.StartsOn <= today) && (a.EndsOn is null || today <= a.EndsOn))
            .Select(a => new Grant(a.Role, a.UnitId, a.UnitId is null ? null : a.Path, a.UnitId is null ? null : a.Level, a.UnitId is null ? null : a.Name))
            .ToList();
        return new Caller(user.Id, user.UserName ?? "", user.DisplayName, grants);
    }

    /// <summary>The caller, or an exception that the endpoint filter turns into a 401.</summary>
    public async Task<Caller> RequireAsync(CancellationToken cancellationToken = default) =>
        await GetAsync(cancellationToken) ?? throw new UnauthorizedAccessException();
}
