using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Forms;
using Workflows.Forms.Schema;

namespace Workflows.Server.Forms;

/// <summary>Parsed form versions by record id; a version never changes, so it is parsed once per process.</summary>
public sealed class FormCache
{
    private readonly ConcurrentDictionary<Guid, FormDefinition> _parsed = new();

    public FormDefinition Get(FormDefinitionRecord record) => _parsed.GetOrAdd(record.Id, _ =>
        FormDefinition.Parse(record.Json).Definition
        ?? throw new InvalidOperationException($"Stored form {record.FormId} v{record.Version} no longer parses."));
}

public sealed record FormDeployOutcome(FormDefinitionRecord? Record, bool Created, IReadOnlyList<SchemaProblem> Problems);

/// <summary>
/// Deploys form-js schemas as versions, like workflows: checked first (nothing is stored when there is
/// an error), and the same file again makes no new version.
/// </summary>
public sealed class FormStore(WorkflowsDbContext db, FormCache cache, TimeProvider clock)
{
    public async Task<FormDeployOutcome> DeployAsync(string json, string source, Guid? deployedBy, CancellationToken cancellationToken = default) =>
        await DeployAsync(json, source, deployedBy, onceEver: false, cancellationToken);

    /// <param name="onceEver">
    /// A shipped file deployed once is never deployed again, even when a newer version was published in
    /// the form designer since: otherwise every restart would undo the administrators' changes.
    /// </param>
    private async Task<FormDeployOutcome> DeployAsync(string json, string source, Guid? deployedBy, bool onceEver, CancellationToken cancellationToken)
    {
        var parsed = FormDefinition.Parse(json);
        if (parsed.Definition is null)
        {
            return new FormDeployOutcome(null, false, parsed.Problems);
        }
        var definition = parsed.Definition;
        var problems = parsed.Problems.Concat(SchemaChecker.Check(definition, ApplicantOptionLists.ForDeployment)).ToList();
        if (definition.Id is { Length: > FormDefinitionRecord.FormIdMaxLength })
        {
            problems.Add(new SchemaProblem(Severity.Error, "SCHEMA_ID_TOO_LONG", definition.Id, null, null, "$",
                $"表单 id 不能超过 {FormDefinitionRecord.FormIdMaxLength} 个字符", $"the form id must be at most {FormDefinitionRecord.FormIdMaxLength} characters"));
        }
        if (problems.Any(p => p.Severity == Severity.Error))
        {
            return new FormDeployOutcome(null, false, problems);
        }
        var formId = definition.Id!;
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
        var latest = await LatestAsync(formId, cancellationToken);
        if (latest is not null && latest.Sha256 == sha)
        {
            return new FormDeployOutcome(latest, false, problems);
        }
        if (onceEver && await db.FormDefinitions.AsNoTracking().Where(f => f.FormId == formId && f.Sha256 == sha).OrderByDescending(f => f.Version)
                .FirstOrDefaultAsync(cancellationToken) is { } earlier)
        {
            return new FormDeployOutcome(earlier, false, problems);
        }
        var record = new FormDefinitionRecord
        {
            Id = Guid.NewGuid(),
            FormId = formId,
            Version = (latest?.Version ?? 0) + 1,
            Title = TitleOf(definition),
            Json = json,
            Sha256 = sha,
            Source = source.Length <= 300 ? source : source[..300],
            DeployedAt = clock.GetUtcNow().UtcDateTime,
            DeployedById = deployedBy,
        };
        db.FormDefinitions.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return new FormDeployOutcome(record, true, problems);
    }

    public Task<FormDefinitionRecord?> LatestAsync(string formId, CancellationToken cancellationToken = default) =>
        db.FormDefinitions.AsNoTracking().Where(f => f.FormId == formId).OrderByDescending(f => f.Version).FirstOrDefaultAsync(cancellationToken);

    public Task<FormDefinitionRecord?> VersionAsync(string formId, int version, CancellationToken cancellationToken = default) =>
        db.FormDefinitions.AsNoTracking().SingleOrDefaultAsync(f => f.FormId == formId && f.Version == version, cancellationToken);

    public Task<FormDefinitionRecord?> ByIdAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.FormDefinitions.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, cancellationToken);

    public FormDefinition Parsed(FormDefinitionRecord record) => cache.Get(record);

    /// <summary>Deploys every <c>*.form.json</c> of a folder; a file with errors is reported and skipped.</summary>
    public async Task<IReadOnlyList<(string File, FormDeployOutcome Outcome)>> DeployFolderAsync(string folder, CancellationToken cancellationToken = default)
    {
        var outcomes = new List<(string, FormDeployOutcome)>();
        if (!Directory.Exists(folder))
        {
            return outcomes;
        }
        foreach (var file in Directory.EnumerateFiles(folder, "*.form.json").Order(StringComparer.Ordinal))
        {
            var json = await File.ReadAllTextAsync(file, cancellationToken);
            outcomes.Add((Path.GetFileName(file), await DeployAsync(json, "file:forms/" + Path.GetFileName(file), null, onceEver: true, cancellationToken)));
        }
        return outcomes;
    }

    /// <summary>The first heading of the form (<c># 社区服务设施建设申请表</c>), else its id.</summary>
    public static string TitleOf(FormDefinition definition)
    {
        var heading = definition.AllComponents.FirstOrDefault(c => c.Type == "text" && c.Raw["text"] is not null)?.Label?.Trim().TrimStart('#').Trim();
        var title = string.IsNullOrWhiteSpace(heading) ? definition.Id ?? "" : heading;
        return title.Length <= FormDefinitionRecord.TitleMaxLength ? title : title[..FormDefinitionRecord.TitleMaxLength];
    }
}
