using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Applications;
using Workflows.Forms.Validation;
using Workflows.Server.Applications;
using Workflows.Server.Forms;
using Workflows.Server.Hosting;
using Workflows.Server.Inbox;
using Workflows.Server.Runtime;
using Workflows.Server.Security;

namespace Workflows.Server.Components.Portal;

/// <summary>A form as the applicant edits it: the schema for the viewer, the saved data, and where it stands.</summary>
public sealed record DraftState(Guid? ApplicationId, string FormId, string FormTitle, Guid UnitId, string SchemaJson, string DataJson, string Status,
    Guid? InstanceId, Guid? RevisionTaskId, IReadOnlyList<AttachmentView> Files);

/// <summary>What the server said about the data: errors block submission, warnings are shown before it.</summary>
public sealed record DraftCheck(IReadOnlyList<FormIssue> Errors, IReadOnlyList<FormIssue> Warnings, string? Failure = null, Guid? ApplicationId = null, Guid? InstanceId = null);

/// <summary>
/// The applicant portal's drafts, saving and submission, through the same form services and checks
/// as <c>/api/v1/applications</c> (drafts checked for types only; submission checked in full against
/// the draft's form version and the rule sets; the workflow started, or the revision task completed
/// after a return, in one transaction).
/// </summary>
public static class ApplicationDrafts
{
    public sealed record FormChoice(string FormId, string Title);

    /// <summary>Forms that start a workflow: what a unit may apply for.</summary>
    public static async Task<List<FormChoice>> ChoicesAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<WorkflowsDbContext>();
        var forms = services.GetRequiredService<ApplicationForms>();
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
        var (application, form, failure) = await EditableAsync(services, caller, state);
        if (failure is not null)
        {
            return new DraftCheck([], [], failure.Value.In(Language()));
        }
        var forms = services.GetRequiredService<ApplicationForms>();
        var draft = forms.Draft(form!, ApplicationForms.Parse(dataJson));
        var refused = ApplicationForms.DraftErrors(draft);
        if (refused.Count > 0)
        {
            return new DraftCheck(refused, draft.Warnings, null, application!.Id == Guid.Empty ? null : application.Id);
        }
        var db = services.GetRequiredService<WorkflowsDbContext>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        if (db.Entry(application!).State == EntityState.Detached)
        {
            application!.Id = Guid.NewGuid();
            db.Applications.Add(application);
        }
        await forms.BindAttachmentsAsync(form!, application!.Id, draft.Data);
        application.Data = draft.Data.ToJsonString();
        application.Title = forms.Title(form!, draft.Data);
        application.UpdatedAt = now;
        application.Version++;
        await db.SaveChangesAsync();
        return new DraftCheck([], draft.Warnings, null, application.Id);
    }

    /// <summary>Saves, then checks in full; submits only when there are no errors and <paramref name="submit"/> is set.</summary>
    public static async Task<DraftCheck> CheckOrSubmitAsync(IServiceProvider services, Caller caller, DraftState state, string dataJson, bool submit)
    {
        var saved = await SaveAsync(services, caller, state, dataJson);
        if (saved.Failure is not null || saved.Errors.Count > 0)
        {
            return saved;
        }
        var db = services.GetRequiredService<WorkflowsDbContext>();
        db.ChangeTracker.Clear();
        var (application, form, failure) = await EditableAsync(services, caller, state with { ApplicationId = saved.ApplicationId });
        if (failure is not null)
        {
            return new DraftCheck([], [], failure.Value.In(Language()), saved.ApplicationId);
        }
        var forms = services.GetRequiredService<ApplicationForms>();
        var data = ApplicationForms.Parse(application!.Data);
        await forms.BindAttachmentsAsync(form!, application.Id, data);
        var check = await forms.CheckAsync(form!, data);
        if (!check.IsValid || !submit)
        {
            return new DraftCheck(check.Errors, check.Warnings, null, application.Id);
        }
        var title = forms.Title(form!, check.Data);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
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
        var view = await ApplicationViews.ViewAsync(db, application);
        if (view.RevisionTaskId is { } revision)
        {
            var (_, refused) = await services.GetRequiredService<TaskActions>().CompleteAsync(revision,
                new CompleteTaskRequest(TaskActions.Submit, null, null, variables), caller, null, _ => Record(), applicationSubmit: true);
            return refused is null
                ? new DraftCheck([], check.Warnings, null, application.Id, application.InstanceId)
                : new DraftCheck([], check.Warnings, refused.Message.In(Language()), application.Id);
        }
        var workflow = forms.WorkflowFor(form!.Record.FormId);
        if (workflow is null)
        {
            return new DraftCheck([], check.Warnings, new Text("该表单没有对应的流程，不能提交", "This form starts no workflow; it cannot be submitted").In(Language()), application.Id);
        }
        var outcome = await services.GetRequiredService<WorkflowRuntime>().StartAsync(
            new StartRequest(workflow.ProcessId, application.UnitId, null, title, variables, application.Id),
            new Actor(caller.UserId, caller.DisplayName, null), started =>
            {
                application.InstanceId = started.Instance.Id;
                Record();
            });
        return outcome.Accepted
            ? new DraftCheck([], check.Warnings, null, application.Id, outcome.Instance.Id)
            : new DraftCheck([], check.Warnings, new Text(outcome.Rejection!.MessageZh, outcome.Rejection.MessageEn).In(Language()), application.Id);
    }

    /// <summary>The application, tracked (or new and detached), if the caller may change it now: a draft, or returned for revision.</summary>
    private static async Task<(Application? Application, ApplicationForm? Form, Text? Failure)> EditableAsync(IServiceProvider services, Caller caller, DraftState state)
    {
        var db = services.GetRequiredService<WorkflowsDbContext>();
        var forms = services.GetRequiredService<ApplicationForms>();
        if (!AccessPolicy.CanApplyFor(caller, state.UnitId))
        {
            return (null, null, new Text("只有申报单位的申报人可以修改和提交申请", "Only an applicant of the applying unit can change or submit the application"));
        }
        if (state.ApplicationId is null)
        {
            var record = await services.GetRequiredService<FormStore>().LatestAsync(state.FormId);
            var fresh = record is null ? null : await forms.ForAsync(record, state.UnitId);
            if (record is null || fresh is null)
            {
                return (null, null, new Text("没有这个表单", "No such form"));
            }
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            return (new Application
            {
                UnitId = state.UnitId, Kind = record.FormId, Title = $"{fresh.Applicant.Label} {record.Title}", Status = ApplicationStatus.Draft,
                CreatedById = caller.UserId, CreatedAt = now, UpdatedAt = now, Version = 0, FormId = record.FormId, FormDefinitionId = record.Id,
                FormVersion = record.Version, ProcessId = forms.WorkflowFor(record.FormId)?.ProcessId, Data = "{}",
            }, fresh, null);
        }
        var application = await db.Applications.Include(a => a.Unit).SingleOrDefaultAsync(a => a.Id == state.ApplicationId);
        if (application is null || application.UnitId != state.UnitId)
        {
            return (null, null, ApplicationsApi.NoSuchApplication);
        }
        if (application.Status != ApplicationStatus.Draft && (await ApplicationViews.ViewAsync(db, application)).RevisionTaskId is null)
        {
            return (null, null, new Text("申请已提交，正在办理中；只有退回后才能修改", "The application has been submitted; it can be changed only after it is returned"));
        }
        var form = await forms.ForAsync(application);
        return form is null ? (null, null, new Text("该申请不是用表单填写的", "This application was not made on a form")) : (application, form, null);
    }

    private static Language Language() => Web.UiText.IsEnglish ? Hosting.Language.English : Hosting.Language.Chinese;
}
