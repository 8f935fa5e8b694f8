using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Workflows.Data.Storage;

/// <summary>
/// The rows one step writes, in order, without the change tracker: inserts, updates guarded by the
/// revision read, and set-based statements. <see cref="SaveAsync"/> writes them, and whatever the
/// context tracks besides (an idempotency record, the application a start belongs to), in one
/// transaction; a guarded update that finds the row changed fails the whole step with
/// <see cref="DbUpdateConcurrencyException"/>, as EF Core's own save would.
/// </summary>
public sealed class RowChanges
{
    private readonly List<Operation> _operations = [];
    private int _first;

    private abstract record Operation;

    private sealed record Insert(RowTable Table, object Entity) : Operation;

    private sealed record Update(RowTable Table, object Entity, string[] Properties, int? Revision) : Operation;

    private sealed record Statement(string Sql, (RowColumn Column, object? Value)[] Arguments) : Operation;

    public int Count => _operations.Count;

    /// <summary>The entities this step inserts or updates, for a later effect of the same step to find.</summary>
    public IEnumerable<object> Entities => _operations.Select(o => o switch
    {
        Insert insert => insert.Entity,
        Update update => update.Entity,
        _ => null,
    }).OfType<object>();

    /// <summary>Inserts the entity's row after those added before.</summary>
    public void Add<T>(DbContext db, T entity) where T : class => _operations.Add(new Insert(RowTable.Of<T>(db), entity));

    /// <summary>Inserts the entity's row before every row that is not itself inserted first (a parent row).</summary>
    public void AddFirst<T>(DbContext db, T entity) where T : class => _operations.Insert(_first++, new Insert(RowTable.Of<T>(db), entity));

    /// <summary>
    /// Updates the given properties of the row; with <paramref name="originalRevision"/>, only if
    /// the row still has that revision.
    /// </summary>
    public void Modify<T>(DbContext db, T entity, int? originalRevision, params string[] properties) where T : class =>
        _operations.Add(new Update(RowTable.Of<T>(db), entity, properties, originalRevision));

    /// <summary>As <see cref="Modify{T}"/>, before every other row of the step.</summary>
    public void ModifyFirst<T>(DbContext db, T entity, int? originalRevision, params string[] properties) where T : class =>
        _operations.Insert(_first++, new Update(RowTable.Of<T>(db), entity, properties, originalRevision));

    /// <summary>A statement with parameters <c>@a0</c>, <c>@a1</c>… bound as the given columns bind.</summary>
    public void Execute(string sql, params (RowColumn Column, object? Value)[] arguments) => _operations.Add(new Statement(sql, arguments));

    /// <summary>
    /// Writes the rows and the context's tracked changes in one transaction: the caller's when there
    /// is one, otherwise a new one committed here (on SQLite after waiting for this process's
    /// other writers, as <see cref="DbContext.SaveChangesAsync(CancellationToken)"/> does).
    /// </summary>
    public async Task SaveAsync(WorkflowsDbContext db, CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            await WriteAsync(db, cancellationToken);
            if (db.ChangeTracker.HasChanges())
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            return;
        }
        using var writer = await db.EnterWriterAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await WriteAsync(db, cancellationToken);
        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task WriteAsync(WorkflowsDbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var operation in _operations)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            switch (operation)
            {
                case Insert insert:
                    insert.Table.BindInsert(command, insert.Entity);
                    await command.ExecuteNonQueryAsync(cancellationToken);
                    break;
                case Update update:
                    update.Table.BindUpdate(command, update.Entity, update.Properties, update.Revision);
                    if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
                    {
                        throw new DbUpdateConcurrencyException(
                            $"The {update.Table.Name} row was changed or removed by someone else since it was read.");
                    }
                    break;
                case Statement statement:
                    command.CommandText = statement.Sql;
                    for (var i = 0; i < statement.Arguments.Length; i++)
                    {
                        command.Parameters.Add(statement.Arguments[i].Column.Parameter(command, "@a" + i, statement.Arguments[i].Value));
                    }
                    await command.ExecuteNonQueryAsync(cancellationToken);
                    break;
            }
        }
    }
}
