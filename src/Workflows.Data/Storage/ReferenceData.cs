using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Workflows.Data.Accounts;
using Workflows.Data.Organisation;
using Workflows.Data.Runtime;

namespace Workflows.Data.Storage;

/// <summary>
/// A counter that moves whenever this process saves a change to what the runtime reads on every
/// step and caches (units, people, role assignments, delegations, definitions, the calendar). A
/// cached copy taken at an older count is read again. Other nodes' changes reach a cache through
/// its short validity instead; the revision guard on instances and tasks always stays in the database.
/// </summary>
public static class ReferenceData
{
    private static long _version;

    public static long Version => Interlocked.Read(ref _version);

    /// <summary>Whether a pending save touches reference data.</summary>
    internal static bool Touched(ChangeTracker tracker) => tracker.Entries().Any(e =>
        e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
        && e.Entity is Unit or RoleAssignment or User or Delegation or WorkflowDefinitionRecord or CalendarDay);

    /// <summary>Called after the change is committed, so a copy read before it is never taken for current.</summary>
    public static void Changed() => Interlocked.Increment(ref _version);
}

/// <summary>Moves <see cref="ReferenceData.Version"/> when a transaction that saved reference data commits.</summary>
public sealed class ReferenceDataCommits : Microsoft.EntityFrameworkCore.Diagnostics.DbTransactionInterceptor
{
    public override void TransactionCommitted(System.Data.Common.DbTransaction transaction, Microsoft.EntityFrameworkCore.Diagnostics.TransactionEndEventData eventData) =>
        Committed(eventData.Context);

    public override Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, Microsoft.EntityFrameworkCore.Diagnostics.TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    private static void Committed(DbContext? context)
    {
        if (context is WorkflowsDbContext { ReferenceChangedInTransaction: true } db)
        {
            db.ReferenceChangedInTransaction = false;
            ReferenceData.Changed();
        }
    }
}
