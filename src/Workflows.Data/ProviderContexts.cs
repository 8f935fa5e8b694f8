using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Workflows.Data;

/// <summary>The model on SQLite, the embedded default. Migrations: <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteWorkflowsDbContext(DbContextOptions<SqliteWorkflowsDbContext> options) : WorkflowsDbContext(options)
{
    /// <summary>One writer at a time per database file in this process.</summary>
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Writers = new(StringComparer.Ordinal);

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    // SQLite allows one writer per file; a second one is refused and the driver retries after a
    // pause of 150 ms. Queuing this process's saves avoids those pauses: a save waits only for the
    // saves in front of it, each a few hundred microseconds. A save inside an explicit transaction
    // already holds (or will take) the file's lock and is left alone.
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (Database.CurrentTransaction is not null)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        var writer = Writer();
        writer.Wait();
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            writer.Release();
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (Database.CurrentTransaction is not null)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        var writer = Writer();
        await writer.WaitAsync(cancellationToken);
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            writer.Release();
        }
    }

    public override ValueTask<IDisposable?> EnterWriterAsync(CancellationToken cancellationToken = default) =>
        EnterWriterAsync(Database.GetConnectionString() ?? "", cancellationToken);

    /// <summary>The same turn as a save of a context on <paramref name="connectionString"/>, for writers outside EF Core.</summary>
    public static async ValueTask<IDisposable?> EnterWriterAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var writer = Writers.GetOrAdd(connectionString, _ => new SemaphoreSlim(1, 1));
        await writer.WaitAsync(cancellationToken);
        return new Release(writer);
    }

    private sealed class Release(SemaphoreSlim writer) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                writer.Release();
            }
        }
    }

    private SemaphoreSlim Writer() => Writers.GetOrAdd(Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1));
}

/// <summary>The model on PostgreSQL, for real deployments and several nodes. Migrations: <c>Migrations/Postgres</c>.</summary>
public sealed class PostgresWorkflowsDbContext(DbContextOptions<PostgresWorkflowsDbContext> options) : WorkflowsDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
