using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Applications;
using Workflows.Forms.Validation;
using Workflows.Server.Forms;
using Workflows.Server.Hosting;
using Workflows.Server.Inbox;
using Workflows.Server.Runtime;
using Workflows.Server.Security;

namespace Workflows.Server.Applications;

/// <summary>An application the caller may change now, tracked (or new and not yet saved), with the form version it is filled in on.</summary>
public sealed record EditableApplication(Application Application, ApplicationForm Form)
{
    public bool IsNew => Application.Id == Guid.Empty;
}

/// <summary>Why an application cannot be changed or submitted: an HTTP status and a message, or the revision task's own refusal.</summary>
public sealed record SubmissionRefusal(int Status, Text Message, ActionFailure? TaskFailure = null);

/// <summary>A save: refused (wrong types, unknown keys; nothing saved) or saved, with the warnings either way.</summary>
public sealed record DraftSave(IReadOnlyList<FormIssue> Refused, IReadOnlyList<FormIssue> Warnings)
{
    public bool Saved => Refused.Count == 0;
}

/// <summary>A submission: the full check, and, when it passed, the case it started or continued, or why that was refused.</summary>
public sealed record SubmissionOutcome(FormCheck Check, Guid? InstanceId, SubmissionRefusal? Refusal)
{
    public bool Submitted => Check.IsValid && Refusal is null;
}

/// <summary>
/// Changing and submitting an application, for the API (<c>/api/v1/applications/{id}/data|validate|submit</c>)
/// and the applicant portal alike. A draft is saved as typed (types checked only); submitting checks the
/// saved data in full against the form version the draft was started with and the rule sets of the
/// applicant's jurisdiction, then starts the workflow with the cleaned data, or, after a return (退回),
/// completes the applicant's revision task; the application's record changes in the same transaction.
/// </summary>
public sealed class ApplicationSubmission(WorkflowsDbContext db, ApplicationForms forms, FormStore formStore, WorkflowRuntime runtime, TaskActions actions,
    SecurityAudit audit, TimeProvider clock)
{
    public static readonly Text OnlyApplicants = new("只有申报单位的申报人可以修改和提交申请", "Only an applicant of the applying unit can change or submit the application");

    public static readonly Text AlreadySubmitted = new("申请已提交，正在办理中；只有退回后才能修改", "The application has been submitted; it can be changed only after it is returned");

    public static readonly Text NotOnAForm = new("该申请不是用表单填写的", "This application was not made on a form");

    public static readonly Text NoWorkflow = new("该表单没有对应的流程，不能提交", "This form starts no workflow; it cannot be submitted");

    /// <summary>
    /// The application, tracked, if the caller may change it now: an applicant of its unit, while it is
    /// a draft or has been returned to the applicant for revision. A refusal to someone outside is audited.
    /// </summary>
    public async Task<(EditableApplication? Editable, SubmissionRefusal? Refusal)> EditableAsync(Guid id, Caller caller, string action,
        CancellationToken cancellationToken = default)
    {
        var application = await db.Applications.Include(a => a.Unit).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (application is null)
        {
            return (null, new(StatusCodes.Status404NotFound, ApplicationsApi.NoSuchApplication));
        }
        if (!AccessPolicy.CanApplyFor(caller, application.UnitId))
        {
            await audit.DeniedAsync(caller, action, $"application {id}", application.UnitId);
            return (null, new(StatusCodes.Status403Forbidden, OnlyApplicants));
        }
        if (application.Status != ApplicationStatus.Draft && (await ApplicationViews.ViewAsync(db, application, cancellationToken)).RevisionTaskId is null)
        {
            return (null, new(StatusCodes.Status409Conflict, AlreadySubmitted));
        }
        var form = await forms.ForAsync(application, cancellationToken);
        return form is null ? (null, new(StatusCodes.Status409Conflict, NotOnAForm)) : (new(application, form), null);
    }

    /// <summary>A new draft of the form's latest version for the unit, not saved until <see cref="SaveAsync"/>.</summary>
    public async Task<(EditableApplication? Editable, SubmissionRefusal? Refusal)> NewDraftAsync(string formId, Guid unitId, Caller caller,
        CancellationToken cancellationToken = default)
    {
        if (!AccessPolicy.CanApplyFor(caller, unitId))
        {
            return (null, new(StatusCodes.Status403Forbidden, OnlyApplicants));
        }
        var record = await formStore.LatestAsync(formId, cancellationToken);
        var form = record is null ? null : await forms.ForAsync(record, unitId, cancellationToken);
        if (record is null || form is null)
        {
            return (null, new(StatusCodes.Status404NotFound, new("没有这个表单", "No such form")));
        }
        await forms.RefreshStartFormsAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        return (new(new Application
        {
            UnitId = unitId, Kind = record.FormId, Title = $"{form.Applicant.Label} {record.Title}", Status = ApplicationStatus.Draft,
            CreatedById = caller.UserId, CreatedAt = now, UpdatedAt = now, Version = 0, FormId = record.FormId, FormDefinitionId = record.Id,
            FormVersion = record.Version, ProcessId = forms.WorkflowFor(record.FormId)?.ProcessId, Data = "{}",
        }, form), null);
    }

    /// <summary>Saves the data as typed (types checked only; a new draft is created); refused, nothing is saved.</summary>
    public Task<DraftSave> SaveAsync(EditableApplication editable, JsonObject data, CancellationToken cancellationToken = default) =>
        SaveAsync(editable, forms.Draft(editable.Form, data), cancellationToken);

    /// <summary>Saves the data as a request body sent it.</summary>
    public Task<DraftSave> SaveAsync(EditableApplication editable, byte[] body, CancellationToken cancellationToken = default) =>
        SaveAsync(editable, forms.Draft(editable.Form, body), cancellationToken);

    private async Task<DraftSave> SaveAsync(EditableApplication editable, SubmissionResult draft, CancellationToken cancellationToken)
    {
        var (application, form) = editable;
        var refused = ApplicationForms.DraftErrors(draft);
        if (refused.Count > 0)
        {
            return new(refused, draft.Warnings);
        }
        if (editable.IsNew)
        {
            application.Id = Guid.CreateVersion7();
            db.Applications.Add(application);
        }
        // The filepickers' values name the files uploaded to them, whatever was sent.
        await forms.BindAttachmentsAsync(form, application.Id, draft.Data, cancellationToken);
        application.Data = draft.Data.ToJsonString();
        application.Title = forms.Title(form, draft.Data);
        application.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        application.Version++;
        await db.SaveChangesAsync(cancellationToken);
        return new([], draft.Warnings);
    }

    /// <summary>The errors and warnings a submission of the saved data would meet, and the cleaned data.</summary>
    public async Task<FormCheck> CheckAsync(EditableApplication editable, CancellationToken cancellationToken = default)
    {
        var data = ApplicationForms.Parse(editable.Application.Data);
        await forms.BindAttachmentsAsync(editable.Form, editable.Application.Id, data, cancellationToken);
        return await forms.CheckAsync(editable.Form, data, cancellationToken);
    }

    /// <summary>
    /// Submits the saved data: checked in full (errors leave everything as it was); starts the workflow,
    /// or completes the revision task after a return; the application records the submission in the
    /// same transaction.
    /// </summary>
    public async Task<SubmissionOutcome> SubmitAsync(EditableApplication editable, Caller caller, string? ipAddress, CancellationToken cancellationToken = default)
    {
        var (application, form) = editable;
        var check = await CheckAsync(editable, cancellationToken);
        if (!check.IsValid)
        {
            return new(check, null, null);
        }
        var title = forms.Title(form, check.Data);
        var now = clock.GetUtcNow().UtcDateTime;
        var variables = ApplicationForms.Variables(check.Data);
        void Record()
        {
            application.Status = ApplicationStatus.Submitted;
            application.Data = check.Data.ToJsonString();
            application.Warnings = ApplicationViews.StoreWarnings(check.Warnings);
            application.Title = title;
            application.SubmittedAt = now;
            application.UpdatedAt = now;
            application.Version++;
        }
        var view = await ApplicationViews.ViewAsync(db, application, cancellationToken);
        if (view.RevisionTaskId is { } revision)
        {
            var (_, refused) = await actions.CompleteAsync(revision, new CompleteTaskRequest(TaskActions.Submit, null, null, variables), caller, ipAddress,
                _ => Record(), cancellationToken, applicationSubmit: true);
            return refused is null
                ? new(check, application.InstanceId, null)
                : new(check, null, new(refused.Status, refused.Message, refused));
        }
        await forms.RefreshStartFormsAsync(cancellationToken);
        var workflow = forms.WorkflowFor(form.Record.FormId);
        if (workflow is null)
        {
            return new(check, null, new(StatusCodes.Status409Conflict, NoWorkflow));
        }
        var outcome = await runtime.StartAsync(new StartRequest(workflow.ProcessId, application.UnitId, null, title, variables, application.Id),
            new Actor(caller.UserId, caller.DisplayName, ipAddress), started =>
            {
                application.InstanceId = started.Instance.Id;
                Record();
            }, cancellationToken);
        if (!outcome.Accepted)
        {
            db.ChangeTracker.Clear();
            return new(check, null, new(StatusCodes.Status409Conflict, new(outcome.Rejection!.MessageZh, outcome.Rejection.MessageEn)));
        }
        return new(check, outcome.Instance.Id, null);
    }
}
