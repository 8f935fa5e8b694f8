using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Accounts;
using Workflows.Data.Organisation;
using Workflows.Engine.Execution;

namespace Workflows.Server.Runtime;

public sealed record ResolvedAssignment(Guid? CandidateUnitId, Guid? AssigneeId, IReadOnlyList<Guid> Candidates)
{
    public bool IsEmpty => AssigneeId is null && Candidates.Count == 0;
}

/// <summary>
/// Turns what a task asks for into people, relative to the applicant: "approver at county level"
/// goes to whoever holds the approver role in the applicant's county today. That is how one
/// definition serves every county of a province.
/// </summary>
public sealed class Assignment(WorkflowsDbContext db, ReferenceCache cache, TimeProvider clock)
{
    public async Task<ResolvedAssignment> ResolveAsync(TaskAssignment asked, string applicantUnitPath, Guid applicantUnitId, Guid starterId, CancellationToken cancellationToken = default)
    {
        Guid? assignee = null;
        var candidates = new HashSet<Guid>();
        Guid? candidateUnit = null;

        if (!string.IsNullOrWhiteSpace(asked.Assignee))
        {
            assignee = await UserIdAsync(asked.Assignee, starterId, cancellationToken);
        }
        foreach (var name in asked.CandidateUsers)
        {
            if (await UserIdAsync(name, starterId, cancellationToken) is { } id)
            {
                candidates.Add(id);
            }
        }
        var groups = asked.CandidateGroups.Select(ParseGroup).OfType<(string? Level, string Role)>().ToList();
        if (asked.Role is not null)
        {
            groups.Add((asked.Level, asked.Role));
        }
        foreach (var (level, roleName) in groups)
        {
            if (!TryParseRole(roleName, out var role))
            {
                continue;
            }
            var unit = await UnitAtLevelAsync(level, applicantUnitPath, applicantUnitId, cancellationToken);
            if (unit is null)
            {
                continue;
            }
            candidateUnit ??= unit;
            foreach (var holder in await HoldersAsync(unit.Value, role, cancellationToken))
            {
                candidates.Add(holder);
            }
        }
        return new ResolvedAssignment(candidateUnit, assignee, candidates.Order().ToList());
    }

    /// <summary>People who hold <paramref name="role"/> in <paramref name="unitId"/> today.</summary>
    public async Task<List<Guid>> HoldersAsync(Guid unitId, Role role, CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return [.. await cache.HoldersAsync(db, unitId, role, today, cancellationToken)];
    }

    /// <summary>The applicant's own unit (no level, or <c>applicant</c>) or its ancestor at a level.</summary>
    public async Task<Guid?> UnitAtLevelAsync(string? level, string applicantUnitPath, Guid applicantUnitId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(level) || level.Equals("applicant", StringComparison.OrdinalIgnoreCase))
        {
            return applicantUnitId;
        }
        if (!Enum.TryParse<UnitLevel>(level, ignoreCase: true, out var wanted))
        {
            return null;
        }
        foreach (var segment in applicantUnitPath.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (await cache.UnitAsync(db, Guid.Parse(segment), cancellationToken) is { } unit && unit.Level == wanted)
            {
                return unit.Id;
            }
        }
        return null;
    }

    private async Task<Guid?> UserIdAsync(string nameOrExpression, Guid starterId, CancellationToken cancellationToken)
    {
        var name = nameOrExpression.Trim();
        if (name is "starter" or "applicant" or "=starter" or "=applicant")
        {
            return starterId;
        }
        return await cache.UserIdAsync(db, name, cancellationToken);
    }

    /// <summary><c>county:approver</c> → (county, approver); <c>applicant</c> → (null, applicant).</summary>
    private static (string? Level, string Role)? ParseGroup(string group)
    {
        var parts = group.Split(':', 2, StringSplitOptions.TrimEntries);
        return parts.Length == 2 ? (parts[0], parts[1]) : parts[0].Length > 0 ? (null, parts[0]) : null;
    }

    public static bool TryParseRole(string name, out Role role) =>
        Enum.TryParse(name.Replace("-", "").Replace("_", ""), ignoreCase: true, out role) && Enum.IsDefined(role);
}
