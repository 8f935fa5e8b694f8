namespace Workflows.Data.Accounts;

/// <summary>What a person may do in a unit. Approval steps ask for a role at a level.</summary>
public enum Role
{
    /// <summary>申报人: fills in and submits the unit's own applications.</summary>
    Applicant = 1,

    /// <summary>审核人: examines work from the unit's area before the approver decides.</summary>
    Reviewer = 2,

    /// <summary>审批人: decides on work from the unit's area.</summary>
    Approver = 3,

    /// <summary>单位管理员: manages the units and users below their unit.</summary>
    UnitAdministrator = 4,

    /// <summary>系统管理员: manages everything; holds no unit.</summary>
    SystemAdministrator = 5,
}

public static class Roles
{
    public static string ZhLabel(Role role) => role switch
    {
        Role.Applicant => "申报人",
        Role.Reviewer => "审核人",
        Role.Approver => "审批人",
        Role.UnitAdministrator => "单位管理员",
        Role.SystemAdministrator => "系统管理员",
        _ => role.ToString(),
    };

    public static string EnLabel(Role role) => role switch
    {
        Role.Applicant => "Applicant",
        Role.Reviewer => "Reviewer",
        Role.Approver => "Approver",
        Role.UnitAdministrator => "Unit administrator",
        Role.SystemAdministrator => "System administrator",
        _ => role.ToString(),
    };
}
