using Workflows.Data.Organisation;

namespace Workflows.Data.Accounts;

/// <summary>
/// A person holds a role in a unit, possibly for a limited time (an elected term, an appointment).
/// One person may hold roles in several units (交叉任职).
/// </summary>
public sealed class RoleAssignment
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public User? User { get; set; }

    /// <summary>Null only for <see cref="Role.SystemAdministrator"/>.</summary>
    public Guid? UnitId { get; set; }

    public Unit? Unit { get; set; }

    public Role Role { get; set; }

    public DateOnly? StartsOn { get; set; }

    public DateOnly? EndsOn { get; set; }

    public DateTime CreatedAt { get; set; }

    public bool IsInForce(DateOnly today) =>
        (StartsOn is null || StartsOn <= today) && (EndsOn is null || today <= EndsOn);
}
