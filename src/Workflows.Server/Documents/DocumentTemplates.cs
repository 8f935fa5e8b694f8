using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Documents.Templates;

namespace Workflows.Server.Documents;

/// <summary>
/// The templates in force: the highest stored version an administrator made, else the shipped one
/// (version 1). Task headers may use other names for a template; <see cref="Aliases"/> maps them.
/// </summary>
public sealed class DocumentTemplates(WorkflowsDbContext db)
{
    /// <summary>Names workflow files use for the shipped templates where they differ from the template ids.</summary>
    public static readonly IReadOnlyDictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["approval-letter"] = "official-reply",
        ["reply"] = "official-reply",
        ["notice"] = "official-notice",
        ["letter"] = "official-letter",
        ["certificate"] = "training-certificate",
        ["attendance-register"] = "training-attendance-register",
        ["hours-register"] = "training-hours-register",
        ["application"] = "application-printout",
        ["report"] = "statistical-report",
    };

    public static string KeyOf(string name) => Aliases.TryGetValue(name.Trim(), out var key) ? key : name.Trim();

    public static bool IsShipped(string key) => TemplateLibrary.All.Any(t => t.Id == key);

    /// <summary>The template in force for a key (or alias); null when there is no such template.</summary>
    public async Task<DocumentTemplate?> CurrentAsync(string name, CancellationToken cancellationToken = default)
    {
        var key = KeyOf(name);
        var stored = await db.DocumentTemplateVersions.AsNoTracking().Where(t => t.TemplateKey == key)
            .OrderByDescending(t => t.Version).Select(t => t.Json).FirstOrDefaultAsync(cancellationToken);
        if (stored is not null)
        {
            return DocumentTemplate.FromJson(stored);
        }
        return IsShipped(key) ? TemplateLibrary.Get(key) : null;
    }

    /// <summary>One version of a template; version 1 of a shipped template is the shipped file.</summary>
    public async Task<DocumentTemplate?> VersionAsync(string key, int version, CancellationToken cancellationToken = default)
    {
        var stored = await db.DocumentTemplateVersions.AsNoTracking().Where(t => t.TemplateKey == key && t.Version == version)
            .Select(t => t.Json).FirstOrDefaultAsync(cancellationToken);
        if (stored is not null)
        {
            return DocumentTemplate.FromJson(stored);
        }
        return version == 1 && IsShipped(key) ? TemplateLibrary.Get(key) : null;
    }

    /// <summary>Every template key with its versions, shipped and stored.</summary>
    public async Task<List<TemplateSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        var stored = await db.DocumentTemplateVersions.AsNoTracking()
            .Select(t => new { t.TemplateKey, t.Version, t.Name, t.CreatedAt, t.Json }).ToListAsync(cancellationToken);
        var keys = TemplateLibrary.All.Select(t => t.Id).Concat(stored.Select(s => s.TemplateKey)).Distinct().Order(StringComparer.Ordinal);
        return keys.Select(key =>
        {
            var mine = stored.Where(s => s.TemplateKey == key).OrderBy(s => s.Version).ToList();
            var versions = mine.Select(s => new TemplateVersionSummary(s.Version, s.Name, s.CreatedAt)).ToList();
            if (IsShipped(key))
            {
                versions.Insert(0, new TemplateVersionSummary(1, TemplateLibrary.Get(key).Name, null));
            }
            var current = mine.Count > 0 ? DocumentTemplate.FromJson(mine[^1].Json) : TemplateLibrary.Get(key);
            return new TemplateSummary(key, current.Name, KindOf(current), current.Version, IsShipped(key), versions);
        }).ToList();
    }

    /// <summary>The <c>kind</c> a template's JSON declares.</summary>
    public static string KindOf(DocumentTemplate template) => template switch
    {
        Workflows.Documents.Official.OfficialDocumentTemplate => "official",
        Workflows.Documents.Training.CertificateTemplate => "certificate",
        Workflows.Documents.Training.AttendanceRegisterTemplate => "attendanceRegister",
        Workflows.Documents.Applications.ApplicationPrintoutTemplate => "applicationPrintout",
        Workflows.Documents.Reports.StatisticalReportTemplate => "statisticalReport",
        _ => "other",
    };
}

public sealed record TemplateVersionSummary(int Version, string Name, DateTime? CreatedAt);

public sealed record TemplateSummary(string Key, string Name, string Kind, int CurrentVersion, bool Shipped, IReadOnlyList<TemplateVersionSummary> Versions);
