using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Workflows.Data;
using Workflows.Data.Accounts;
using Workflows.Server.Hosting;
using Workflows.Server.Security;

namespace Workflows.Server.Accounts;

public static class AccountsSetup
{
    public const string SignInRateLimit = "sign-in";
    private const string CookieOrToken = "CookieOrToken";

    /// <summary>Identity with cookie sign-in for browsers and access tokens for API clients.</summary>
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddIdentityCore<User>(options =>
            {
                options.Password.RequiredLength = 10;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 5;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.User.RequireUniqueEmail = false;
                options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
            })
            .AddEntityFrameworkStores<WorkflowsDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieOrToken;
                options.DefaultChallengeScheme = CookieOrToken;
            })
            .AddPolicyScheme(CookieOrToken, "Cookie or access token", options =>
                options.ForwardDefaultSelector = http =>
                    http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? AccessTokenAuthentication.SchemeName
                        : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, AccessTokenAuthentication>(AccessTokenAuthentication.SchemeName, null)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie!.Configure(ConfigureCookie));

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser().Build());

        services.AddScoped<CallerAccessor>();
        services.AddScoped<SecurityAudit>();

        var attempts = builder.Configuration.GetValue($"{ServerOptions.Section}:{nameof(ServerOptions.SignInAttemptsPerMinute)}", 10);
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(SignInRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = attempts, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            limiter.OnRejected = async (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await Problems.Problem(context.HttpContext, 429, "too-many-requests",
                    new("请求过于频繁", "Too many requests"),
                    new("登录尝试过于频繁，请一分钟后再试", "Too many sign-in attempts; try again in a minute"))
                    .ExecuteAsync(context.HttpContext);
            };
        });
        return builder;
    }

    private static void ConfigureCookie(CookieAuthenticationOptions cookie)
    {
        cookie.Cookie.Name = "workflows.auth";
        cookie.Cookie.HttpOnly = true;
        // Strict keeps other sites from riding on the cookie (CSRF) for the JSON API.
        cookie.Cookie.SameSite = SameSiteMode.Strict;
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
        cookie.SlidingExpiration = true;
        cookie.LoginPath = "/signin";
        // The API answers 401/403 with problem details instead of redirecting to a page.
        cookie.Events.OnRedirectToLogin = context => WriteProblem(context.HttpContext, 401);
        cookie.Events.OnRedirectToAccessDenied = context => WriteProblem(context.HttpContext, 403);
    }

    internal static Task WriteProblem(HttpContext http, int status) => (status == 401
            ? Problems.Unauthorized(http, new("请先登录", "Sign in first"))
            : Problems.Forbidden(http, new("没有执行此操作的权限", "You are not allowed to do this")))
        .ExecuteAsync(http);
}
