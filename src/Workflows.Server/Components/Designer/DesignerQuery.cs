using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Runtime;
using Workflows.Server.Designer;

namespace Workflows.Server.Components.Designer;

public sealed record WorkflowRow(string ProcessId, string Name, int? LatestVersion, int Versions, int RunningInstances, DateTime? PublishedAt, string? PublishedBy, bool HasDraft);

/// <summary>What the designer pages read: the workflows with their versions and drafts.</summary>
public static class DesignerQuery
{
    public static async Task<List<WorkflowRow>> WorkflowsAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<WorkflowsDbContext>();
        var versions = await db.WorkflowDefinitions.AsNoTracking().Select(d => new { d.ProcessId, d.Version, d.Name, d.DeployedAt, d.DeployedById }).ToListAsync();
        var running = await db.WorkflowInstances.AsNoTracking().Where(i => i.Status == InstanceStatus.Active)
            .GroupBy(i => i.ProcessId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var drafts = await db.WorkflowDrafts.AsNoTracking().Select(d => new { d.ProcessId, d.Xml }).ToListAsync();
        var names = await services.GetRequiredService<WorkflowDesign>().NamesAsync(versions.Select(v => v.DeployedById));
        var rows = versions.GroupBy(v => v.ProcessId).Select(g =>
        {
            var latest = g.MaxBy(v => v.Version)!;
            return new WorkflowRow(g.Key, latest.Name, latest.Version, g.Count(), running.GetValueOrDefault(g.Key), latest.DeployedAt,
                latest.DeployedById is { } by ? names.GetValueOrDefault(by) : null, drafts.Any(d => d.ProcessId == g.Key));
        }).ToList();
        rows.AddRange(drafts.Where(d => rows.All(r => r.ProcessId != d.ProcessId))
            .Select(d => new WorkflowRow(d.ProcessId, NameOf(d.Xml) ?? d.ProcessId, null, 0, 0, null, null, true)));
        return rows.OrderBy(r => r.ProcessId, StringComparer.Ordinal).ToList();
    }

    /// <summary>The process name in a BPMN file, read loosely (a draft may not be valid).</summary>
    public static string? NameOf(string xml)
    {
        try
        {
            var document = WorkflowComparison.Parse(xml);
            return document.Descendants().FirstOrDefault(e => e.Name.LocalName == "process")?.Attribute("name")?.Value;
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    /// <summary>The id of the first process in a BPMN file, read loosely.</summary>
    public static string? ProcessIdOf(string xml)
    {
        try
        {
            var document = WorkflowComparison.Parse(xml);
            return document.Descendants().FirstOrDefault(e => e.Name.LocalName == "process")?.Attribute("id")?.Value;
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }
}
