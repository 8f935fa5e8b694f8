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
    private readonly string _dataDirectory;
    private readonly string? _postgresConnection;
    private readonly bool _ownsData;

    public WorkflowsServer() : this(null, null)
    {
    }

    /// <summary>
    /// A server on given data: two servers made with the same folder and database name share one
    /// database, as two nodes do, or as one node before and after a restart.
    /// </summary>
    protected WorkflowsServer(string? dataDirectory, string? databaseName)
    {
        _ownsData = dataDirectory is null;
        _dataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("workflows-test-").FullName;
        Provider = Environment.GetEnvironmentVariable("WORKFLOWS_TEST_PROVIDER") is { } p
                   && p.Equals("PostgreSql", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.PostgreSql
            : DatabaseProvider.Sqlite;
        if (Provider == DatabaseProvider.PostgreSql)
        {
            var baseConnection = Environment.GetEnvironmentVariable("WORKFLOWS_TEST_POSTGRES")
                ?? throw new InvalidOperationException("WORKFLOWS_TEST_PROVIDER=PostgreSql needs WORKFLOWS_TEST_POSTGRES (Host=...;Port=...;Username=...)");
            _postgresConnection = new NpgsqlConnectionStringBuilder(baseConnection) { Database = databaseName ?? "workflows_test_" + Guid.NewGuid().ToString("N")[..12] }.ToString();
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
            // Lost races and refused writes are what several tests provoke on purpose.
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Critical",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Error",
            ["Logging:LogLevel:Workflows"] = "Error",
            ["Workflows:WorkflowsDirectory"] = Path.Combine(AppContext.BaseDirectory, "Workflows"),
            ["Workflows:BackgroundJobs:Enabled"] = "false",
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

    /// <summary>A server on a shared folder and database (see the protected constructor).</summary>
    public static WorkflowsServer OnShared(string dataDirectory, string databaseName) => new SharedServer(dataDirectory, databaseName);

    private sealed class SharedServer(string dataDirectory, string databaseName) : WorkflowsServer(dataDirectory, databaseName);

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Drops a shared database made for several servers; call after the last one is gone.</summary>
    public static async Task DropSharedAsync(string dataDirectory, string databaseName)
    {
        if (Environment.GetEnvironmentVariable("WORKFLOWS_TEST_POSTGRES") is { } baseConnection
            && Environment.GetEnvironmentVariable("WORKFLOWS_TEST_PROVIDER")?.Equals("PostgreSql", StringComparison.OrdinalIgnoreCase) == true)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(baseConnection) { Database = "postgres" }.ToString());
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{databaseName}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public Task<Guid> UnitIdAsync(string code) => WithDbAsync(db => db.Units.Where(u => u.Code == code).Select(u => u.Id).SingleAsync());

    public override async ValueTask DisposeAsync()
    {
        if (!_ownsData)
        {
            await base.DisposeAsync();
            GC.SuppressFinalize(this);
            return;
        }
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
