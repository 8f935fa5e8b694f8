using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Runtime;
using Workflows.Engine;
using Workflows.Engine.Model;
using Workflows.Engine.Validation;

namespace Workflows.Server.Runtime;

/// <summary>Compiled definitions by record id; a version never changes, so it is compiled once per process.</summary>
public sealed class DefinitionCache
{
    private readonly ConcurrentDictionary<Guid, WorkflowDefinition> _compiled = new();

    public WorkflowDefinition Get(WorkflowDefinitionRecord record) => _compiled.GetOrAdd(record.Id, _ =>
        WorkflowDeployment.Deploy(record.Xml).Definition
        ?? throw new InvalidOperationException($"Stored definition {record.ProcessId} v{record.Version} no longer compiles."));

    public bool TryGet(Guid id, out WorkflowDefinition definition) => _compiled.TryGetValue(id, out definition!);
}

public sealed record DeployOutcome(WorkflowDefinitionRecord? Record, bool Created, IReadOnlyList<ValidationProblem> Problems);

/// <summary>Deploys BPMN files as versions: checked first, nothing stored when there is an error.</summary>
public sealed class DefinitionStore(WorkflowsDbContext db, DefinitionCache cache, TimeProvider clock, Forms.StartForms startForms)
{
    public const int MaxXmlLength = 5 * 1024 * 1024;

    public async Task<DeployOutcome> DeployAsync(string xml, string source, Guid? deployedBy, CancellationToken cancellationToken = default)
    {
        var result = WorkflowDeployment.Deploy(xml);
        if (!result.Succeeded)
        {
            return new DeployOutcome(null, false, result.Problems);
        }
        var definition = result.Definition!;
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(xml)));
        var latest = await LatestAsync(definition.ProcessId, cancellationToken);
        if (latest is not null && latest.Sha256 == sha)
        {
            return new DeployOutcome(latest, false, result.Problems);
        }
        var record = new WorkflowDefinitionRecord
        {
            Id = Guid.NewGuid(),
            ProcessId = definition.ProcessId,
            Version = (latest?.Version ?? 0) + 1,
            Name = definition.Name ?? definition.ProcessId,
            Xml = xml,
            Sha256 = sha,
            Source = source,
            DeployedAt = clock.GetUtcNow().UtcDateTime,
            DeployedById = deployedBy,
        };
        db.WorkflowDefinitions.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        startForms.Invalidate();
        return new DeployOutcome(record, true, result.Problems);
    }

    public Task<WorkflowDefinitionRecord?> VersionAsync(string processId, int version, CancellationToken cancellationToken = default) =>
        db.WorkflowDefinitions.SingleOrDefaultAsync(d => d.ProcessId == processId && d.Version == version, cancellationToken);

    public Task<WorkflowDefinitionRecord?> LatestAsync(string processId, CancellationToken cancellationToken = default) =>
        db.WorkflowDefinitions.Where(d => d.ProcessId == processId).OrderByDescending(d => d.Version).FirstOrDefaultAsync(cancellationToken);

    public async Task<(WorkflowDefinitionRecord Record, WorkflowDefinition Definition)?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var record = await db.WorkflowDefinitions.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        return record is null ? null : (record, cache.Get(record));
    }

    public WorkflowDefinition Compiled(WorkflowDefinitionRecord record) => cache.Get(record);

    /// <summary>The compiled definition of a version, reading its XML only the first time.</summary>
    public async Task<WorkflowDefinition?> CompiledAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (cache.TryGet(id, out var compiled))
        {
            return compiled;
        }
        var record = await db.WorkflowDefinitions.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        return record is null ? null : cache.Get(record);
    }

    /// <summary>Deploys every <c>*.bpmn</c> of a folder; a file with errors is reported and skipped.</summary>
    public async Task<IReadOnlyList<(string File, DeployOutcome Outcome)>> DeployFolderAsync(string folder, CancellationToken cancellationToken = default)
    {
        var outcomes = new List<(string, DeployOutcome)>();
        if (!Directory.Exists(folder))
        {
            return outcomes;
        }
        foreach (var file in Directory.EnumerateFiles(folder, "*.bpmn").Order(StringComparer.Ordinal))
        {
            var xml = await File.ReadAllTextAsync(file, cancellationToken);
            outcomes.Add((Path.GetFileName(file), await DeployAsync(xml, "file:workflows/" + Path.GetFileName(file), null, cancellationToken)));
        }
        return outcomes;
    }
}
