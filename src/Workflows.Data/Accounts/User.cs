using Microsoft.AspNetCore.Identity;

namespace Workflows.Data.Accounts;

public sealed class User : IdentityUser<Guid>
{
    public const int DisplayNameMaxLength = 100;

    public string DisplayName { get; set; } = "";

    /// <summary>zh-CN or en.</summary>
    public string PreferredLanguage { get; set; } = "zh-CN";

    public bool IsActive { get; set; } = true;

    /// <summary>One e-mail a day summing up instead of one per notification.</summary>
    public bool DailyDigest { get; set; }

    public DateTime CreatedAt { get; set; }

    public List<RoleAssignment> RoleAssignments { get; set; } = [];
}
