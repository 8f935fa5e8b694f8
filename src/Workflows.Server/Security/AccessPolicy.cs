using Workflows.Data.Accounts;

namespace Workflows.Server.Security;

/// <summary>
/// Every decision about who may see or do what, in one place, from the caller's roles and the
/// organisation tree. Endpoints ask here; the UI only mirrors it.
/// <list type="bullet">
/// <item>Reviewers and approvers see and act on work from inside their unit's subtree: a county
/// approver only inside that county, a city approver only inside that city.</item>
/// <item>Applicants see and act on their own unit's work only.</item>
/// <item>Unit administrators manage the units and users of their subtree; they do not decide on work.</item>
/// <item>System administrators see everything and manage everything; they do not decide on work either,
/// so that whoever approves is always someone who holds the approving role.</item>
/// </list>
/// </summary>
public static class AccessPolicy
{
    private static readonly Role[] Deciders = [Role.Reviewer, Role.Approver];

    public static bool CanReadWork(Caller caller, string workUnitPath) =>
        caller.IsSystemAdministrator
        || caller.GrantsOf(Deciders).Any(g => Inside(workUnitPath, g.UnitPath))
        || caller.GrantsOf(Role.Applicant).Any(g => g.UnitPath == workUnitPath);

    /// <summary>Comment on, review or decide on a piece of work.</summary>
    public static bool CanActOnWork(Caller caller, string workUnitPath) =>
        caller.GrantsOf(Deciders).Any(g => Inside(workUnitPath, g.UnitPath))
        || caller.GrantsOf(Role.Applicant).Any(g => g.UnitPath == workUnitPath);

    /// <summary>Start new work (a draft application) on behalf of a unit.</summary>
    public static bool CanApplyFor(Caller caller, Guid unitId) =>
        caller.GrantsOf(Role.Applicant).Any(g => g.UnitId == unitId);

    /// <summary>Create, change or delete a unit, or import units, at or below the given path.</summary>
    public static bool CanManageUnit(Caller caller, string unitPath) =>
        caller.IsSystemAdministrator
        || caller.GrantsOf(Role.UnitAdministrator).Any(g => Inside(unitPath, g.UnitPath));

    /// <summary>Create new top-level units (provinces).</summary>
    public static bool CanManageRoots(Caller caller) => caller.IsSystemAdministrator;

    /// <summary>Give or take a role in a unit. Only system administrators make system administrators.</summary>
    public static bool CanGrant(Caller caller, Role role, string? unitPath) =>
        role == Role.SystemAdministrator
            ? caller.IsSystemAdministrator
            : unitPath is not null && CanManageUnit(caller, unitPath);

    public static bool CanReadAudit(Caller caller) => caller.IsSystemAdministrator;

    /// <summary>Edit, publish and roll back forms in the form designer.</summary>
    public static bool CanDesignForms(Caller caller) => caller.IsSystemAdministrator;
    /// <summary>Design, publish and roll back workflows (the workflow designer). No other role designs workflows.</summary>
    public static bool CanDesignWorkflows(Caller caller) => caller.IsSystemAdministrator;

    /// <summary>Path prefixes of the units whose work the caller may read; null means everything.</summary>
    public static WorkScope ReadableWork(Caller caller) => caller.IsSystemAdministrator
        ? WorkScope.Everything
        : new WorkScope(
            caller.GrantsOf(Deciders).Select(g => g.UnitPath!).Distinct().ToArray(),
            caller.GrantsOf(Role.Applicant).Select(g => g.UnitId!.Value).Distinct().ToArray());

    private static bool Inside(string path, string? ancestorPath) =>
        ancestorPath is not null && path.StartsWith(ancestorPath, StringComparison.Ordinal);
}

/// <summary>The work a caller may read: everything, or inside some subtrees plus some units exactly.</summary>
public sealed record WorkScope(IReadOnlyList<string> SubtreePaths, IReadOnlyList<Guid> ExactUnits)
{
    public static readonly WorkScope Everything = new([], []) { IsEverything = true };

    public bool IsEverything { get; private init; }

    public bool IsNothing => !IsEverything && SubtreePaths.Count == 0 && ExactUnits.Count == 0;
}
