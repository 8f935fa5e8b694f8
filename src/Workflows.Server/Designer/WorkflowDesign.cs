using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Designer;
using Workflows.Data.Runtime;
using Workflows.Engine;
using Workflows.Engine.Validation;
using Workflows.Server.Runtime;
using Workflows.Server.Security;

namespace Workflows.Server.Designer;

/// <summary>A problem the designer shows, pinned to its element, in both languages.</summary>
public sealed record DesignProblem(string Severity, string Code, string? ElementId, string? ElementName, string MessageZh, string MessageEn)
{
    public bool IsError => Severity == nameof(ProblemSeverity.Error);

    public static DesignProblem Of(ValidationProblem p) => new(p.Severity.ToString(), p.Code, p.ElementId, p.ElementName, p.MessageZh, p.MessageEn);

    public static DesignProblem Error(string code, string zh, string en, string? elementId = null) => new(nameof(ProblemSeverity.Error), code, elementId, null, zh, en);
}

public sealed record DraftView(string ProcessId, string Xml, int? BasedOnVersion, string? SavedBy, DateTime SavedAt);

public sealed record VersionSummary(int Version, string Name, DateTime PublishedAt, string? PublishedBy, string Source, int RunningInstances);

/// <summary>A newer version than the one the designer started from: who published it, and what differs.</summary>
public sealed record NewerVersion(int LatestVersion, string? PublishedBy, DateTime PublishedAt, WorkflowDifference TheirChanges, WorkflowDifference? YourChanges);

/// <summary>What a save or publish came to: done, refused for problems, or refused because someone published meanwhile.</summary>
public sealed record DesignOutcome(IReadOnlyList<DesignProblem> Problems, NewerVersion? Conflict = null, WorkflowDefinitionRecord? Published = null, bool Created = false)
{
    public bool HasErrors => Problems.Any(p => p.IsError);
}

/// <summary>
/// The workflow designer's operations: one draft per process, checked and published through the
/// same <see cref="WorkflowDeployment.Deploy"/> the runtime trusts, with the optimistic check that a
/// save or publish starts from the latest version, compare and roll back.
/// </summary>
public sealed class WorkflowDesign(WorkflowsDbContext db, DefinitionStore store, StartTimerScheduler startTimers, TimeProvider clock)
{
    /// <summary>The largest file the designer accepts (the engine reads at most 5,000,000 characters of it).</summary>
    public const int MaxFileBytes = 20 * 1024 * 1024;

    /// <summary>The engine's check, plus a file that names another process than the workflow being edited.</summary>
    public static IReadOnlyList<DesignProblem> Validate(string xml, string? processId = null)
    {
        var result = WorkflowDeployment.Deploy(xml);
        var problems = result.Problems.Select(DesignProblem.Of).ToList();
        if (processId is not null && result.Definition is { } definition && definition.ProcessId != processId)
        {
            problems.Add(DesignProblem.Error("process-id-mismatch",
                $"文件中的流程标识 {definition.ProcessId} 与正在编辑的流程 {processId} 不一致",
                $"the file's process id {definition.ProcessId} differs from the workflow being edited, {processId}", definition.ProcessId));
        }
        return problems;
    }

    public async Task<DraftView?> DraftAsync(string processId, CancellationToken cancellationToken = default)
    {
        var draft = await db.WorkflowDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.ProcessId == processId, cancellationToken);
        return draft is null ? null : new DraftView(draft.ProcessId, draft.Xml, draft.BasedOnVersion, await NameOfAsync(draft.SavedById, cancellationToken), draft.SavedAt);
    }

    public async Task<IReadOnlyList<VersionSummary>> VersionsAsync(string processId, CancellationToken cancellationToken = default)
    {
        var versions = await db.WorkflowDefinitions.AsNoTracking().Where(d => d.ProcessId == processId).OrderByDescending(d => d.Version)
            .Select(d => new { d.Version, d.Name, d.DeployedAt, d.DeployedById, d.Source }).ToListAsync(cancellationToken);
        var running = await db.WorkflowInstances.AsNoTracking().Where(i => i.ProcessId == processId && i.Status == InstanceStatus.Active)
            .GroupBy(i => i.DefinitionVersion).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var names = await NamesAsync(versions.Select(v => v.DeployedById), cancellationToken);
        return versions.Select(v => new VersionSummary(v.Version, v.Name, v.DeployedAt, v.DeployedById is { } id ? names.GetValueOrDefault(id) : null,
            v.Source, running.GetValueOrDefault(v.Version))).ToList();
    }

    public async Task<string?> VersionXmlAsync(string processId, int version, CancellationToken cancellationToken = default) =>
        await db.WorkflowDefinitions.AsNoTracking().Where(d => d.ProcessId == processId && d.Version == version).Select(d => d.Xml).SingleOrDefaultAsync(cancellationToken);

    /// <summary>Stores the draft (problems and all: a draft may be unfinished) unless a newer version was published meanwhile.</summary>
    public async Task<DesignOutcome> SaveDraftAsync(string processId, string xml, int? basedOn, Caller caller, CancellationToken cancellationToken = default)
    {
        var problems = Validate(xml, processId);
        if (NotXml(xml, problems) is { } notXml)
        {
            return new DesignOutcome([notXml]);
        }
        if (await NewerThanAsync(processId, basedOn, xml, cancellationToken) is { } newer)
        {
            return new DesignOutcome([], newer);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        // One statement, without reading the previous draft's XML back first (diagrams may be large).
        var updated = await db.WorkflowDrafts.Where(d => d.ProcessId == processId).ExecuteUpdateAsync(d => d
            .SetProperty(x => x.Xml, xml).SetProperty(x => x.BasedOnVersion, basedOn)
            .SetProperty(x => x.SavedById, caller.UserId).SetProperty(x => x.SavedAt, now), cancellationToken);
        if (updated == 0)
        {
            db.WorkflowDrafts.Add(new WorkflowDraft { Id = Guid.NewGuid(), ProcessId = processId, Xml = xml, BasedOnVersion = basedOn, SavedById = caller.UserId, SavedAt = now });
            await db.SaveChangesAsync(cancellationToken);
        }
        return new DesignOutcome(problems);
    }

    public async Task<bool> DiscardDraftAsync(string processId, CancellationToken cancellationToken = default) =>
        await db.WorkflowDrafts.Where(d => d.ProcessId == processId).ExecuteDeleteAsync(cancellationToken) > 0;

    /// <summary>Publishes the XML as the next version: nothing is stored when there is an error or a newer version.</summary>
    public async Task<DesignOutcome> PublishAsync(string processId, string xml, int? basedOn, Caller caller, string source = "designer", CancellationToken cancellationToken = default)
    {
        var problems = Validate(xml, processId);
        if (NotXml(xml, problems) is { } notXml)
        {
            return new DesignOutcome([notXml]);
        }
        if (await NewerThanAsync(processId, basedOn, xml, cancellationToken) is { } newer)
        {
            return new DesignOutcome([], newer);
        }
        if (problems.Any(p => p.IsError))
        {
            return new DesignOutcome(problems);
        }
        var outcome = await store.DeployAsync(xml, source, caller.UserId, cancellationToken);
        if (outcome.Record is null)
        {
            return new DesignOutcome(outcome.Problems.Select(DesignProblem.Of).ToList());
        }
        await DiscardDraftAsync(processId, cancellationToken);
        await startTimers.ScheduleAsync(processId, cancellationToken);
        return new DesignOutcome(problems, null, outcome.Record, outcome.Created);
    }

    /// <summary>Rolling back publishes an older version's XML again, as a new version; running cases keep theirs.</summary>
    public async Task<DesignOutcome?> RollBackAsync(string processId, int version, int? basedOn, Caller caller, CancellationToken cancellationToken = default)
    {
        var xml = await VersionXmlAsync(processId, version, cancellationToken);
        return xml is null ? null : await PublishAsync(processId, xml, basedOn, caller, $"rollback:v{version}", cancellationToken);
    }

    private async Task<NewerVersion?> NewerThanAsync(string processId, int? basedOn, string xml, CancellationToken cancellationToken)
    {
        var latestVersion = await db.WorkflowDefinitions.Where(d => d.ProcessId == processId).MaxAsync(d => (int?)d.Version, cancellationToken);
        if (latestVersion is null || (basedOn is { } b && b >= latestVersion))
        {
            return null;
        }
        var latest = (await store.LatestAsync(processId, cancellationToken))!;
        var baseXml = basedOn is { } version ? await VersionXmlAsync(processId, version, cancellationToken) : null;
        var theirs = baseXml is null
            ? WorkflowComparison.Compare(EmptyDefinitions, latest.Xml)
            : WorkflowComparison.Compare(baseXml, latest.Xml);
        WorkflowDifference? yours = null;
        try
        {
            yours = WorkflowComparison.Compare(latest.Xml, xml);
        }
        catch (System.Xml.XmlException)
        {
        }
        return new NewerVersion(latest.Version, await NameOfAsync(latest.DeployedById, cancellationToken), latest.DeployedAt, theirs, yours);
    }

    private const string EmptyDefinitions = "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" />";

    /// <summary>A file that is not XML at all; only looked at when the engine could not read it.</summary>
    private static DesignProblem? NotXml(string xml, IReadOnlyList<DesignProblem> problems)
    {
        if (problems.All(p => p.Code != "invalid-xml") || WorkflowComparison.TryRead(xml, out var error))
        {
            return null;
        }
        return DesignProblem.Error("not-xml", $"这不是 BPMN 文件：XML 无法读取（{error}）", $"This is not a BPMN file: the XML cannot be read ({error})");
    }

    private async Task<string?> NameOfAsync(Guid? userId, CancellationToken cancellationToken) =>
        userId is { } id ? (await NamesAsync([id], cancellationToken)).GetValueOrDefault(id) : null;

    public async Task<Dictionary<Guid, string>> NamesAsync(IEnumerable<Guid?> userIds, CancellationToken cancellationToken = default)
    {
        var ids = userIds.OfType<Guid>().Distinct().ToList();
        return ids.Count == 0
            ? []
            : await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
    }
}
