using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Accounts;
using Workflows.Data.Audit;
using Workflows.Server.Hosting;
using Workflows.Server.Security;

namespace Workflows.Server.Accounts;

/// <summary>Sign-in, sign-out, who am I, password change and personal access tokens.</summary>
public static class AccountApi
{
    public static void MapAccount(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/account").WithTags("Account");
        group.MapPost("/sign-in", SignIn).AllowAnonymous().RequireRateLimiting(AccountsSetup.SignInRateLimit)
            .WithSummary("Sign in with user name and password; sets the session cookie.");
        group.MapPost("/sign-out", SignOut).WithSummary("End the browser session.");
        group.MapGet("/me", Me).WithSummary("The signed-in person, their units and roles.");
        group.MapPost("/password", ChangePassword).WithSummary("Change one's own password.");
        group.MapGet("/tokens", ListTokens).WithSummary("One's personal access tokens (without secrets).");
        group.MapPost("/tokens", CreateToken).WithSummary("Create a personal access token; the secret is shown only in this answer.");
        group.MapDelete("/tokens/{id:guid}", RevokeToken).WithSummary("Revoke a personal access token.");
    }

    public sealed record SignInRequest(string? UserName, string? Password);

    public sealed record GrantView(string Role, string RoleLabel, Guid? UnitId, string? UnitName, string? UnitLevel);

    public sealed record MeView(Guid Id, string UserName, string DisplayName, string PreferredLanguage, IReadOnlyList<GrantView> Roles);

    public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

    public sealed record CreateTokenRequest(string? Name, int? ExpiresInDays);

    public sealed record TokenView(Guid Id, string Name, string Prefix, DateTime CreatedAt, DateTime ExpiresAt, DateTime? LastUsedAt, DateTime? RevokedAt);

    public sealed record CreatedTokenView(TokenView Token, string Secret);

    private static async Task<Results<Ok<MeView>, ValidationProblem, ProblemHttpResult>> SignIn(
        SignInRequest request, HttpContext http, SignInManager<User> signIn, UserManager<User> users,
        SecurityAudit audit)
    {
        var errors = new FieldErrors();
        errors.Required("userName", request.UserName);
        errors.Required("password", request.Password);
        errors.MaxLength("userName", request.UserName, 256);
        errors.MaxLength("password", request.Password, 256);
        if (errors.Any)
        {
            return Problems.Validation(http, errors);
        }
        var user = await users.FindByNameAsync(request.UserName!);
        if (user is null || !user.IsActive)
        {
            await audit.RecordAsync(SecurityAuditKind.SignInFailed, null, request.UserName, request.UserName, "unknown or inactive user");
            return BadCredentials(http);
        }
        var result = await signIn.PasswordSignInAsync(user, request.Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            await audit.RecordAsync(SecurityAuditKind.LockedOut, user.Id, user.UserName, user.UserName, "sign-in refused: account locked");
            return Problems.Unauthorized(http,
                new("登录失败次数过多，账号已暂时锁定，请 15 分钟后再试", "Too many failed sign-ins; the account is locked for 15 minutes"),
                "locked-out");
        }
        if (!result.Succeeded)
        {
            await audit.RecordAsync(SecurityAuditKind.SignInFailed, user.Id, user.UserName, user.UserName, "wrong password");
            return BadCredentials(http);
        }
        await audit.RecordAsync(SecurityAuditKind.SignedIn, user.Id, user.UserName, user.UserName);
        return TypedResults.Ok(await DescribeAsync(user, http));
    }

    private static ProblemHttpResult BadCredentials(HttpContext http) =>
        Problems.Unauthorized(http, new("用户名或密码不正确", "Wrong user name or password"), "bad-credentials");

    private static async Task<NoContent> SignOut(SignInManager<User> signIn, CallerAccessor callers, SecurityAudit audit)
    {
        var caller = await callers.GetAsync();
        await signIn.SignOutAsync();
        if (caller is not null)
        {
            await audit.RecordAsync(SecurityAuditKind.SignedOut, caller.UserId, caller.UserName, caller.UserName);
        }
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<MeView>, ProblemHttpResult>> Me(HttpContext http, CallerAccessor callers, UserManager<User> users)
    {
        var caller = await callers.GetAsync();
        var user = caller is null ? null : await users.FindByIdAsync(caller.UserId.ToString());
        if (user is null)
        {
            return Problems.Unauthorized(http, new("请先登录", "Sign in first"));
        }
        return TypedResults.Ok(await DescribeAsync(user, http));
    }

    private static async Task<MeView> DescribeAsync(User user, HttpContext http)
    {
        var language = Languages.Of(http);
        var grants = await http.RequestServices.GetRequiredService<WorkflowsDbContext>().RoleAssignments.AsNoTracking()
            .Where(a => a.UserId == user.Id)
            .Select(a => new { a.Role, a.UnitId, UnitName = a.Unit == null ? null : a.Unit.Name, Level = a.Unit == null ? (Data.Organisation.UnitLevel?)null : a.Unit.Level })
            .ToListAsync();
        return new MeView(user.Id, user.UserName ?? "", user.DisplayName, user.PreferredLanguage,
            grants.Select(g => new GrantView(g.Role.ToString(),
                language == Language.English ? Roles.EnLabel(g.Role) : Roles.ZhLabel(g.Role),
                g.UnitId, g.UnitName, g.Level?.ToString())).ToList());
    }

    private static async Task<Results<NoContent, ValidationProblem>> ChangePassword(
        ChangePasswordRequest request, HttpContext http, CallerAccessor callers, UserManager<User> users)
    {
        var caller = await callers.RequireAsync();
        var errors = new FieldErrors();
        errors.Required("currentPassword", request.CurrentPassword);
        errors.Required("newPassword", request.NewPassword);
        errors.MaxLength("newPassword", request.NewPassword, 256);
        if (errors.Any)
        {
            return Problems.Validation(http, errors);
        }
        var user = await users.FindByIdAsync(caller.UserId.ToString());
        var result = await users.ChangePasswordAsync(user!, request.CurrentPassword!, request.NewPassword!);
        return result.Succeeded
            ? TypedResults.NoContent()
            : Problems.Validation(http, IdentityMessages.ToFieldErrors(result.Errors, "newPassword"));
    }

    private static async Task<Ok<List<TokenView>>> ListTokens(CallerAccessor callers, WorkflowsDbContext db)
    {
        var caller = await callers.RequireAsync();
        var tokens = await db.AccessTokens.AsNoTracking().Where(t => t.UserId == caller.UserId)
            .OrderByDescending(t => t.CreatedAt).ToListAsync();
        return TypedResults.Ok(tokens.Select(View).ToList());
    }

    private static async Task<Results<Created<CreatedTokenView>, ValidationProblem>> CreateToken(
        CreateTokenRequest request, HttpContext http, CallerAccessor callers, WorkflowsDbContext db, SecurityAudit audit, TimeProvider clock)
    {
        var caller = await callers.RequireAsync();
        var errors = new FieldErrors();
        errors.Name("name", request.Name, AccessToken.NameMaxLength);
        var days = request.ExpiresInDays ?? 90;
        if (days is < 1 or > 366)
        {
            errors.Add("expiresInDays", new("有效期应为 1 到 366 天", "must be between 1 and 366 days"));
        }
        if (errors.Any)
        {
            return Problems.Validation(http, errors);
        }
        var secret = AccessTokenAuthentication.NewSecret();
        var now = clock.GetUtcNow().UtcDateTime;
        var token = new AccessToken
        {
            Id = Guid.NewGuid(),
            UserId = caller.UserId,
            Name = request.Name!.Trim(),
            Prefix = secret[..10],
            SecretHash = AccessTokenAuthentication.Hash(secret),
            CreatedAt = now,
            ExpiresAt = now.AddDays(days),
        };
        db.AccessTokens.Add(token);
        audit.Add(SecurityAuditKind.AccessTokenCreated, caller.UserId, caller.UserName, token.Name, $"expires {token.ExpiresAt:yyyy-MM-dd}");
        await db.SaveChangesAsync();
        return TypedResults.Created($"/api/v1/account/tokens/{token.Id}", new CreatedTokenView(View(token), secret));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeToken(
        Guid id, HttpContext http, CallerAccessor callers, WorkflowsDbContext db, SecurityAudit audit, TimeProvider clock)
    {
        var caller = await callers.RequireAsync();
        var token = await db.AccessTokens.SingleOrDefaultAsync(t => t.Id == id && t.UserId == caller.UserId);
        if (token is null)
        {
            return Problems.NotFound(http, new("没有这个访问令牌", "No such access token"));
        }
        token.RevokedAt ??= clock.GetUtcNow().UtcDateTime;
        audit.Add(SecurityAuditKind.AccessTokenRevoked, caller.UserId, caller.UserName, token.Name);
        await db.SaveChangesAsync();
        return TypedResults.NoContent();
    }

    private static TokenView View(AccessToken t) => new(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt);
}
