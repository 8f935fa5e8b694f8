using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Runtime;
using Workflows.Server.Applications;
using Workflows.Server.Hosting;
using Workflows.Server.Inbox;
using Workflows.Server.Runtime;
using Workflows.Server.Security;

namespace Workflows.Server.Components.Cases;

/// <summary>A document the case issued (批复, 证书 …), downloaded through <c>GET /api/v1/documents/{id}/pdf</c>.</summary>
public sealed record CaseDocument(Guid Id, string Title, string Number, string Issuer, DateOnly IssuedOn);

/// <summary>Everything the case view shows, read once under the same rule as <c>GET /api/v1/instances/{id}</c>.</summary>
public sealed record CaseData(
    InstancesApi.InstanceDetailView Detail,
    string UnitName,
    string WorkflowName,
    string UnitPath,
    IReadOnlyList<InstancesApi.HistoryView> History,
    IReadOnlyList<TaskView> MyTasks,
    IReadOnlyDictionary<Guid, string[]> Outcomes,
    TaskView? MyCopy,
    IReadOnlyList<(string Id, string Name)> EarlierSteps,
    IReadOnlyDictionary<string, string> StepOutcomes,
    string? Xml,
    bool IsApplicant,
    bool MayUrge,
    bool MayComment,
    Guid? ApplicationId,
    IReadOnlyList<CaseDocument> Documents,
    string? FormSchemaJson,
    string? FormDataJson,
    IReadOnlyList<AttachmentView> Attachments)
{
    public static async Task<CaseData?> LoadAsync(IServiceProvider services, Caller caller, Guid id, bool english)
    {
        var db = services.GetRequiredService<WorkflowsDbContext>();
        var clock = services.GetRequiredService<TimeProvider>();
        var instance = await db.WorkflowInstances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id);
        if (instance is null || !await InstancesApi.MayReadAsync(db, caller, instance))
        {
            if (instance is not null)
            {
                await services.GetRequiredService<SecurityAudit>().DeniedAsync(caller, "read case", $"case {id}", instance.UnitId);
            }
            return null;
        }
        var runtime = services.GetRequiredService<WorkflowRuntime>();
        var detail = await InstancesApi.DetailAsync(db, runtime, instance, clock, english ? Language.English : Language.Chinese);
        var now = clock.GetUtcNow().UtcDateTime;
        var delegations = await Delegations.ActiveForAsync(db, caller.UserId, now);
        var open = await db.WorkTasks.AsNoTracking().Include(t => t.Candidates)
            .Where(t => t.InstanceId == id && t.Status == WorkTaskStatus.Open && t.Kind == WorkTaskKind.Action).ToListAsync();
        var mine = open.Where(t => TaskActions.MayAct(t, caller, delegations)).Select(t => TaskViews.View(t, now)).ToList();
        var copy = await db.WorkTasks.AsNoTracking().Where(t => t.InstanceId == id && t.Kind == WorkTaskKind.Copy && t.AssigneeId == caller.UserId)
            .OrderByDescending(t => t.CreatedAt).FirstOrDefaultAsync();
        var events = await db.InstanceEvents.AsNoTracking().Where(e => e.InstanceId == id).OrderBy(e => e.Id).ToListAsync();
        var history = events.Select(e => new InstancesApi.HistoryView(e.Id, e.At, e.Kind.ToString(), e.ElementId, e.ElementName, e.ActorName, e.Outcome, e.Comment,
            e.Detail is null ? null : JsonDocument.Parse(e.Detail).RootElement.Clone())).ToList();
        var current = mine.Select(t => t.ElementId).ToHashSet();
        var earlier = await db.WorkTasks.AsNoTracking().Where(t => t.InstanceId == id && t.Kind == WorkTaskKind.Action && t.TaskKey != 0)
            .OrderBy(t => t.CreatedAt).Select(t => new { t.ElementId, t.Name }).ToListAsync();
        var steps = earlier.Where(s => !current.Contains(s.ElementId)).DistinctBy(s => s.ElementId).Select(s => (s.ElementId, s.Name)).ToList();
        var outcomes = await db.WorkTasks.AsNoTracking().Where(t => t.InstanceId == id && t.Status == WorkTaskStatus.Completed && t.Outcome != null)
            .OrderBy(t => t.CompletedAt).Select(t => new { t.ElementId, t.Outcome }).ToListAsync();
        var definition = await db.WorkflowDefinitions.AsNoTracking().Where(d => d.Id == instance.DefinitionId).Select(d => new { d.Name, d.Xml }).SingleOrDefaultAsync();
        var unitName = await db.Units.AsNoTracking().Where(u => u.Id == instance.UnitId).Select(u => english && u.NameEn != null ? u.NameEn : u.Name).SingleOrDefaultAsync() ?? "";
        var isApplicant = instance.StartedById == caller.UserId || caller.GrantsOf(Data.Accounts.Role.Applicant).Any(g => g.UnitId == instance.UnitId);
        var isAbove = caller.GrantsOf(Data.Accounts.Role.Reviewer, Data.Accounts.Role.Approver)
            .Any(g => g.UnitPath is not null && instance.UnitPath.StartsWith(g.UnitPath, StringComparison.Ordinal));
        // A case submitted on a form is shown in the same form, read-only, at the version it was filled in.
        var application = instance.ApplicationId is null ? null
            : await db.Applications.AsNoTracking().SingleOrDefaultAsync(a => a.Id == instance.ApplicationId);
        var form = application?.FormDefinitionId is null ? null
            : await db.FormDefinitions.AsNoTracking().SingleOrDefaultAsync(f => f.Id == application.FormDefinitionId);
        var compiled = await runtime.DefinitionAsync(instance);
        var allowed = mine.ToDictionary(t => t.Id, t => TaskActions.AllowedOutcomes(compiled.Nodes.GetValueOrDefault(t.ElementId)));
        return new CaseData(detail, unitName, definition?.Name ?? instance.ProcessId, instance.UnitPath, history, mine, allowed,
            copy is null ? null : TaskViews.View(copy, now), steps,
            outcomes.GroupBy(o => o.ElementId).ToDictionary(g => g.Key, g => g.Last().Outcome!),
            definition?.Xml, isApplicant,
            instance.Status == InstanceStatus.Active && (isApplicant || isAbove),
            AccessPolicy.CanActOnWork(caller, instance.UnitPath) || instance.StartedById == caller.UserId || mine.Count > 0,
            instance.ApplicationId,
            await db.IssuedDocuments.AsNoTracking().Where(d => d.InstanceId == id).OrderBy(d => d.CreatedAt)
                .Select(d => new CaseDocument(d.Id, d.Title, d.Number, d.IssuerName, d.IssuedOn)).ToListAsync(),
            form?.Json, form is null ? null : await OpenedWithAsync(services, application!),
            // The application's files and those added at its steps; the same rule as GET /api/v1/applications/{id}/attachments.
            application is null ? []
                : (await db.Attachments.AsNoTracking().Where(a => a.ApplicationId == application.Id).OrderBy(a => a.UploadedAt).ThenBy(a => a.Id).ToListAsync())
                    .Select(ApplicationViews.View).ToList());
    }

    /// <summary>
    /// The data as the viewer needs it: what was submitted over what the form is opened with (its option
    /// lists and the applicant's place), or selects, radios and checklists fed by a list show nothing.
    /// </summary>
    private static async Task<string> OpenedWithAsync(IServiceProvider services, Data.Applications.Application application)
    {
        var form = await services.GetRequiredService<ApplicationForms>().ForAsync(application);
        return form is null ? application.Data : ApplicationForms.OpenedWith(form, application.Data).ToJsonString();
    }
}
