using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Applications;
using Workflows.Data.Runtime;
using Workflows.Server.Forms;
using InstanceStatus = Workflows.Data.Runtime.InstanceStatus;

namespace Workflows.Server.Applications;

public sealed record ApplicationView(Guid Id, Guid UnitId, string UnitName, string Kind, string Title, string Status, DateTime CreatedAt, DateTime UpdatedAt,
    int Version, string? FormId, int? FormVersion, string? ProcessId, Guid? InstanceId, string? CurrentSteps, DateTime? SubmittedAt, Guid? RevisionTaskId);

public sealed record CommentView(Guid Id, Guid AuthorId, string AuthorName, string Text, DateTime At);

public sealed record AttachmentView(Guid Id, string FieldPath, Guid? TaskId, string FileName, string MediaType, long Length, string Sha256, DateTime UploadedAt, string Url);

public sealed record ApplicationDetailView(ApplicationView Application, JsonElement Data, IReadOnlyList<IssueView> Warnings,
    IReadOnlyList<AttachmentView> Attachments, IReadOnlyList<CommentView> Comments);

/// <summary>
/// How an application looks from outside: while it is a draft, its own status; once submitted, the
/// status follows its case (in review, returned to the applicant, completed, withdrawn) and names
/// the case's current step.
/// </summary>
public static class ApplicationViews
{
    public static async Task<List<ApplicationView>> ViewsAsync(WorkflowsDbContext db, IReadOnlyList<Application> applications, CancellationToken cancellationToken = default)
    {
        var instanceIds = applications.Where(a => a.InstanceId is not null).Select(a => a.InstanceId!.Value).Distinct().ToList();
        var instances = instanceIds.Count == 0
            ? []
            : await db.WorkflowInstances.AsNoTracking().Where(i => instanceIds.Contains(i.Id))
                .Select(i => new { i.Id, i.Status, i.CurrentSteps, i.StartedById }).ToDictionaryAsync(i => i.Id, cancellationToken);
        var revisions = instanceIds.Count == 0
            ? []
            : await db.WorkTasks.AsNoTracking()
                .Where(t => instanceIds.Contains(t.InstanceId) && t.Status == WorkTaskStatus.Open && t.Kind == WorkTaskKind.Action && t.AssigneeId != null)
                .Select(t => new { t.Id, t.InstanceId, t.AssigneeId }).ToListAsync(cancellationToken);
        return applications.Select(a =>
        {
            if (a.InstanceId is not { } instanceId || !instances.TryGetValue(instanceId, out var instance))
            {
                return View(a, a.Status.ToString(), null, null);
            }
            // The revision task (修改申请材料) is assigned to whoever submitted: the case's starter.
            var revision = revisions.FirstOrDefault(t => t.InstanceId == instanceId && t.AssigneeId == instance.StartedById)?.Id;
            var status = instance.Status switch
            {
                InstanceStatus.Active => revision is not null ? ApplicationStatus.Returned : ApplicationStatus.InReview,
                InstanceStatus.Cancelled => ApplicationStatus.Withdrawn,
                _ => ApplicationStatus.Completed,
            };
            return View(a, status.ToString(), instance.CurrentSteps, revision);
        }).ToList();
    }

    public static async Task<ApplicationView> ViewAsync(WorkflowsDbContext db, Application application, CancellationToken cancellationToken = default) =>
        (await ViewsAsync(db, [application], cancellationToken))[0];

    private static ApplicationView View(Application a, string status, string? currentSteps, Guid? revisionTask) =>
        new(a.Id, a.UnitId, a.Unit?.Name ?? "", a.Kind, a.Title, status, a.CreatedAt, a.UpdatedAt, a.Version, a.FormId, a.FormVersion, a.ProcessId,
            a.InstanceId, currentSteps, a.SubmittedAt, revisionTask);

    public static AttachmentView View(Data.Forms.Attachment a) =>
        new(a.Id, a.FieldPath, a.TaskId, a.FileName, a.MediaType, a.Length, a.Sha256, a.UploadedAt, $"/api/v1/attachments/{a.Id}");

    public static JsonElement Json(string? json) =>
        JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json).RootElement.Clone();

    /// <summary>Warnings are kept in both languages and shown in the caller's.</summary>
    public static IReadOnlyList<IssueView> Warnings(string? json, Hosting.Language language) =>
        string.IsNullOrWhiteSpace(json) ? [] : FormProblems.Views(JsonSerializer.Deserialize<List<Workflows.Forms.Validation.FormIssue>>(json, JsonSerializerOptions.Web) ?? [], language);

    public static string StoreWarnings(IEnumerable<Workflows.Forms.Validation.FormIssue> warnings) =>
        JsonSerializer.Serialize(warnings.ToList(), JsonSerializerOptions.Web);
}
