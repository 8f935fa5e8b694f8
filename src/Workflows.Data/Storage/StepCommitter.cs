using System.Data.Common;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Workflows.Data.Runtime;

namespace Workflows.Data.Storage;

/// <summary>
/// Writes the runtime's steps (<see cref="RowChanges"/>) with a group commit: steps that arrive
/// while a commit is under way are written together in the next transaction, on one long-lived
/// connection whose statements stay prepared. A step that fails (a revision guard, a constraint)
/// fails alone: the batch is then written again one step per transaction. Each caller's await
/// returns only after its step is committed, so every step is still atomic and durable on its own,
/// while the commit's cost (on SQLite writing the pages to the log, on PostgreSQL waiting for the
/// log to reach the disk) is shared by the steps of a batch.
/// </summary>
public sealed class StepCommitter : IAsyncDisposable
{
    /// <summary>Most steps written in one transaction.</summary>
    public const int MaxBatch = 64;

    private readonly DatabaseProvider _provider;
    private readonly string _connectionString;
    private readonly Channel<Queued> _queue = Channel.CreateUnbounded<Queued>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private readonly Checkpointer? _checkpointer;
    private DbConnection? _connection;
    private PreparedCommands? _prepared;
    private int _pending;

    public StepCommitter(DatabaseProvider provider, string connectionString)
    {
        _provider = provider;
        _connectionString = connectionString;
        _checkpointer = provider == DatabaseProvider.Sqlite ? new Checkpointer(connectionString) : null;
        _loop = Task.Run(RunAsync);
    }

    private sealed record Queued(RowChanges Rows)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>How many transactions and steps were committed, for the benchmark and the tests.</summary>
    public long Transactions { get; private set; }

    public long Steps { get; private set; }

    /// <summary>Steps queued or being written, not yet committed or refused.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>Checkpoints of the SQLite log run beside the committer (none on PostgreSQL).</summary>
    public long Checkpoints => _checkpointer?.Done ?? 0;

    /// <summary>
    /// Saves the step's rows and what <paramref name="db"/> tracks. Inside the caller's transaction
    /// they are written there. Otherwise, when the context tracks nothing but new idempotency
    /// records, the step joins the group commit; anything else is written in a transaction of its
    /// own with the context's save.
    /// </summary>
    public async Task SaveAsync(WorkflowsDbContext db, RowChanges rows, CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is { } current)
        {
            await rows.WriteAsync(db.Database.GetDbConnection(), current.GetDbTransaction(), null, cancellationToken);
            if (db.ChangeTracker.HasChanges())
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            return;
        }
        var tracked = db.ChangeTracker.Entries().Where(e => e.State != EntityState.Unchanged).ToList();
        if (tracked.All(e => e.State == EntityState.Added && e.Entity is IdempotencyRecord))
        {
            foreach (var entry in tracked)
            {
                rows.Add(RowTable.Of(db, entry.Entity.GetType()), entry.Entity);
            }
            await CommitAsync(rows);
            foreach (var entry in tracked)
            {
                entry.State = EntityState.Unchanged;
            }
            return;
        }
        using var writer = await db.EnterWriterAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await rows.WriteAsync(db.Database.GetDbConnection(), transaction.GetDbTransaction(), null, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Queues the rows for the next group commit and waits until they are committed (or refused).
    /// The wait is not cancellable: once queued, a step is either written or refused, never left unknown.
    /// </summary>
    public Task CommitAsync(RowChanges rows)
    {
        // The statements are built here, on the caller's thread, so the writer only binds and sends them.
        rows.Freeze();
        var pending = new Queued(rows);
        Interlocked.Increment(ref _pending);
        if (!_queue.Writer.TryWrite(pending))
        {
            Interlocked.Decrement(ref _pending);
            throw new ObjectDisposedException(nameof(StepCommitter));
        }
        return pending.Done.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<Queued>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }
            try
            {
                await CommitBatchAsync(batch);
            }
            catch (Exception failure)
            {
                // The transaction or the connection failed as a whole: nothing of the batch was committed.
                foreach (var pending in batch)
                {
                    pending.Done.TrySetException(Wrap(failure));
                }
                await ResetAsync();
            }
            Interlocked.Add(ref _pending, -batch.Count);
            batch.Clear();
        }
        await ResetAsync();
    }

    /// <summary>
    /// The batch in one transaction. Should one step be refused (a lost race, a broken constraint),
    /// the transaction is rolled back and every step of the batch is written again in a transaction
    /// of its own, so the refused one fails alone; refusals are rare, so the common case pays for no
    /// savepoints.
    /// </summary>
    private async Task CommitBatchAsync(List<Queued> batch)
    {
        using var writer = _provider == DatabaseProvider.Sqlite ? await SqliteWorkflowsDbContext.EnterWriterAsync(_connectionString) : null;
        var connection = await ConnectionAsync();
        if (batch.Count > 1)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            try
            {
                foreach (var pending in batch)
                {
                    await pending.Rows.WriteAsync(connection, transaction, _prepared, CancellationToken.None);
                }
            }
            catch (Exception failure) when (failure is DbException or DbUpdateException)
            {
                await transaction.RollbackAsync();
                foreach (var pending in batch)
                {
                    await CommitOneAsync(connection, pending);
                }
                return;
            }
            await transaction.CommitAsync();
            Committed(batch.Count);
            foreach (var pending in batch)
            {
                pending.Done.TrySetResult();
            }
            return;
        }
        await CommitOneAsync(connection, batch[0]);
    }

    /// <summary>
    /// One step in its own transaction. A refusal is told only after the rollback, and after the
    /// steps before it in the batch were committed, so a loser that looks again sees who won.
    /// </summary>
    private async Task CommitOneAsync(DbConnection connection, Queued pending)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        try
        {
            await pending.Rows.WriteAsync(connection, transaction, _prepared, CancellationToken.None);
        }
        catch (Exception failure) when (failure is DbException or DbUpdateException)
        {
            await transaction.RollbackAsync();
            pending.Done.TrySetException(Wrap(failure));
            return;
        }
        await transaction.CommitAsync();
        Committed(1);
        pending.Done.TrySetResult();
    }

    private void Committed(int steps)
    {
        Transactions++;
        Steps += steps;
        _checkpointer?.Committed();
    }

    private async Task<DbConnection> ConnectionAsync()
    {
        if (_connection is { State: System.Data.ConnectionState.Open })
        {
            return _connection;
        }
        await ResetAsync();
        // This connection never checkpoints while committing: the checkpointer does, beside it.
        var connection = await OpenAsync(_provider, _connectionString, " PRAGMA wal_autocheckpoint=0;", CancellationToken.None);
        _connection = connection;
        _prepared = new PreparedCommands(connection);
        return connection;
    }

    /// <summary>
    /// A connection of our own: on PostgreSQL with statements the server keeps prepared once used
    /// twice, since these connections send the same few statements again and again.
    /// </summary>
    internal static async Task<DbConnection> OpenAsync(DatabaseProvider provider, string connectionString, string extraSqlitePragmas,
        CancellationToken cancellationToken)
    {
        DbConnection connection = provider == DatabaseProvider.PostgreSql
            ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64, AutoPrepareMinUsages = 2 }.ToString())
            : new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        if (connection is SqliteConnection)
        {
            await using var pragmas = connection.CreateCommand();
            pragmas.CommandText = SqlitePragmas.Pragmas + extraSqlitePragmas;
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
        }
        return connection;
    }

    private async Task ResetAsync()
    {
        _prepared?.Dispose();
        _prepared = null;
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    /// <summary>As EF Core reports a failed save: a lost race as is, anything else from the database wrapped.</summary>
    private static Exception Wrap(Exception failure) => failure is DbUpdateException
        ? failure
        : new DbUpdateException("The step could not be saved: " + failure.Message, failure);

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        if (_checkpointer is not null)
        {
            await _checkpointer.DisposeAsync();
        }
    }

    /// <summary>
    /// Copies the write-ahead log back into the SQLite file beside the committer rather than inside
    /// one of its commits (which would then wait for the copy and the disk): every
    /// <see cref="Every"/> commits it runs a passive checkpoint on a connection of its own, which
    /// neither blocks nor waits for the writer. Other connections keep SQLite's own automatic
    /// checkpoints, so the log cannot grow without bound.
    /// </summary>
    private sealed class Checkpointer : IAsyncDisposable
    {
        public const int Every = 64;

        private readonly string _connectionString;
        private readonly Channel<bool> _due = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        private readonly Task _loop;
        private int _commits;
        private long _done;

        public Checkpointer(string connectionString)
        {
            _connectionString = connectionString;
            _loop = Task.Run(RunAsync);
        }

        public long Done => Interlocked.Read(ref _done);

        public void Committed()
        {
            if (++_commits >= Every)
            {
                _commits = 0;
                _due.Writer.TryWrite(true);
            }
        }

        private async Task RunAsync()
        {
            SqliteConnection? connection = null;
            try
            {
                while (await _due.Reader.WaitToReadAsync())
                {
                    _due.Reader.TryRead(out _);
                    try
                    {
                        if (connection is null)
                        {
                            connection = new SqliteConnection(_connectionString);
                            await connection.OpenAsync();
                        }
                        await using var checkpoint = connection.CreateCommand();
                        checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                        await checkpoint.ExecuteNonQueryAsync();
                        Interlocked.Increment(ref _done);
                    }
                    catch (SqliteException)
                    {
                        // Busy or failing now: the next round (or SQLite's own checkpoint) tries again.
                        await (connection?.DisposeAsync() ?? ValueTask.CompletedTask);
                        connection = null;
                    }
                }
            }
            finally
            {
                await (connection?.DisposeAsync() ?? ValueTask.CompletedTask);
            }
        }

        public async ValueTask DisposeAsync()
        {
            _due.Writer.TryComplete();
            await _loop;
        }
    }
}
