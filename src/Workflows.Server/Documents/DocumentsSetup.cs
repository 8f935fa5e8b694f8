using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Workflows.Server.Hosting;
using Workflows.Server.Runtime;

namespace Workflows.Server.Documents;

/// <summary>Generated documents: numbering, storage, verification, templates and fonts.</summary>
public static class DocumentsSetup
{
    public static WebApplicationBuilder AddDocuments(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var server = builder.Configuration.GetSection(ServerOptions.Section).Get<ServerOptions>() ?? new ServerOptions();
        var dataDirectory = Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, server.DataDirectory));
        services.AddOptions<DocumentOptions>().Bind(builder.Configuration.GetSection(ServerOptions.Section)).Configure(options =>
        {
            options.DocumentStoreDirectory = string.IsNullOrWhiteSpace(options.DocumentStoreDirectory)
                ? Path.Combine(dataDirectory, "documents")
                : Path.GetFullPath(Path.Combine(dataDirectory, options.DocumentStoreDirectory));
        });
        services.AddSingleton<IDocumentStore>(provider =>
            new FileDocumentStore(provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<DocumentOptions>>().Value.DocumentStoreDirectory));
        services.AddSingleton<DocumentFonts>();
        services.AddScoped<DocumentTemplates>();
        services.AddScoped<DocumentNumbering>();
        services.AddScoped<DocumentIssuer>();
        services.AddScoped<IServiceTaskHandler, DocumentServiceTask>();

        var perMinute = builder.Configuration.GetValue($"{ServerOptions.Section}:{nameof(DocumentOptions.VerificationUploadsPerMinute)}", 20);
        services.AddRateLimiter(limiter => limiter.AddPolicy(DocumentsApi.VerificationRateLimit, new VerificationUploadLimit(perMinute)));
        return builder;
    }

    public static void MapDocuments(this WebApplication app, IEndpointRouteBuilder api)
    {
        api.MapIssuedDocuments();
        api.MapDocumentTemplates();
        api.MapDocumentAssets();
        app.MapVerificationPage();
    }

    /// <summary>The public file check is anonymous: a fixed number of uploads per client address and minute, then 429.</summary>
    private sealed class VerificationUploadLimit(int perMinute) : IRateLimiterPolicy<string>
    {
        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, _) =>
        {
            context.HttpContext.Response.Headers.RetryAfter = "60";
            await Problems.Problem(context.HttpContext, StatusCodes.Status429TooManyRequests, "too-many-requests",
                new("请求过于频繁", "Too many requests"),
                new("核验请求过于频繁，请一分钟后再试", "Too many verification uploads; try again in a minute"))
                .ExecuteAsync(context.HttpContext);
        };

        public RateLimitPartition<string> GetPartition(HttpContext httpContext) => RateLimitPartition.GetFixedWindowLimiter(
            httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, perMinute), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
    }
}
