using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Audit;
using Workflows.Server.Hosting;

namespace Workflows.Server.Security;

/// <summary>The security audit log, for system administrators.</summary>
public static class AuditApi
{
    public static void MapAudit(this IEndpointRouteBuilder api)
    {
        api.MapGet("/audit", List).WithTags("Audit")
            .WithSummary("Security audit entries, newest first; filter by kind, user, or time range.");
    }

    public sealed record AuditView(long Id, DateTime At, string Kind, Guid? UserId, string? UserName, Guid? UnitId, string? Target, string? Detail, string? IpAddress, string? RequestId);

    private static async Task<Results<Ok<List<AuditView>>, ValidationProblem, ProblemHttpResult>> List(
        HttpContext http, CallerAccessor callers, WorkflowsDbContext db, SecurityAudit audit,
        string? kind = null, Guid? userId = null, DateTime? from = null, DateTime? to = null, long? before = null, int take = 100)
    {
        var caller = await callers.RequireAsync();
        if (!AccessPolicy.CanReadAudit(caller))
        {
            await audit.DeniedAsync(caller, "read audit log", "/audit");
            return Problems.Forbidden(http, new("只有系统管理员可以查看安全审计日志", "Only system administrators can read the security audit log"));
        }
        var errors = new FieldErrors();
        if (take is < 1 or > 1000)
        {
            errors.Add("take", new("应为 1 到 1000", "must be between 1 and 1000"));
        }
        SecurityAuditKind? wanted = null;
        if (kind is not null)
        {
            if (Enum.TryParse<SecurityAuditKind>(kind, ignoreCase: true, out var k) && Enum.IsDefined(k))
            {
                wanted = k;
            }
            else
            {
                errors.Add("kind", new("事件类型不正确", "is not a known kind"));
            }
        }
        if (errors.Any)
        {
            return Problems.Validation(http, errors);
        }
        var query = db.SecurityAuditEvents.AsNoTracking();
        if (wanted is not null)
        {
            query = query.Where(e => e.Kind == wanted);
        }
        if (userId is not null)
        {
            query = query.Where(e => e.UserId == userId);
        }
        if (from is not null)
        {
            var f = from.Value.ToUniversalTime();
            query = query.Where(e => e.At >= f);
        }
        if (to is not null)
        {
            var t = to.Value.ToUniversalTime();
            query = query.Where(e => e.At < t);
        }
        if (before is not null)
        {
            query = query.Where(e => e.Id < before);
        }
        var entries = await query.OrderByDescending(e => e.Id).Take(take)
            .Select(e => new AuditView(e.Id, e.At, e.Kind.ToString(), e.UserId, e.UserName, e.UnitId, e.Target, e.Detail, e.IpAddress, e.RequestId))
            .ToListAsync();
        return TypedResults.Ok(entries);
    }
}
