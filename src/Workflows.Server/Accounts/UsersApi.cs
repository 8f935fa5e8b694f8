using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Accounts;
using Workflows.Data.Audit;
using Workflows.Server.Hosting;
using Workflows.Server.Security;

namespace Workflows.Server.Accounts;

/// <summary>
/// People and their roles, for administrators. A unit administrator sees and manages the people
/// who hold roles inside their subtree; a system administrator sees everyone.
/// </summary>
public static class UsersApi
{
    public static void MapUsers(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/users").WithTags("Users");
        group.MapGet("/", List).WithSummary("People with roles in units the caller administers.");
        group.MapGet("/{id:guid}", Get).WithSummary("One person with their roles.");
        group.MapPost("/", Create).WithSummary("Create a person with an initial password and roles.");
        group.MapPatch("/{id:guid}", Update).WithSummary("Change display name, language or whether the account is active.");
        group.MapPost("/{id:guid}/roles", Grant).WithSummary("Give a person a role in a unit.");
        group.MapDelete("/{id:guid}/roles/{assignmentId:guid}", Revoke).WithSummary("Take a role away.");
    }

    public sealed record RoleRequest(Guid? UnitId, string? Role, DateOnly? StartsOn, DateOnly? EndsOn);

    public sealed record CreateUserRequest(string? UserName, string? DisplayName, string? Password, string? Email, string? PreferredLanguage, IReadOnlyList<RoleRequest>? Roles);

    public sealed record UpdateUserRequest(string? DisplayName, string? PreferredLanguage, bool? IsActive);

    public sealed record RoleView(Guid Id, string Role, Guid? UnitId, string? UnitCode, string? UnitName, DateOnly? StartsOn, DateOnly? EndsOn);

    public sealed record UserView(Guid Id, string UserName, string DisplayName, string? Email, string PreferredLanguage, bool IsActive, bool LockedOut, IReadOnlyList<RoleView> Roles);

    private static async Task<Results<Ok<List<UserView>>, ProblemHttpResult>> List(
        HttpContext http, CallerAccessor callers, WorkflowsDbContext db, TimeProvider clock, Guid? unitId = null, string? search = null)
    {
        var caller = await callers.RequireAsync();
        var adminPaths = caller.GrantsOf(Role.UnitAdministrator).Select(g => g.UnitPath!).ToList();
        if (!caller.IsSystemAdministrator && adminPaths.Count == 0)
        {
            await Audit(http).DeniedAsync(caller, "list users", "/users");
            return Problems.Forbidden(http, new("只有管理员可以查看用户", "Only administrators can list users"));
        }
        var users = db.Users.AsNoTracking().Include(u => u.RoleAssignments).ThenInclude(a => a.Unit).AsQueryable();
        if (unitId is not null)
        {
            users = users.Where(u => u.RoleAssignments.Any(a => a.UnitId == unitId));
        }
        if (!string.IsNullOrWhiteSpace(search))
        {
            users = users.Where(u => u.UserName!.Contains(search) || u.DisplayName.Contains(search));
        }
        var all = await users.OrderBy(u => u.UserName).Take(1000).ToListAsync();
        var visible = caller.IsSystemAdministrator
            ? all
            : all.Where(u => u.RoleAssignments.Any(a => a.Unit is not null && adminPaths.Any(p => a.Unit.Path.StartsWith(p, StringComparison.Ordinal)))).ToList();
        var now = clock.GetUtcNow();
        return TypedResults.Ok(visible.Select(u => View(u, now)).ToList());
    }

    private static async Task<Results<Ok<UserView>, ProblemHttpResult>> Get(
        Guid id, HttpContext http, CallerAccessor callers, WorkflowsDbContext db, TimeProvider clock)
    {
        var caller = await callers.RequireAsync();
        var user = await Load(db, id);
        if (user is null)
        {
            return Problems.NotFound(http, new("没有这个用户", "No such user"));
        }
        if (user.Id != caller.UserId && !CanManage(caller, user))
        {
            await Audit(http).DeniedAsync(caller, "read user", user.UserName);
            return Problems.Forbidden(http, new("不能查看该用户", "You cannot see this user"));
        }
        return TypedResults.Ok(View(user, clock.GetUtcNow()));
    }

    private static async Task<Results<Created<UserView>, ValidationProblem, ProblemHttpResult>> Create(
        CreateUserRequest request, HttpContext http, CallerAccessor callers, WorkflowsDbContext db,
        UserManager<User> users, SecurityAudit audit, TimeProvider clock)
    {
        var caller = await callers.RequireAsync();
        var errors = new FieldErrors();
        errors.Name("userName", request.UserName, 64);
        errors.Name("displayName", request.DisplayName, User.DisplayNameMaxLength);
        errors.Required("password", request.Password);
        errors.MaxLength("password", request.Password, 256);
        errors.MaxLength("email", request.Email, 256);
        ValidateLanguage(errors, request.PreferredLanguage);
        var roles = request.Roles ?? [];
        if (roles.Count > 50)
        {
            errors.Add("roles", new("角色太多（最多 50 个）", "too many roles (at most 50)"));
        }
        var resolved = await ResolveRoles(roles, "roles", errors, db);
        if (errors.Any)
        {
            return Problems.Validation(http, errors);
        }
        foreach (var (role, unit, _) in resolved)
        {
            if (!AccessPolicy.CanGrant(caller, role, unit?.Path))
            {
                await audit.DeniedAsync(caller, $"grant {role}", request.UserName, unit?.Id);
                return Problems.Forbidden(http, new("不能在该单位授予此角色", "You cannot give this role in that unit"));
            }
        }
        if (resolved.Count == 0 && !caller.IsSystemAdministrator)
        {
            return Problems.Validation(http, "roles", new("至少需要一个角色", "at least one role is required"));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var user = new User
        {
            Id = Guid.NewGuid(),
            UserName = request.UserName!.Trim(),
            DisplayName = request.DisplayName!.Trim(),
            Email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim(),
            PreferredLanguage = request.PreferredLanguage ?? "zh-CN",
            CreatedAt = now,
        };
        await using var transaction = await db.Database.BeginTransactionAsync();
        var created = await users.CreateAsync(user, request.Password!);
        if (!created.Succeeded)
        {
            return Problems.Validation(http, IdentityMessages.ToFieldErrors(created.Errors));
        }
        foreach (var (role, unit, source) in resolved)
        {
            db.RoleAssignments.Add(new RoleAssignment
            {
                Id = Guid.NewGuid(), UserId = user.Id, UnitId = unit?.Id, Role = role,
                StartsOn = source.StartsOn, EndsOn = source.EndsOn, CreatedAt = now,
            });
            audit.Add(SecurityAuditKind.RoleGranted, caller.UserId, caller.UserName, user.UserName, $"{role} @ {unit?.Code ?? "system"}", unit?.Id);
        }
        audit.Add(SecurityAuditKind.UserCreated, caller.UserId, caller.UserName, user.UserName);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return TypedResults.Created($"/api/v1/users/{user.Id}", View((await Load(db, user.Id))!, clock.GetUtcNow()));
    }

    private static async Task<Results<Ok<UserView>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, UpdateUserRequest request, HttpContext http, CallerAccessor callers, WorkflowsDbContext db, SecurityAudit audit, TimeProvider clock)
    {
        var caller = await callers.RequireAsync();
        var user = await db.Users.Include(u => u.RoleAssignments).ThenInclude(a => a.Unit).SingleOrDefaultAsync(u => u.Id == id);
        if (user is null)
        {
            return Problems.NotFound(http, new("没有这个用户", "No such user"));
        }
        if (!CanManage(caller, user))
        {
            await audit.DeniedAsync(caller, "change user", user.UserName);
            return Problems.Forbidden(http, new("不能修改该用户", "You cannot change this user"));
        }
        var errors = new FieldErrors();
        if (request.DisplayName is not null)
        {
            errors.Name("displayName", request.DisplayName, User.DisplayNameMaxLength);
        }
        ValidateLanguage(errors, request.PreferredLanguage);
        if (request.IsActive == false && user.Id == caller.UserId)
        {
            errors.Add("isActive", new("不能停用自己的账号", "you cannot deactivate your own account"));
        }
        if (errors.Any)
        {
            return Problems.Validation(http, errors);
        }
        user.DisplayName = request.DisplayName?.Trim() ?? user.DisplayName;
        user.PreferredLanguage = request.PreferredLanguage ?? user.PreferredLanguage;
        user.IsActive = request.IsActive ?? user.IsActive;
        audit.Add(SecurityAuditKind.UserChanged, caller.UserId, caller.UserName, user.UserName,
            request.IsActive is null ? "profile" : $"active={user.IsActive}");
        await db.SaveChangesAsync();
        return TypedResults.Ok(View(user, clock.GetUtcNow()));
    }

    private static async Task<Results<Created<UserView>, ValidationProblem, ProblemHttpResult>> Grant(
        Guid id, RoleRequest request, HttpContext http, CallerAccessor callers, WorkflowsDbContext db, SecurityAudit audit, TimeProvider clock)
    {
        var caller = await callers.RequireAsync();
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id);
        if (user is null)
        {
            return Problems.NotFound(http, new("没有这个用户", "No such user"));
        }
        var errors = new FieldErrors();
        var resolved = await ResolveRoles([request], "", errors, db);
        if (errors.Any)
        {
            return Problems.Validation(http, errors);
        }
        var (role, unit, _) = resolved[0];
        if (!AccessPolicy.CanGrant(caller, role, unit?.Path))
        {
            await audit.DeniedAsync(caller, $"grant {role}", user.UserName, unit?.Id);
            return Problems.Forbidden(http, new("不能在该单位授予此角色", "You cannot give this role in that unit"));
        }
        db.RoleAssignments.Add(new RoleAssignment
        {
            Id = Guid.NewGuid(), UserId = user.Id, UnitId = unit?.Id, Role = role,
            StartsOn = request.StartsOn, EndsOn = request.EndsOn, CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        audit.Add(SecurityAuditKind.RoleGranted, caller.UserId, caller.UserName, user.UserName, $"{role} @ {unit?.Code ?? "system"}", unit?.Id);
        await db.SaveChangesAsync();
        return TypedResults.Created($"/api/v1/users/{user.Id}", View((await Load(db, user.Id))!, clock.GetUtcNow()));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(
        Guid id, Guid assignmentId, HttpContext http, CallerAccessor callers, WorkflowsDbContext db, SecurityAudit audit)
    {
        var caller = await callers.RequireAsync();
        var assignment = await db.RoleAssignments.Include(a => a.Unit).Include(a => a.User)
            .SingleOrDefaultAsync(a => a.Id == assignmentId && a.UserId == id);
        if (assignment is null)
        {
            return Problems.NotFound(http, new("没有这个角色分配", "No such role assignment"));
        }
        if (!AccessPolicy.CanGrant(caller, assignment.Role, assignment.Unit?.Path))
        {
            await audit.DeniedAsync(caller, $"revoke {assignment.Role}", assignment.User?.UserName, assignment.UnitId);
            return Problems.Forbidden(http, new("不能撤销该角色", "You cannot take this role away"));
        }
        if (assignment.Role == Role.SystemAdministrator && assignment.UserId == caller.UserId)
        {
            return Problems.Conflict(http, new("不能撤销自己的系统管理员角色", "You cannot take away your own system administrator role"));
        }
        db.RoleAssignments.Remove(assignment);
        audit.Add(SecurityAuditKind.RoleRevoked, caller.UserId, caller.UserName, assignment.User?.UserName,
            $"{assignment.Role} @ {assignment.Unit?.Code ?? "system"}", assignment.UnitId);
        await db.SaveChangesAsync();
        return TypedResults.NoContent();
    }

    private static async Task<List<(Role Role, Data.Organisation.Unit? Unit, RoleRequest Source)>> ResolveRoles(
        IReadOnlyList<RoleRequest> requests, string prefix, FieldErrors errors, WorkflowsDbContext db)
    {
        var result = new List<(Role, Data.Organisation.Unit?, RoleRequest)>();
        for (var i = 0; i < requests.Count; i++)
        {
            var field = prefix.Length == 0 ? "" : $"{prefix}[{i}].";
            var request = requests[i];
            if (!Enum.TryParse<Role>(request.Role, ignoreCase: true, out var role) || !Enum.IsDefined(role))
            {
                errors.Add(field + "role", new("角色应为 Applicant、Reviewer、Approver、UnitAdministrator 或 SystemAdministrator",
                    "must be one of Applicant, Reviewer, Approver, UnitAdministrator, SystemAdministrator"));
                continue;
            }
            if (request.StartsOn is not null && request.EndsOn is not null && request.EndsOn < request.StartsOn)
            {
                errors.Add(field + "endsOn", new("结束日期早于开始日期", "is before startsOn"));
            }
            if (role == Role.SystemAdministrator)
            {
                if (request.UnitId is not null)
                {
                    errors.Add(field + "unitId", new("系统管理员不属于任何单位", "must be empty for SystemAdministrator"));
                }
                result.Add((role, null, request));
                continue;
            }
            var unit = request.UnitId is null ? null : await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == request.UnitId);
            if (unit is null)
            {
                errors.Add(field + "unitId", request.UnitId is null ? Messages.Required : new("单位不存在", "no such unit"));
                continue;
            }
            result.Add((role, unit, request));
        }
        return result;
    }

    private static void ValidateLanguage(FieldErrors errors, string? language)
    {
        if (language is not null and not ("zh-CN" or "en"))
        {
            errors.Add("preferredLanguage", new("语言应为 zh-CN 或 en", "must be zh-CN or en"));
        }
    }

    /// <summary>A person can be managed by whoever administers every unit the person holds a role in.</summary>
    private static bool CanManage(Caller caller, User user) =>
        caller.IsSystemAdministrator
        || (user.RoleAssignments.Count > 0
            && user.RoleAssignments.All(a => a.Role != Role.SystemAdministrator && a.Unit is not null && AccessPolicy.CanManageUnit(caller, a.Unit.Path)));

    private static Task<User?> Load(WorkflowsDbContext db, Guid id) =>
        db.Users.AsNoTracking().Include(u => u.RoleAssignments).ThenInclude(a => a.Unit).SingleOrDefaultAsync(u => u.Id == id);

    private static UserView View(User u, DateTimeOffset now) => new(
        u.Id, u.UserName ?? "", u.DisplayName, u.Email, u.PreferredLanguage, u.IsActive,
        u.LockoutEnd is not null && u.LockoutEnd > now,
        u.RoleAssignments.OrderBy(a => a.Role).Select(a => new RoleView(a.Id, a.Role.ToString(), a.UnitId, a.Unit?.Code, a.Unit?.Name, a.StartsOn, a.EndsOn)).ToList());

    private static SecurityAudit Audit(HttpContext http) => http.RequestServices.GetRequiredService<SecurityAudit>();
}
