using System.Collections.Concurrent;
using System.Xml;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;

namespace Workflows.Server.Forms;

/// <summary>
/// Which published workflow a form starts when no setting names one: the latest version of a
/// workflow whose (none) start event binds the form with <c>zeebe:formDefinition</c>. This is how a
/// workflow drawn in the designer becomes something applicants can apply for, without a setting.
/// Read again at most every few seconds (another node may have published), and at once after a
/// deployment on this node.
/// </summary>
public sealed class StartForms(TimeProvider clock)
{
    private static readonly TimeSpan Validity = TimeSpan.FromSeconds(5);
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static readonly XNamespace Zeebe = "http://camunda.org/schema/zeebe/1.0";

    private readonly ConcurrentDictionary<Guid, string?> _formOfVersion = new();
    private volatile IReadOnlyDictionary<string, string> _processOfForm = new Dictionary<string, string>(StringComparer.Ordinal);
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The process a form starts by its start event's binding, as last read.</summary>
    public string? ProcessFor(string formId) => _processOfForm.GetValueOrDefault(formId);

    /// <summary>Makes the next <see cref="RefreshAsync"/> read the definitions again.</summary>
    public void Invalidate() => _readAt = DateTimeOffset.MinValue;

    public async Task RefreshAsync(WorkflowsDbContext db, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (_readAt != DateTimeOffset.MinValue && now - _readAt < Validity && now >= _readAt)
        {
            return;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var versions = await db.WorkflowDefinitions.AsNoTracking()
                .Select(d => new { d.Id, d.ProcessId, d.Version }).ToListAsync(cancellationToken);
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var latest in versions.GroupBy(v => v.ProcessId).Select(g => g.MaxBy(v => v.Version)!).OrderBy(v => v.ProcessId, StringComparer.Ordinal))
            {
                if (!_formOfVersion.TryGetValue(latest.Id, out var formId))
                {
                    var xml = await db.WorkflowDefinitions.AsNoTracking().Where(d => d.Id == latest.Id).Select(d => d.Xml).SingleAsync(cancellationToken);
                    formId = StartFormOf(xml);
                    _formOfVersion[latest.Id] = formId;
                }
                if (formId is not null)
                {
                    map.TryAdd(formId, latest.ProcessId);
                }
            }
            _processOfForm = map;
            _readAt = now;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The form id bound to the executable process's none start event, if any.</summary>
    public static string? StartFormOf(string xml)
    {
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            var document = XDocument.Load(reader);
            var start = document.Root?.Elements(Bpmn + "process")
                .Where(p => (string?)p.Attribute("isExecutable") != "false")
                .SelectMany(p => p.Elements(Bpmn + "startEvent"))
                .FirstOrDefault(s => !s.Elements().Any(e => e.Name.LocalName.EndsWith("EventDefinition", StringComparison.Ordinal)));
            var binding = start?.Element(Bpmn + "extensionElements")?.Element(Zeebe + "formDefinition");
            var formId = (string?)binding?.Attribute("formId") ?? (string?)binding?.Attribute("formKey");
            return string.IsNullOrWhiteSpace(formId) ? null : formId.Trim();
        }
        catch (XmlException)
        {
            return null;
        }
    }
}
