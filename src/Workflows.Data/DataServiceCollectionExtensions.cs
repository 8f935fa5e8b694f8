using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Workflows.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// The one place that chooses the provider. Feature code asks for <see cref="WorkflowsDbContext"/>.
    /// </summary>
    public static IServiceCollection AddWorkflowsDatabase(this IServiceCollection services, DatabaseOptions options, string dataDirectory)
    {
        switch (options.Provider)
        {
            case DatabaseProvider.PostgreSql:
                if (string.IsNullOrWhiteSpace(options.ConnectionString))
                {
                    throw new InvalidOperationException(
                        "Database:ConnectionString is required when Database:Provider is PostgreSql.");
                }
                services.AddDbContextPool<WorkflowsDbContext, PostgresWorkflowsDbContext>(db =>
                    db.UseNpgsql(options.ConnectionString).AddInterceptors(new Storage.ReferenceDataCommits()));
                services.AddSingleton(_ => new Storage.StepCommitter(DatabaseProvider.PostgreSql, options.ConnectionString));
                services.AddSingleton(_ => new Storage.RowReaders(DatabaseProvider.PostgreSql, options.ConnectionString));
                break;
            default:
                var connectionString = string.IsNullOrWhiteSpace(options.ConnectionString)
                    ? new SqliteConnectionStringBuilder
                    {
                        DataSource = Path.Combine(dataDirectory, "workflows.db"),
                        DefaultTimeout = 30,
                    }.ToString()
                    : options.ConnectionString;
                services.AddDbContextPool<WorkflowsDbContext, SqliteWorkflowsDbContext>(db => db.UseSqlite(connectionString).AddInterceptors(new Storage.SqlitePragmas(), new Storage.ReferenceDataCommits()));
                services.AddSingleton(_ => new Storage.StepCommitter(DatabaseProvider.Sqlite, connectionString));
                services.AddSingleton(_ => new Storage.RowReaders(DatabaseProvider.Sqlite, connectionString));
                break;
        }
        return services;
    }

    /// <summary>Applies pending migrations; on SQLite also switches the file to WAL mode.</summary>
    public static async Task MigrateWorkflowsDatabaseAsync(this WorkflowsDbContext db, CancellationToken cancellationToken = default)
    {
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            var dataSource = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
