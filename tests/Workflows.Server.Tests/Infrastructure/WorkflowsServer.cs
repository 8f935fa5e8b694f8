using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Workflows.Data;
using Workflows.Server.Seeding;

namespace Workflows.Server.Tests.Infrastructure;

/// <summary>
/// The whole server on a fresh database seeded with the demo data. The provider comes from
/// <c>WORKFLOWS_TEST_PROVIDER</c> (Sqlite, the default, or PostgreSql with
/// <c>WORKFLOWS_TEST_POSTGRES</c> giving host, port and user); each server gets its own database.
/// </summary>
public class WorkflowsServer : WebApplicationFactory<Program>
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("workflows-test-").FullName;
    private readonly string? _postgresConnection;

    public WorkflowsServer()
    {
        Provider = Environment.GetEnvironmentVariable("WORKFLOWS_TEST_PROVIDER") is { } p
                   && p.Equals("PostgreSql", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.PostgreSql
            : DatabaseProvider.Sqlite;
        if (Provider == DatabaseProvider.PostgreSql)
        {
            var baseConnection = Environment.GetEnvironmentVariable("WORKFLOWS_TEST_POSTGRES")
                ?? throw new InvalidOperationException("WORKFLOWS_TEST_PROVIDER=PostgreSql needs WORKFLOWS_TEST_POSTGRES (Host=...;Port=...;Username=...)");
            _postgresConnection = new NpgsqlConnectionStringBuilder(baseConnection) { Database = "workflows_test_" + Guid.NewGuid().ToString("N")[..12] }.ToString();
        }
    }

    public DatabaseProvider Provider { get; }

    public TestClock Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));

    /// <summary>Extra configuration for a subclass (rate limits and the like).</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string?>
        {
            ["Workflows:DataDirectory"] = _dataDirectory,
            ["Workflows:SeedDemoData"] = "true",
            ["Workflows:SignInAttemptsPerMinute"] = "10000",
            ["Database:Provider"] = Provider.ToString(),
            ["Database:ConnectionString"] = _postgresConnection ?? "",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Workflows:WorkflowsDirectory"] = Path.Combine(AppContext.BaseDirectory, "Workflows"),
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            // Password hashing is deliberately slow; the tests do not need it to be.
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1000);
        });
    }

    /// <summary>A client signed in (by cookie) as one of the demo users.</summary>
    public async Task<HttpClient> SignInAsync(string userName, string? language = null)
    {
        var client = CreateClient();
        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }
        var response = await client.PostAsJsonAsync("/api/v1/account/sign-in", new { userName, password = DemoData.Password });
        response.EnsureSuccessStatusCode();
        return client;
    }

    public async Task<T> WithDbAsync<T>(Func<WorkflowsDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>());
    }

    public Task<Guid> UnitIdAsync(string code) => WithDbAsync(db => db.Units.Where(u => u.Code == code).Select(u => u.Id).SingleAsync());

    public override async ValueTask DisposeAsync()
    {
        if (Provider == DatabaseProvider.PostgreSql)
        {
            try
            {
                await WithDbAsync(async db => await db.Database.EnsureDeletedAsync());
            }
            catch (ObjectDisposedException)
            {
                // The host never started; there is no database to drop.
            }
        }
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        NpgsqlConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }
}
