using Workflows.Data;
using Workflows.Data.Audit;

namespace Workflows.Server.Security;

/// <summary>Writes the append-only security audit log.</summary>
public sealed class SecurityAudit(WorkflowsDbContext db, IHttpContextAccessor http, TimeProvider clock, ILogger<SecurityAudit> logger)
{
    /// <summary>Adds an entry to the current unit of work; it is saved with the change it describes.</summary>
    public void Add(SecurityAuditKind kind, Guid? userId, string? userName, string? target = null, string? detail = null, Guid? unitId = null)
    {
        var context = http.HttpContext;
        db.SecurityAuditEvents.Add(new SecurityAuditEvent
        {
            At = clock.GetUtcNow().UtcDateTime,
            Kind = kind,
            UserId = userId,
            UserName = Truncate(userName, 256),
            UnitId = unitId,
            Target = Truncate(target, 256),
            Detail = Truncate(detail, SecurityAuditEvent.DetailMaxLength),
            IpAddress = context?.Connection.RemoteIpAddress?.ToString(),
            RequestId = Truncate(context?.TraceIdentifier, 64),
        });
        logger.LogInformation("Security audit {Kind} by {UserName} on {Target}", kind, userName, target);
    }

    /// <summary>Adds an entry and saves it on its own, for events with no other change (sign-in, denial).</summary>
    public async Task RecordAsync(SecurityAuditKind kind, Guid? userId, string? userName, string? target = null, string? detail = null, Guid? unitId = null)
    {
        Add(kind, userId, userName, target, detail, unitId);
        await db.SaveChangesAsync();
    }

    public Task DeniedAsync(Caller caller, string action, string? target, Guid? unitId = null) =>
        RecordAsync(SecurityAuditKind.PermissionDenied, caller.UserId, caller.UserName, target, action, unitId);

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
