using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Accounts;
using Workflows.Data.Organisation;
using Workflows.Data.Storage;
using Workflows.Server.Inbox;

namespace Workflows.Server.Runtime;

/// <summary>A unit as a step needs it: to record the applicant and to find the ancestor at a level.</summary>
public sealed record UnitInfo(Guid Id, string Code, string Name, UnitLevel Level, string Path);

/// <summary>The latest version of a workflow, without its XML.</summary>
public sealed record LatestDefinition(Guid Id, string ProcessId, int Version);

/// <summary>
/// What every step reads and rarely changes (units, role holders, people's names, delegations,
/// the latest version of a workflow), kept per process. A copy is used while
/// <see cref="ReferenceData.Version"/> has not moved since it was read (every save of such data in
/// this process moves it) and for at most <see cref="MaxAge"/>, after which a change made on
/// another node is seen. Nothing that decides a race is cached: the instance and task revisions are
/// always checked by the database.
/// </summary>
public sealed class ReferenceCache(TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(10);

    private sealed record Entry<T>(T Value, long Version, long LoadedAt);

    private readonly ConcurrentDictionary<Guid, Entry<UnitInfo?>> _units = new();
    private readonly ConcurrentDictionary<(Guid Unit, Role Role, DateOnly Day), Entry<List<Guid>>> _holders = new();
    private readonly ConcurrentDictionary<string, Entry<Guid?>> _userIds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, Entry<string?>> _userNames = new();
    private readonly ConcurrentDictionary<(Guid User, DateOnly Day), Entry<List<DelegatedFrom>>> _delegations = new();
    private readonly ConcurrentDictionary<string, Entry<LatestDefinition?>> _latest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(Guid User, DateOnly Day), Entry<Security.Caller?>> _callers = new();

    /// <summary>A signed-in person with the roles they hold today.</summary>
    public Task<Security.Caller?> CallerAsync(WorkflowsDbContext db, Guid userId, CancellationToken cancellationToken = default) =>
        GetAsync(_callers, (userId, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)), () => Security.CallerAccessor.LoadAsync(db, userId, clock, cancellationToken));

    public Task<UnitInfo?> UnitAsync(WorkflowsDbContext db, Guid id, CancellationToken cancellationToken = default) =>
        GetAsync(_units, id, () => db.Units.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new UnitInfo(u.Id, u.Code, u.Name, u.Level, u.Path)).SingleOrDefaultAsync(cancellationToken));

    public Task<List<Guid>> HoldersAsync(WorkflowsDbContext db, Guid unitId, Role role, DateOnly today, CancellationToken cancellationToken = default) =>
        GetAsync(_holders, (unitId, role, today), () => db.RoleAssignments.AsNoTracking()
            .Where(a => a.UnitId == unitId && a.Role == role && a.User!.IsActive
                        && (a.StartsOn == null || a.StartsOn <= today) && (a.EndsOn == null || a.EndsOn >= today))
            .Select(a => a.UserId).Distinct().ToListAsync(cancellationToken));

    /// <summary>The id of the active person with this user name.</summary>
    public Task<Guid?> UserIdAsync(WorkflowsDbContext db, string userName, CancellationToken cancellationToken = default) =>
        GetAsync(_userIds, userName, () => db.Users.AsNoTracking().Where(u => u.UserName == userName && u.IsActive)
            .Select(u => (Guid?)u.Id).SingleOrDefaultAsync(cancellationToken));

    public Task<string?> UserNameAsync(WorkflowsDbContext db, Guid userId, CancellationToken cancellationToken = default) =>
        GetAsync(_userNames, userId, () => db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.UserName).SingleOrDefaultAsync(cancellationToken));

    public Task<List<DelegatedFrom>> DelegationsAsync(WorkflowsDbContext db, Guid userId, DateTime nowUtc, CancellationToken cancellationToken = default) =>
        GetAsync(_delegations, (userId, Delegations.Today(nowUtc)), () => Delegations.ActiveForAsync(db, userId, nowUtc, cancellationToken));

    public Task<LatestDefinition?> LatestDefinitionAsync(WorkflowsDbContext db, string processId, CancellationToken cancellationToken = default) =>
        GetAsync(_latest, processId, () => db.WorkflowDefinitions.AsNoTracking().Where(d => d.ProcessId == processId).OrderByDescending(d => d.Version)
            .Select(d => new LatestDefinition(d.Id, d.ProcessId, d.Version)).FirstOrDefaultAsync(cancellationToken));

    private async Task<T> GetAsync<TKey, T>(ConcurrentDictionary<TKey, Entry<T>> map, TKey key, Func<Task<T>> load) where TKey : notnull
    {
        // Read the count before the data, so a change committed meanwhile makes this copy old at once.
        var version = ReferenceData.Version;
        if (map.TryGetValue(key, out var entry) && entry.Version == version && clock.GetElapsedTime(entry.LoadedAt) < MaxAge)
        {
            return entry.Value;
        }
        var loadedAt = clock.GetTimestamp();
        var value = await load();
        if (map.Count > 100_000)
        {
            map.Clear();
        }
        map[key] = new Entry<T>(value, version, loadedAt);
        return value;
    }
}
