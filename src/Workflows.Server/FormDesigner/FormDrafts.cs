using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Forms;
using Workflows.Data.Organisation;
using Workflows.Forms.Options;
using Workflows.Forms.Schema;
using Workflows.Server.Applications;
using Workflows.Server.Forms;
using Workflows.Server.Security;

namespace Workflows.Server.FormDesigner;

public sealed record DesignedForm(string FormId, string Title, int? LatestVersion, int Versions, string? ProcessId, DraftInfo? Draft);

public sealed record DraftInfo(int? BasedOnVersion, string SavedBy, DateTime SavedAt, int Revision);

public sealed record DraftView(string FormId, string Json, DraftInfo Info);

/// <summary>One published version as the designer lists it: who published it and how much work uses it.</summary>
public sealed record VersionInfo(int Version, string Title, DateTime PublishedAt, string PublishedBy, string Source, int Applications, int Instances);

/// <summary>The published version that is newer than the one a draft started from, and what it changed.</summary>
public sealed record NewerVersion(int BasedOnVersion, int LatestVersion, string PublishedBy, DateTime PublishedAt, FormDifference TheirChanges, FormDifference? YourChanges);

/// <summary>The draft saved by someone else since the caller opened it.</summary>
public sealed record DraftConflict(string SavedBy, DateTime SavedAt, int Revision);

public sealed record DraftSaveOutcome(DraftView? Draft, DesignerCheck Check, DraftConflict? Conflict);

public enum PublishStatus
{
    Published,
    Unchanged,
    NoDraft,
    NoSuchVersion,
    Invalid,
    Newer,
}

public sealed record PublishOutcome(PublishStatus Status, FormDefinitionRecord? Record = null, DesignerCheck? Check = null, NewerVersion? Newer = null);

/// <summary>
/// The form designer's side of form versions: drafts saved while editing, publishing a draft through
/// the deploy check (nothing is published when it has errors, nor when someone else published since
/// the draft was started), rolling back by publishing an older version again, and the versions with
/// who published them and how many applications use each.
/// </summary>
public sealed class FormDrafts(WorkflowsDbContext db, FormStore store, ApplicationForms forms, TimeProvider clock)
{
    public async Task<IReadOnlyList<DesignedForm>> ListAsync(CancellationToken cancellationToken = default)
    {
        var versions = await db.FormDefinitions.AsNoTracking().Select(f => new { f.FormId, f.Version, f.Title }).ToListAsync(cancellationToken);
        var drafts = await db.FormDrafts.AsNoTracking().ToListAsync(cancellationToken);
        var names = await NamesAsync(drafts.Select(d => (Guid?)d.SavedById), cancellationToken);
        var ids = versions.Select(v => v.FormId).Concat(drafts.Select(d => d.FormId)).Distinct().Order(StringComparer.Ordinal);
        return ids.Select(id =>
        {
            var own = versions.Where(v => v.FormId == id).ToList();
            var latest = own.MaxBy(v => v.Version);
            var draft = drafts.FirstOrDefault(d => d.FormId == id);
            var title = latest?.Title ?? (draft is null ? id : TitleOf(draft.Json, id));
            return new DesignedForm(id, title, latest?.Version, own.Count, forms.WorkflowFor(id)?.ProcessId, draft is null ? null : Info(draft, names));
        }).ToList();
    }

    public async Task<DraftView?> DraftAsync(string formId, CancellationToken cancellationToken = default)
    {
        var draft = await db.FormDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.FormId == formId, cancellationToken);
        return draft is null ? null : new DraftView(formId, draft.Json, Info(draft, await NamesAsync([draft.SavedById], cancellationToken)));
    }

    /// <summary>
    /// Saves the draft of a form. A schema with errors is saved (it is work in progress) and its
    /// problems come back; JSON that is not a form-js schema of this form is not. When someone else
    /// saved the draft since the caller last did (<paramref name="expectedRevision"/>), nothing is saved.
    /// </summary>
    public async Task<DraftSaveOutcome> SaveAsync(string formId, string json, int? basedOnVersion, int? expectedRevision, Caller caller, CancellationToken cancellationToken = default)
    {
        var check = DesignerSchema.Check(json, formId);
        if (!check.IsFormJs)
        {
            return new DraftSaveOutcome(null, check, null);
        }
        var draft = await db.FormDrafts.SingleOrDefaultAsync(d => d.FormId == formId, cancellationToken);
        if (draft is not null && draft.SavedById != caller.UserId && expectedRevision != draft.Revision)
        {
            var names = await NamesAsync([draft.SavedById], cancellationToken);
            return new DraftSaveOutcome(null, check, new DraftConflict(names.GetValueOrDefault(draft.SavedById, ""), draft.SavedAt, draft.Revision));
        }
        if (draft is null)
        {
            draft = new FormDraft { Id = Guid.NewGuid(), FormId = formId };
            db.FormDrafts.Add(draft);
        }
        draft.Json = json;
        draft.BasedOnVersion = basedOnVersion;
        draft.SavedById = caller.UserId;
        draft.SavedAt = clock.GetUtcNow().UtcDateTime;
        draft.Revision++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another save of the same draft won the race.
            db.ChangeTracker.Clear();
            var current = await db.FormDrafts.AsNoTracking().SingleAsync(d => d.FormId == formId, cancellationToken);
            var names = await NamesAsync([current.SavedById], cancellationToken);
            return new DraftSaveOutcome(null, check, new DraftConflict(names.GetValueOrDefault(current.SavedById, ""), current.SavedAt, current.Revision));
        }
        return new DraftSaveOutcome(new DraftView(formId, json, new DraftInfo(basedOnVersion, caller.DisplayName, draft.SavedAt, draft.Revision)), check, null);
    }

    public async Task<bool> DiscardAsync(string formId, CancellationToken cancellationToken = default) =>
        await db.FormDrafts.Where(d => d.FormId == formId).ExecuteDeleteAsync(cancellationToken) > 0;

    /// <summary>Publishes the saved draft as the form's next version; the draft is removed when it is.</summary>
    public async Task<PublishOutcome> PublishAsync(string formId, Caller caller, CancellationToken cancellationToken = default)
    {
        var draft = await db.FormDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.FormId == formId, cancellationToken);
        if (draft is null)
        {
            return new PublishOutcome(PublishStatus.NoDraft);
        }
        var outcome = await PublishJsonAsync(formId, draft.Json, draft.BasedOnVersion, "designer", caller, cancellationToken);
        if (outcome.Status is PublishStatus.Published or PublishStatus.Unchanged)
        {
            await db.FormDrafts.Where(d => d.Id == draft.Id && d.Revision == draft.Revision).ExecuteDeleteAsync(cancellationToken);
        }
        return outcome;
    }

    /// <summary>Publishes an older version again as the newest, after checking it against today's option lists.</summary>
    public async Task<PublishOutcome> RollBackAsync(string formId, int version, int? basedOnVersion, Caller caller, CancellationToken cancellationToken = default)
    {
        var old = await store.VersionAsync(formId, version, cancellationToken);
        if (old is null)
        {
            return new PublishOutcome(PublishStatus.NoSuchVersion);
        }
        return await PublishJsonAsync(formId, old.Json, basedOnVersion, $"rollback:v{version}", caller, cancellationToken);
    }

    private async Task<PublishOutcome> PublishJsonAsync(string formId, string json, int? basedOnVersion, string source, Caller caller, CancellationToken cancellationToken)
    {
        var check = DesignerSchema.Check(json, formId);
        if (check.HasErrors)
        {
            return new PublishOutcome(PublishStatus.Invalid, Check: check);
        }
        if (await NewerAsync(formId, basedOnVersion, check.Definition!, cancellationToken) is { } newer)
        {
            return new PublishOutcome(PublishStatus.Newer, Check: check, Newer: newer);
        }
        FormDeployOutcome deployed;
        try
        {
            deployed = await store.DeployAsync(json, source, caller.UserId, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone published the same form at the same moment: the unique version number refused ours.
            db.ChangeTracker.Clear();
            return await NewerAsync(formId, basedOnVersion ?? 0, check.Definition!, cancellationToken) is { } lost
                ? new PublishOutcome(PublishStatus.Newer, Check: check, Newer: lost)
                : throw new InvalidOperationException("a form version was refused for another reason");
        }
        if (deployed.Record is null)
        {
            return new PublishOutcome(PublishStatus.Invalid, Check: new DesignerCheck(check.Definition, deployed.Problems));
        }
        return new PublishOutcome(deployed.Created ? PublishStatus.Published : PublishStatus.Unchanged, deployed.Record, check);
    }

    /// <summary>The latest version when it is newer than the one the caller started from, with who published it and what it changed.</summary>
    private async Task<NewerVersion?> NewerAsync(string formId, int? basedOnVersion, FormDefinition yours, CancellationToken cancellationToken)
    {
        var latest = await store.LatestAsync(formId, cancellationToken);
        if (latest is null || latest.Version <= (basedOnVersion ?? 0))
        {
            return null;
        }
        var names = await NamesAsync([latest.DeployedById], cancellationToken);
        var latestDefinition = store.Parsed(latest);
        var basedOn = basedOnVersion is { } b ? await store.VersionAsync(formId, b, cancellationToken) : null;
        var theirs = basedOn is null
            ? FormComparison.Compare(Empty, latestDefinition, "", $"v{latest.Version}")
            : FormComparison.Compare(store.Parsed(basedOn), latestDefinition, $"v{basedOn.Version}", $"v{latest.Version}");
        var mine = FormComparison.Compare(latestDefinition, yours, $"v{latest.Version}", "draft");
        return new NewerVersion(basedOnVersion ?? 0, latest.Version, PublisherName(latest, names), latest.DeployedAt, theirs, mine);
    }

    public async Task<IReadOnlyList<VersionInfo>> VersionsAsync(string formId, CancellationToken cancellationToken = default)
    {
        var versions = await db.FormDefinitions.AsNoTracking().Where(f => f.FormId == formId).OrderByDescending(f => f.Version)
            .Select(f => new { f.Id, f.Version, f.Title, f.DeployedAt, f.DeployedById, f.Source }).ToListAsync(cancellationToken);
        var ids = versions.Select(v => v.Id).ToList();
        var usage = await db.Applications.AsNoTracking().Where(a => a.FormDefinitionId != null && ids.Contains(a.FormDefinitionId.Value))
            .GroupBy(a => a.FormDefinitionId)
            .Select(g => new { Id = g.Key, Applications = g.Count(), Instances = g.Count(a => a.InstanceId != null) })
            .ToListAsync(cancellationToken);
        var names = await NamesAsync(versions.Select(v => v.DeployedById), cancellationToken);
        return versions.Select(v =>
        {
            var use = usage.FirstOrDefault(u => u.Id == v.Id);
            var by = v.DeployedById is { } id ? names.GetValueOrDefault(id, "") : "";
            return new VersionInfo(v.Version, v.Title, v.DeployedAt, by, v.Source, use?.Applications ?? 0, use?.Instances ?? 0);
        }).ToList();
    }

    /// <summary>Compares two versions (or a version with the draft, <c>draft</c>); null when one of them does not exist.</summary>
    public async Task<FormDifference?> CompareAsync(string formId, string from, string to, CancellationToken cancellationToken = default)
    {
        var before = await DefinitionAsync(formId, from, cancellationToken);
        var after = await DefinitionAsync(formId, to, cancellationToken);
        return before is null || after is null ? null : FormComparison.Compare(before, after, from, to);
    }

    /// <summary>Compares a schema being edited with a published version.</summary>
    public async Task<FormDifference?> CompareWithAsync(string formId, int version, string json, CancellationToken cancellationToken = default)
    {
        var before = await store.VersionAsync(formId, version, cancellationToken);
        var after = FormDefinition.Parse(json).Definition;
        return before is null || after is null ? null : FormComparison.Compare(store.Parsed(before), after, $"v{version}", "draft");
    }

    private async Task<FormDefinition?> DefinitionAsync(string formId, string which, CancellationToken cancellationToken)
    {
        if (which == "draft")
        {
            var draft = await db.FormDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.FormId == formId, cancellationToken);
            return draft is null ? null : FormDefinition.Parse(draft.Json).Definition;
        }
        var number = which.TrimStart('v', 'V');
        return int.TryParse(number, out var version) && await store.VersionAsync(formId, version, cancellationToken) is { } record ? store.Parsed(record) : null;
    }

    /// <summary>
    /// What the designer's preview is opened with: every option list the server knows (so a list
    /// bound in the editor shows at once), and the applicant data of a sample community.
    /// </summary>
    public async Task<JsonObject> SampleDataAsync(CancellationToken cancellationToken = default)
    {
        var sampleUnit = await db.Units.AsNoTracking().Where(u => u.Level == UnitLevel.Community).OrderBy(u => u.Code).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken);
        var applicant = sampleUnit is { } id ? await ApplicantUnit.LoadAsync(db, id, cancellationToken) : null;
        var lists = ApplicantOptionLists.For(applicant);
        var data = new JsonObject();
        foreach (var list in AllLists(lists))
        {
            data[list.Name] = list.ToFormJsValues();
        }
        if (applicant is not null)
        {
            data["applicant"] = new JsonObject
            {
                ["unitId"] = applicant.Unit.Id.ToString(), ["unitCode"] = applicant.Unit.Code, ["unitName"] = applicant.Unit.Name,
                ["level"] = applicant.Unit.Level.ToString().ToLowerInvariant(), ["label"] = applicant.Label,
            };
            foreach (var field in ApplicationForms.UnitNameFields)
            {
                data[field] = applicant.Unit.Name;
            }
        }
        return data;
    }

    /// <summary>The option lists an administrator can bind a field to (form-js <c>valuesKey</c>).</summary>
    public static IReadOnlyList<OptionList> OptionLists() => AllLists(ApplicantOptionLists.ForDeployment);

    private static IReadOnlyList<OptionList> AllLists(IOptionLists lists) =>
        Workflows.Forms.Options.OptionLists.ShippedLists.Select(l => l.Name).Append(ApplicantOptionLists.UnitChain).Distinct()
            .Select(lists.Find).OfType<OptionList>().ToList();

    private static readonly FormDefinition Empty = FormDefinition.Parse("""{"type":"default","components":[]}""").Definition!;

    private static string PublisherName(FormDefinitionRecord record, IReadOnlyDictionary<Guid, string> names) =>
        record.DeployedById is { } id ? names.GetValueOrDefault(id, "") : "";

    private static DraftInfo Info(FormDraft draft, IReadOnlyDictionary<Guid, string> names) =>
        new(draft.BasedOnVersion, names.GetValueOrDefault(draft.SavedById, ""), draft.SavedAt, draft.Revision);

    private static string TitleOf(string json, string fallback) =>
        FormDefinition.Parse(json).Definition is { } definition ? FormStore.TitleOf(definition) : fallback;

    private async Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IEnumerable<Guid?> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.OfType<Guid>().Distinct().ToList();
        return wanted.Count == 0
            ? new Dictionary<Guid, string>()
            : await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
    }
}
