using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Workflows.Data.Storage;

/// <summary>
/// The rows one step writes, in order, without the change tracker: inserts, updates guarded by the
/// revision read, and set-based statements. <see cref="StepCommitter.SaveAsync"/> writes them, and
/// whatever the context tracks besides, in one transaction; a guarded update that finds the row
/// changed fails the whole step with <see cref="DbUpdateConcurrencyException"/>, as EF Core's own
/// save would.
/// </summary>
public sealed class RowChanges
{
    private readonly List<Operation> _operations = [];
    private List<(RowStatement Statement, Update? Update)>? _frozen;
    private int _first;

    private abstract record Operation
    {
        public abstract RowStatement Statement();
    }

    private sealed record Insert(RowTable Table, object Entity) : Operation
    {
        public override RowStatement Statement() => Table.Insert(Entity);
    }

    private sealed record Update(RowTable Table, object Entity, string[] Properties, int? Revision) : Operation
    {
        public override RowStatement Statement() => Table.Update(Entity, Properties, Revision);
    }

    private sealed record Raw(RowStatement Value) : Operation
    {
        public override RowStatement Statement() => Value;
    }

    public int Count => _operations.Count;

    private List<Operation> Operations => _frozen is null ? _operations : throw new InvalidOperationException("The step's rows were already handed to be written.");

    /// <summary>The entities this step inserts or updates, for a later effect of the same step to find.</summary>
    public IEnumerable<object> Entities => _operations.Select(o => o switch
    {
        Insert insert => insert.Entity,
        Update update => update.Entity,
        _ => null,
    }).OfType<object>();

    /// <summary>Inserts the entity's row after those added before.</summary>
    public void Add<T>(DbContext db, T entity) where T : class => Operations.Add(new Insert(RowTable.Of<T>(db), entity));

    internal void Add(RowTable table, object entity) => Operations.Add(new Insert(table, entity));

    /// <summary>Inserts the entity's row before every row that is not itself inserted first (a parent row).</summary>
    public void AddFirst<T>(DbContext db, T entity) where T : class => Operations.Insert(_first++, new Insert(RowTable.Of<T>(db), entity));

    /// <summary>
    /// Updates the given properties of the row; with <paramref name="originalRevision"/>, only if
    /// the row still has that revision.
    /// </summary>
    public void Modify<T>(DbContext db, T entity, int? originalRevision, params string[] properties) where T : class =>
        Operations.Add(new Update(RowTable.Of<T>(db), entity, properties, originalRevision));

    /// <summary>As <see cref="Modify{T}"/>, before every other row of the step.</summary>
    public void ModifyFirst<T>(DbContext db, T entity, int? originalRevision, params string[] properties) where T : class =>
        Operations.Insert(_first++, new Update(RowTable.Of<T>(db), entity, properties, originalRevision));

    /// <summary>A statement with parameters <c>@a0</c>, <c>@a1</c>… bound as the given columns bind.</summary>
    public void Execute(string sql, params (RowColumn Column, object? Value)[] arguments) =>
        Operations.Add(new Raw(new RowStatement(sql, arguments.Select(a => a.Column).ToArray(), arguments.Select(a => a.Value).ToArray(), "@a")));

    /// <summary>Builds the statements now; nothing may be added afterwards.</summary>
    internal void Freeze() => _frozen ??= _operations.Select(o => (o.Statement(), o as Update)).ToList();

    /// <summary>
    /// Sends the step's statements on <paramref name="connection"/> within
    /// <paramref name="transaction"/>: on PostgreSQL as one batch (one round trip), elsewhere one by
    /// one, reusing prepared commands from <paramref name="prepared"/> when given.
    /// </summary>
    internal async Task WriteAsync(DbConnection connection, DbTransaction? transaction, PreparedCommands? prepared, CancellationToken cancellationToken)
    {
        Freeze();
        if (connection is Npgsql.NpgsqlConnection)
        {
            await WriteBatchAsync(connection, transaction, cancellationToken);
            return;
        }
        foreach (var (statement, update) in _frozen!)
        {
            await ExecuteAsync(connection, transaction, prepared, statement, update, cancellationToken);
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, PreparedCommands? prepared, RowStatement statement, Update? update,
        CancellationToken cancellationToken)
    {
        var command = prepared?.For(statement, transaction) ?? statement.Create(connection, transaction);
        try
        {
            // SQLite works synchronously whatever the call; the committer's loop saves the asynchronous wrapping.
            var affected = prepared is not null && connection is Microsoft.Data.Sqlite.SqliteConnection
                ? RowStatistics.ExecuteNonQuery(command)
                : await RowStatistics.ExecuteNonQueryAsync(command, cancellationToken);
            if (affected == 0 && update is { Revision: not null })
            {
                throw Lost(update);
            }
        }
        finally
        {
            if (prepared is null)
            {
                await command.DisposeAsync();
            }
        }
    }

    private async Task WriteBatchAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        // Parameters are made (and typed) by the columns' mappings through a command, then moved to the batch.
        await using var scratch = connection.CreateCommand();
        var guards = new List<(DbBatchCommand Command, Update Update)>();
        foreach (var (statement, update) in _frozen!)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = statement.Sql;
            for (var i = 0; i < statement.Columns.Length; i++)
            {
                command.Parameters.Add(statement.Columns[i].Parameter(scratch, statement.Prefix + i, statement.Values[i]));
            }
            batch.BatchCommands.Add(command);
            if (update is { Revision: not null })
            {
                guards.Add((command, update));
            }
        }
        await RowStatistics.ExecuteBatchAsync(batch, cancellationToken);
        foreach (var (command, update) in guards)
        {
            if (command.RecordsAffected == 0)
            {
                throw Lost(update);
            }
        }
    }

    private static DbUpdateConcurrencyException Lost(Update update) =>
        new($"The {update.Table.Name} row was changed or removed by someone else since it was read.");
}

/// <summary>Commands kept prepared on one long-lived connection, one per statement text.</summary>
internal sealed class PreparedCommands(DbConnection connection) : IDisposable
{
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

    public DbCommand For(RowStatement statement, DbTransaction? transaction)
    {
        if (_commands.TryGetValue(statement.Sql, out var command))
        {
            statement.Rebind(command, transaction);
            return command;
        }
        if (_commands.Count >= 500)
        {
            Dispose();
        }
        command = statement.Create(connection, transaction);
        _commands[statement.Sql] = command;
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }
        _commands.Clear();
    }
}
