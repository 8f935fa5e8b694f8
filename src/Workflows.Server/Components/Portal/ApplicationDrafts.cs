using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Forms.Validation;
using Workflows.Server.Applications;
using Workflows.Server.Forms;
using Workflows.Server.Hosting;
using Workflows.Server.Security;

namespace Workflows.Server.Components.Portal;

/// <summary>A form as the applicant edits it: the schema for the viewer, the saved data, and where it stands.</summary>
public sealed record DraftState(Guid? ApplicationId, string FormId, string FormTitle, Guid UnitId, string SchemaJson, string DataJson, string Status,
    Guid? InstanceId, Guid? RevisionTaskId, IReadOnlyList<AttachmentView> Files);

/// <summary>What the server said about the data: errors block submission, warnings are shown before it.</summary>
public sealed record DraftCheck(IReadOnlyList<FormIssue> Errors, IReadOnlyList<FormIssue> Warnings, string? Failure = null, Guid? ApplicationId = null, Guid? InstanceId = null)
{
    /// <summary>What was sent is now the saved draft (or the submission).</summary>
    public bool Saved { get; init; }
}

/// <summary>
/// The applicant portal's drafts, saving and submission: the page's side of
/// <see cref="ApplicationSubmission"/>, the service behind <c>/api/v1/applications/{id}/data|validate|submit</c>.
/// </summary>
public static class ApplicationDrafts
{
    public sealed record FormChoice(string FormId, string Title);

    /// <summary>Forms that start a workflow: what a unit may apply for.</summary>
    public static async Task<List<FormChoice>> ChoicesAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<WorkflowsDbContext>();
        var forms = services.GetRequiredService<ApplicationForms>();
        await forms.RefreshStartFormsAsync();
        var versions = await db.FormDefinitions.AsNoTracking().Select(f => new { f.FormId, f.Version, f.Title }).ToListAsync();
        return versions.GroupBy(v => v.FormId).Where(g => forms.WorkflowFor(g.Key) is not null)
            .Select(g => g.MaxBy(v => v.Version)!).Select(v => new FormChoice(v.FormId, v.Title)).OrderBy(c => c.Title).ToList();
    }

    public static async Task<DraftState?> NewAsync(IServiceProvider services, Caller caller, string formId, Guid unitId)
    {
        if (!AccessPolicy.CanApplyFor(caller, unitId))
        {
            return null;
        }
        var record = await services.GetRequiredService<FormStore>().LatestAsync(formId);
        if (record is null)
        {
            return null;
        }
        var form = await services.GetRequiredService<ApplicationForms>().ForAsync(record, unitId);
        return form is null ? null : new DraftState(null, record.FormId, record.Title, unitId, record.Json, form.InitialData.ToJsonString(), "Draft", null, null, []);
    }

    public static async Task<DraftState?> OpenAsync(IServiceProvider services, Caller caller, Guid applicationId)
    {
        var db = services.GetRequiredService<WorkflowsDbContext>();
        var application = await db.Applications.AsNoTracking().Include(a => a.Unit).SingleOrDefaultAsync(a => a.Id == applicationId);
        if (application is null || !AccessPolicy.CanReadWork(caller, application.Unit!.Path))
        {
            return null;
        }
        var form = await services.GetRequiredService<ApplicationForms>().ForAsync(application);
        if (form is null)
        {
            return null;
        }
        var view = await ApplicationViews.ViewAsync(db, application);
        var data = ApplicationForms.OpenedWith(form, application.Data);
        // The files of the application's own filepickers (not those added to steps later), for their names.
        var files = await db.Attachments.AsNoTracking().Where(a => a.ApplicationId == application.Id && a.TaskId == null)
            .OrderBy(a => a.UploadedAt).ThenBy(a => a.Id).ToListAsync();
        return new DraftState(application.Id, form.Record.FormId, form.Record.Title, application.UnitId, form.Record.Json, data.ToJsonString(), view.Status,
            application.InstanceId, view.RevisionTaskId, files.Select(ApplicationViews.View).ToList());
    }

    /// <summary>Saves as typed (types checked only); the first save creates the draft.</summary>
    public static async Task<DraftCheck> SaveAsync(IServiceProvider services, Caller caller, DraftState state, string dataJson)
    {
        var submission = services.GetRequiredService<ApplicationSubmission>();
        var (editable, refusal) = await EditableAsync(submission, caller, state);
        if (refusal is not null)
        {
            return new DraftCheck([], [], refusal.Message.In(Language()));
        }
        var saved = await submission.SaveAsync(editable!, ApplicationForms.Parse(dataJson));
        var id = editable!.IsNew ? (Guid?)null : editable.Application.Id;
        return new DraftCheck(saved.Refused, saved.Warnings, null, id) { Saved = saved.Saved };
    }

    /// <summary>Saves, then checks in full; submits only when there are no errors and <paramref name="submit"/> is set.</summary>
    public static async Task<DraftCheck> CheckOrSubmitAsync(IServiceProvider services, Caller caller, DraftState state, string dataJson, bool submit)
    {
        var submission = services.GetRequiredService<ApplicationSubmission>();
        var (editable, refusal) = await EditableAsync(submission, caller, state);
        if (refusal is not null)
        {
            return new DraftCheck([], [], refusal.Message.In(Language()));
        }
        var saved = await submission.SaveAsync(editable!, ApplicationForms.Parse(dataJson));
        if (!saved.Saved)
        {
            return new DraftCheck(saved.Refused, saved.Warnings, null, editable!.IsNew ? null : editable.Application.Id);
        }
        var id = editable!.Application.Id;
        if (!submit)
        {
            var check = await submission.CheckAsync(editable);
            return new DraftCheck(check.Errors, check.Warnings, null, id) { Saved = true };
        }
        var outcome = await submission.SubmitAsync(editable, caller, null);
        return outcome.Submitted
            ? new DraftCheck([], outcome.Check.Warnings, null, id, outcome.InstanceId) { Saved = true }
            : new DraftCheck(outcome.Check.Errors, outcome.Check.Warnings, outcome.Refusal?.Message.In(Language()), id) { Saved = true };
    }

    /// <summary>The application being edited, if the caller may change it now, or a new draft of the form.</summary>
    private static async Task<(EditableApplication?, SubmissionRefusal?)> EditableAsync(ApplicationSubmission submission, Caller caller, DraftState state)
    {
        if (state.ApplicationId is not { } id)
        {
            return await submission.NewDraftAsync(state.FormId, state.UnitId, caller);
        }
        var (editable, refusal) = await submission.EditableAsync(id, caller, "change application");
        // The page was opened for one unit's application; another's is not this one.
        return editable is not null && editable.Application.UnitId != state.UnitId
            ? (null, new SubmissionRefusal(StatusCodes.Status404NotFound, ApplicationsApi.NoSuchApplication))
            : (editable, refusal);
    }

    private static Language Language() => Web.UiText.IsEnglish ? Hosting.Language.English : Hosting.Language.Chinese;
}
