using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Workflows.Data.Accounts;
using Workflows.Data.Audit;
using Workflows.Server.Accounts;
using Workflows.Server.Security;

namespace Workflows.Server.Web;

/// <summary>
/// Plain form posts for the pages: sign in and out with the session cookie (as
/// <c>POST /api/v1/account/sign-in</c> does), and choose the language. Each answers with a redirect.
/// </summary>
public static class UiAccount
{
    public const string LanguageCookie = ".AspNetCore.Culture";

    public static void MapUiAccount(this WebApplication app)
    {
        app.MapPost("/account/signin", SignIn).AllowAnonymous().RequireRateLimiting(AccountsSetup.SignInRateLimit).ExcludeFromDescription();
        app.MapPost("/account/signout", SignOut).ExcludeFromDescription();
        app.MapGet("/account/language", Language).AllowAnonymous().ExcludeFromDescription();
    }

    private static async Task<IResult> SignIn([FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl,
        SignInManager<User> signIn, UserManager<User> users, SecurityAudit audit)
    {
        var back = LocalOnly(returnUrl);
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password) || userName.Length > 256 || password.Length > 256)
        {
            return Failed("missing", userName, back);
        }
        var user = await users.FindByNameAsync(userName.Trim());
        if (user is null || !user.IsActive)
        {
            await audit.RecordAsync(SecurityAuditKind.SignInFailed, null, userName, userName, "unknown or inactive user");
            return Failed("bad-credentials", userName, back);
        }
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            await audit.RecordAsync(SecurityAuditKind.LockedOut, user.Id, user.UserName, user.UserName, "sign-in refused: account locked");
            return Failed("locked-out", userName, back);
        }
        if (!result.Succeeded)
        {
            await audit.RecordAsync(SecurityAuditKind.SignInFailed, user.Id, user.UserName, user.UserName, "wrong password");
            return Failed("bad-credentials", userName, back);
        }
        await audit.RecordAsync(SecurityAuditKind.SignedIn, user.Id, user.UserName, user.UserName);
        return Results.LocalRedirect(back);
    }

    private static async Task<IResult> SignOut(SignInManager<User> signIn, CallerAccessor callers, SecurityAudit audit)
    {
        var caller = await callers.GetAsync();
        await signIn.SignOutAsync();
        if (caller is not null)
        {
            await audit.RecordAsync(SecurityAuditKind.SignedOut, caller.UserId, caller.UserName, caller.UserName);
        }
        return Results.LocalRedirect("/signin");
    }

    private static IResult Language(HttpContext http, string? culture, string? returnUrl)
    {
        var chosen = WebSetup.Cultures.FirstOrDefault(c => c.Name == culture) ?? WebSetup.Cultures[0];
        http.Response.Cookies.Append(LanguageCookie, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        return Results.LocalRedirect(LocalOnly(returnUrl));
    }

    private static IResult Failed(string error, string? userName, string back) =>
        Results.LocalRedirect($"/signin?error={error}&user={Uri.EscapeDataString(userName ?? "")}&returnUrl={Uri.EscapeDataString(back)}");

    /// <summary>Only paths on this site: a sign-in link must not send anyone elsewhere.</summary>
    public static string LocalOnly(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";
}
