using Workflows.Data.Accounts;
using Workflows.Data.Organisation;

namespace Workflows.Server.Security;

/// <summary>Who is calling: the person and the roles they hold today, each with its unit's place in the tree.</summary>
public sealed record Caller(Guid UserId, string UserName, string DisplayName, IReadOnlyList<Grant> Grants)
{
    public bool IsSystemAdministrator => Grants.Any(g => g.Role == Role.SystemAdministrator);

    public IEnumerable<Grant> GrantsOf(params Role[] roles) => Grants.Where(g => roles.Contains(g.Role));
}

/// <summary>One role held in one unit. <see cref="UnitPath"/> is the unit's materialised path.</summary>
public sealed record Grant(Role Role, Guid? UnitId, string? UnitPath, UnitLevel? Level, string? UnitName);
