using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
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

/// <summary>
/// Drafts and submission. A draft is saved as typed (types checked only) as often as wanted; a dry
/// run shows the errors and warnings a submission would meet; submitting checks everything against
/// the form version the draft was started with and the rule sets of the applicant's jurisdiction,
/// then starts the workflow with the cleaned data, all in one transaction. After a return (退回) the
/// same endpoints edit the data and resubmit by completing the applicant's revision task.
/// </summary>
public static class ApplicationSubmissionApi
{
    public sealed record DraftView(ApplicationView Application, System.Text.Json.JsonElement Data, IReadOnlyList<IssueView> Warnings);

    public sealed record CheckView(bool Valid, IReadOnlyList<IssueView> Errors, IReadOnlyList<IssueView> Warnings, IReadOnlyList<string> Hidden,
        System.Text.Json.JsonElement Data, string Title);

    public sealed record SubmitView(ApplicationView Application, IReadOnlyList<IssueView> Warnings);

    public static void MapApplicationSubmission(this RouteGroupBuilder group)
    {
        group.MapPut("/{id:guid}/data", Save).Accepts<JsonObject>("application/json").Produces<DraftView>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithSummary("Save the draft's data (the form's values as a JSON object). Only types are checked; nothing typed is lost. Also edits a returned application before resubmitting.");
        group.MapPost("/{id:guid}/validate", Validate).Produces<CheckView>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Dry run: the errors and warnings (form checks and rule sets) a submission of the saved data would meet, and the cleaned data.");
        group.MapPost("/{id:guid}/submit", Submit).Produces<SubmitView>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Submit the saved data: checked in full; errors block (400, draft intact), warnings are kept with the submission; starts the workflow, or completes the revision task after a return.");
    }

    private static async Task<IResult> Save(Guid id, HttpContext http, CallerAccessor callers, WorkflowsDbContext db, SecurityAudit audit,
        ApplicationForms forms, TimeProvider clock)
    {
        var limit = SubmissionLimits.Default.MaxBytes;
        var (application, form, failure) = await EditableAsync(id, http, callers, db, audit, forms, "save application");
        if (failure is not null)
        {
            return failure;
        }
        var body = await FormBodies.ReadAsync(http, limit);
        if (body is null)
        {
            return FormBodies.TooLarge(http, limit);
        }
        var draft = SubmissionValidator.Validate(form!.Definition, body, new SubmissionOptions
        {
            Mode = SubmissionMode.Draft, Now = clock.GetUtcNow(), InitialData = form.InitialData, OptionLists = form.Lists,
        });
        var refused = ApplicationForms.DraftErrors(draft);
        if (refused.Count > 0)
        {
            return FormProblems.Validation(http, refused, draft.Warnings);
        }
        var data = draft.Data;
        await forms.BindAttachmentsAsync(form, application!.Id, data, http.RequestAborted);
        application.Data = data.ToJsonString();
        application.Title = forms.Title(form, data);
        application.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        application.Version++;
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Ok(new DraftView(await ApplicationViews.ViewAsync(db, application), ApplicationViews.Json(application.Data),
            FormProblems.Views(draft.Warnings, Languages.Of(http))));
    }

    private static async Task<IResult> Validate(Guid id, HttpContext http, CallerAccessor callers, WorkflowsDbContext db, SecurityAudit audit, ApplicationForms forms)
    {
        var (application, form, failure) = await EditableAsync(id, http, callers, db, audit, forms, "validate application");
        if (failure is not null)
        {
            return failure;
        }
        var data = ApplicationForms.Parse(application!.Data);
        await forms.BindAttachmentsAsync(form!, application.Id, data, http.RequestAborted);
        var check = await forms.CheckAsync(form!, data, http.RequestAborted);
        var language = Languages.Of(http);
        return TypedResults.Ok(new CheckView(check.IsValid, FormProblems.Views(check.Errors, language), FormProblems.Views(check.Warnings, language),
            check.Hidden, ApplicationViews.Json(check.Data.ToJsonString()), forms.Title(form!, check.Data)));
    }

    private static async Task<IResult> Submit(Guid id, HttpContext http, CallerAccessor callers, WorkflowsDbContext db, SecurityAudit audit,
        ApplicationForms forms, WorkflowRuntime runtime, TaskActions actions, TimeProvider clock)
    {
        var (application, form, failure) = await EditableAsync(id, http, callers, db, audit, forms, "submit application");
        if (failure is not null)
        {
            return failure;
        }
        var caller = await callers.RequireAsync();
        var data = ApplicationForms.Parse(application!.Data);
        await forms.BindAttachmentsAsync(form!, application.Id, data, http.RequestAborted);
        var check = await forms.CheckAsync(form!, data, http.RequestAborted);
        if (!check.IsValid)
        {
            // Nothing was changed: the saved draft stays exactly as it was.
            return FormProblems.Validation(http, check.Errors, check.Warnings);
        }
        var title = forms.Title(form!, check.Data);
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
        var ip = http.Connection.RemoteIpAddress?.ToString();
        var view = await ApplicationViews.ViewAsync(db, application, http.RequestAborted);
        if (view.RevisionTaskId is { } revision)
        {
            var (_, refused) = await actions.CompleteAsync(revision, new CompleteTaskRequest(TaskActions.Submit, null, null, variables), caller, ip,
                _ => Record(), http.RequestAborted, applicationSubmit: true);
            if (refused is not null)
            {
                return TasksApi.Failure(http, refused);
            }
        }
        else
        {
            var workflow = forms.WorkflowFor(form!.Record.FormId);
            if (workflow is null)
            {
                return Problems.Conflict(http, new("该表单没有对应的流程，不能提交", "This form starts no workflow; it cannot be submitted"));
            }
            var outcome = await runtime.StartAsync(new StartRequest(workflow.ProcessId, application.UnitId, null, title, variables, application.Id),
                new Actor(caller.UserId, caller.DisplayName, ip), started =>
                {
                    application.InstanceId = started.Instance.Id;
                    Record();
                }, http.RequestAborted);
            if (!outcome.Accepted)
            {
                db.ChangeTracker.Clear();
                return Problems.Conflict(http, new(outcome.Rejection!.MessageZh, outcome.Rejection.MessageEn));
            }
        }
        var saved = await db.Applications.AsNoTracking().Include(a => a.Unit).SingleAsync(a => a.Id == id, http.RequestAborted);
        return TypedResults.Ok(new SubmitView(await ApplicationViews.ViewAsync(db, saved, http.RequestAborted), FormProblems.Views(check.Warnings, Languages.Of(http))));
    }

    /// <summary>
    /// The application, tracked, if the caller may change it now: an applicant of its unit, while it is
    /// a draft or has been returned to the applicant for revision.
    /// </summary>
    private static async Task<(Application? Application, ApplicationForm? Form, IResult? Failure)> EditableAsync(Guid id, HttpContext http, CallerAccessor callers,
        WorkflowsDbContext db, SecurityAudit audit, ApplicationForms forms, string action)
    {
        var caller = await callers.RequireAsync();
        var application = await db.Applications.Include(a => a.Unit).SingleOrDefaultAsync(a => a.Id == id, http.RequestAborted);
        if (application is null)
        {
            return (null, null, Problems.NotFound(http, ApplicationsApi.NoSuchApplication));
        }
        if (!AccessPolicy.CanApplyFor(caller, application.UnitId))
        {
            await audit.DeniedAsync(caller, action, $"application {id}", application.UnitId);
            return (null, null, Problems.Forbidden(http, new("只有申报单位的申报人可以修改和提交申请", "Only an applicant of the applying unit can change or submit the application")));
        }
        if (application.Status != ApplicationStatus.Draft)
        {
            var view = await ApplicationViews.ViewAsync(db, application, http.RequestAborted);
            if (view.RevisionTaskId is null)
            {
                return (null, null, Problems.Conflict(http, new("申请已提交，正在办理中；只有退回后才能修改", "The application has been submitted; it can be changed only after it is returned")));
            }
        }
        var form = await forms.ForAsync(application, http.RequestAborted);
        if (form is null)
        {
            return (null, null, Problems.Conflict(http, new("该申请不是用表单填写的", "This application was not made on a form")));
        }
        return (application, form, null);
    }
}
