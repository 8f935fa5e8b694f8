using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Forms.Validation;
using Workflows.Server.Forms;
using Workflows.Server.Hosting;
using Workflows.Server.Inbox;
using Workflows.Server.Security;

namespace Workflows.Server.Applications;

/// <summary>
/// Drafts and submission over HTTP: save the draft's data as often as wanted, a dry run that shows the
/// errors and warnings a submission would meet, and submit (or resubmit after a return). What each does
/// is <see cref="ApplicationSubmission"/>, the same service the applicant portal uses.
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

    private static async Task<IResult> Save(Guid id, HttpContext http, CallerAccessor callers, WorkflowsDbContext db, ApplicationSubmission submission)
    {
        var limit = SubmissionLimits.Default.MaxBytes;
        var (editable, refusal) = await submission.EditableAsync(id, await callers.RequireAsync(), "save application", http.RequestAborted);
        if (refusal is not null)
        {
            return Failure(http, refusal);
        }
        var body = await FormBodies.ReadAsync(http, limit);
        if (body is null)
        {
            return FormBodies.TooLarge(http, limit);
        }
        var saved = await submission.SaveAsync(editable!, body, http.RequestAborted);
        if (!saved.Saved)
        {
            return FormProblems.Validation(http, saved.Refused, saved.Warnings);
        }
        var application = editable!.Application;
        return TypedResults.Ok(new DraftView(await ApplicationViews.ViewAsync(db, application), ApplicationViews.Json(application.Data),
            FormProblems.Views(saved.Warnings, Languages.Of(http))));
    }

    private static async Task<IResult> Validate(Guid id, HttpContext http, CallerAccessor callers, ApplicationForms forms, ApplicationSubmission submission)
    {
        var (editable, refusal) = await submission.EditableAsync(id, await callers.RequireAsync(), "validate application", http.RequestAborted);
        if (refusal is not null)
        {
            return Failure(http, refusal);
        }
        var check = await submission.CheckAsync(editable!, http.RequestAborted);
        var language = Languages.Of(http);
        return TypedResults.Ok(new CheckView(check.IsValid, FormProblems.Views(check.Errors, language), FormProblems.Views(check.Warnings, language),
            check.Hidden, ApplicationViews.Json(check.Data.ToJsonString()), forms.Title(editable!.Form, check.Data)));
    }

    private static async Task<IResult> Submit(Guid id, HttpContext http, CallerAccessor callers, WorkflowsDbContext db, ApplicationSubmission submission)
    {
        var caller = await callers.RequireAsync();
        var (editable, refusal) = await submission.EditableAsync(id, caller, "submit application", http.RequestAborted);
        if (refusal is not null)
        {
            return Failure(http, refusal);
        }
        var outcome = await submission.SubmitAsync(editable!, caller, http.Connection.RemoteIpAddress?.ToString(), http.RequestAborted);
        if (!outcome.Check.IsValid)
        {
            // Nothing was changed: the saved draft stays exactly as it was.
            return FormProblems.Validation(http, outcome.Check.Errors, outcome.Check.Warnings);
        }
        if (outcome.Refusal is not null)
        {
            return Failure(http, outcome.Refusal);
        }
        var saved = await db.Applications.AsNoTracking().Include(a => a.Unit).SingleAsync(a => a.Id == id, http.RequestAborted);
        return TypedResults.Ok(new SubmitView(await ApplicationViews.ViewAsync(db, saved, http.RequestAborted), FormProblems.Views(outcome.Check.Warnings, Languages.Of(http))));
    }

    private static IResult Failure(HttpContext http, SubmissionRefusal refusal) => refusal switch
    {
        { TaskFailure: { } task } => TasksApi.Failure(http, task),
        { Status: StatusCodes.Status404NotFound } => Problems.NotFound(http, refusal.Message),
        { Status: StatusCodes.Status403Forbidden } => Problems.Forbidden(http, refusal.Message),
        _ => Problems.Conflict(http, refusal.Message),
    };
}
