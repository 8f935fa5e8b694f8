using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Forms;
using Workflows.Forms.RuleSets;
using Workflows.Server.Hosting;

namespace Workflows.Server.Forms;

/// <summary>Loaded rule sets by record id; a published version never changes.</summary>
public sealed class RuleSetCache
{
    private readonly ConcurrentDictionary<Guid, RuleSet> _loaded = new();

    public RuleSet Get(RuleSetRecord record) => _loaded.GetOrAdd(record.Id, _ =>
        RuleSetLoader.Load(record.Json).RuleSet
        ?? throw new InvalidOperationException($"Stored rule set {record.SetId} v{record.Version} no longer loads."));
}

public sealed record RuleSetPublishOutcome(RuleSetRecord? Record, bool Created, IReadOnlyList<RuleSetProblem> Problems, Text? Conflict = null);

/// <summary>
/// Rule sets in the database, versioned with effective dates and keyed by jurisdiction. A version is
/// checked completely by the loader before it is stored, and stored as the canonical document.
/// </summary>
public sealed class RuleSetStore(WorkflowsDbContext db, RuleSetCache cache, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Canonical = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Reads and checks a set; null with problems when it does not load.</summary>
    public static RuleSetLoadResult Load(string json) => RuleSetLoader.Load(json);

    public async Task<RuleSetPublishOutcome> PublishAsync(RuleSet set, string source, Guid? publishedBy, CancellationToken cancellationToken = default)
    {
        var json = RuleSetJson.ToJson(set).ToJsonString(Canonical);
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
        var existing = await db.RuleSets.AsNoTracking().SingleOrDefaultAsync(r => r.SetId == set.Id && r.Version == set.Version, cancellationToken);
        if (existing is not null)
        {
            return existing.Sha256 == sha
                ? new RuleSetPublishOutcome(existing, false, [])
                : new RuleSetPublishOutcome(null, false, [], new($"规则集 {set.Id} 已有第 {set.Version} 版，内容不同；请以新的版本号发布",
                    $"rule set {set.Id} already has a different version {set.Version}; publish it under a new version number"));
        }
        var latest = await LatestAsync(set.Id, cancellationToken);
        if (latest is not null && latest.Version > set.Version)
        {
            return new RuleSetPublishOutcome(null, false, [], new($"版本号应大于当前最新版本 {latest.Version}",
                $"the version must be greater than the latest version {latest.Version}"));
        }
        var record = new RuleSetRecord
        {
            Id = Guid.NewGuid(),
            SetId = set.Id,
            Version = set.Version,
            TitleZh = Cut(set.Title.Zh, 200),
            TitleEn = Cut(set.Title.En, 200),
            Jurisdiction = string.IsNullOrEmpty(set.Jurisdiction) ? null : set.Jurisdiction,
            EffectiveFrom = set.EffectiveFrom,
            EffectiveTo = set.EffectiveTo,
            Json = json,
            Sha256 = sha,
            Source = Cut(source, 300),
            PublishedAt = clock.GetUtcNow().UtcDateTime,
            PublishedById = publishedBy,
        };
        db.RuleSets.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return new RuleSetPublishOutcome(record, true, []);
    }

    public Task<RuleSetRecord?> LatestAsync(string setId, CancellationToken cancellationToken = default) =>
        db.RuleSets.AsNoTracking().Where(r => r.SetId == setId).OrderByDescending(r => r.Version).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Every stored version; the selector picks what applies to a form, a date and a unit chain.</summary>
    public async Task<IReadOnlyList<RuleSet>> AllAsync(CancellationToken cancellationToken = default)
    {
        var records = await db.RuleSets.AsNoTracking().ToListAsync(cancellationToken);
        return records.Select(cache.Get).ToList();
    }

    /// <summary>Seeds every <c>*.json</c> of a folder; a version already stored is left alone.</summary>
    public async Task<IReadOnlyList<(string File, RuleSetPublishOutcome Outcome)>> SeedFolderAsync(string folder, CancellationToken cancellationToken = default)
    {
        var outcomes = new List<(string, RuleSetPublishOutcome)>();
        if (!Directory.Exists(folder))
        {
            return outcomes;
        }
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var loaded = Load(await File.ReadAllTextAsync(file, cancellationToken));
            if (loaded.RuleSet is null)
            {
                outcomes.Add((Path.GetFileName(file), new RuleSetPublishOutcome(null, false, loaded.Problems)));
                continue;
            }
            if (await db.RuleSets.AnyAsync(r => r.SetId == loaded.RuleSet.Id && r.Version == loaded.RuleSet.Version, cancellationToken))
            {
                continue;
            }
            outcomes.Add((Path.GetFileName(file), await PublishAsync(loaded.RuleSet, "file:forms/rulesets/" + Path.GetFileName(file), null, cancellationToken)));
        }
        return outcomes;
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}
