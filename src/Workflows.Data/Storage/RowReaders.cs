using System.Data.Common;

namespace Workflows.Data.Storage;

/// <summary>
/// Long-lived connections whose read statements stay prepared, lent one at a time: the runtime's
/// reads of a step (the task to act on, its case and candidates) skip opening a connection and
/// preparing the statement each time. Outside any transaction only; a read inside the caller's
/// transaction uses the caller's connection.
/// </summary>
public sealed class RowReaders(DatabaseProvider provider, string connectionString) : IAsyncDisposable
{
    private const int MaxIdle = 8;

    private readonly System.Collections.Concurrent.ConcurrentBag<Lease> _idle = [];
    private bool _disposed;

    public async ValueTask<Lease> RentAsync(CancellationToken cancellationToken = default)
    {
        while (_idle.TryTake(out var lease))
        {
            if (lease.Connection.State == System.Data.ConnectionState.Open)
            {
                return lease;
            }
            await lease.DisposeConnectionAsync();
        }
        return new Lease(this, await StepCommitter.OpenAsync(provider, connectionString, "", cancellationToken));
    }

    private async ValueTask ReturnAsync(Lease lease)
    {
        if (_disposed || _idle.Count >= MaxIdle || lease.Connection.State != System.Data.ConnectionState.Open)
        {
            await lease.DisposeConnectionAsync();
            return;
        }
        _idle.Add(lease);
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        while (_idle.TryTake(out var lease))
        {
            await lease.DisposeConnectionAsync();
        }
    }

    /// <summary>A connection lent to one caller; dispose it to give it back.</summary>
    public sealed class Lease : IAsyncDisposable
    {
        private readonly RowReaders _owner;
        private readonly PreparedCommands _prepared;

        internal Lease(RowReaders owner, DbConnection connection)
        {
            _owner = owner;
            Connection = connection;
            _prepared = new PreparedCommands(connection);
        }

        public DbConnection Connection { get; }

        /// <summary>The statement's command, prepared once on this connection and bound to its values.</summary>
        public DbCommand Command(RowStatement statement) => _prepared.For(statement, null);

        internal async ValueTask DisposeConnectionAsync()
        {
            _prepared.Dispose();
            await Connection.DisposeAsync();
        }

        public ValueTask DisposeAsync() => _owner.ReturnAsync(this);
    }
}
