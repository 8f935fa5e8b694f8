namespace Workflows.Data.Audit;

/// <summary>
/// One entry of the append-only security audit log. Rows are never updated or deleted: the context
/// refuses it, and database triggers refuse it for anyone who goes around the application.
/// </summary>
public sealed class SecurityAuditEvent
{
    public const int DetailMaxLength = 2000;

    public long Id { get; set; }

    public DateTime At { get; set; }

    public SecurityAuditKind Kind { get; set; }

    public Guid? UserId { get; set; }

    public string? UserName { get; set; }

    /// <summary>The unit the event concerns, if any (a role granted there, a unit changed).</summary>
    public Guid? UnitId { get; set; }

    /// <summary>What was acted on, for example a user name, a unit code or a request path.</summary>
    public string? Target { get; set; }

    public string? Detail { get; set; }

    public string? IpAddress { get; set; }

    public string? RequestId { get; set; }
}

public enum SecurityAuditKind
{
    SignedIn = 1,
    SignInFailed = 2,
    LockedOut = 3,
    SignedOut = 4,
    PermissionDenied = 5,
    RoleGranted = 10,
    RoleRevoked = 11,
    UserCreated = 12,
    UserChanged = 13,
    UnitCreated = 20,
    UnitChanged = 21,
    UnitDeleted = 22,
    UnitsImported = 23,
    AccessTokenCreated = 30,
    AccessTokenRevoked = 31,
    DocumentFontUploaded = 40,
    UnitSealUploaded = 41,
    DocumentTemplateVersionCreated = 42,
    DocumentNumberPatternChanged = 43,
}
