using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Accounts;
using Workflows.Data.Runtime;
using Workflows.Engine.Execution;
using InstanceStatus = Workflows.Data.Runtime.InstanceStatus;
using Workflows.Server.Hosting;
using Workflows.Server.Inbox;
using Workflows.Server.Security;

namespace Workflows.Server.Runtime;

/// <summary>Cases: start one, look at it, its history and tracking data, withdraw it.</summary>
public static class InstancesApi
{
    public static void MapInstances(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/instances").WithTags("Cases");
        group.MapPost("/", Start).WithSummary("Start a case of a workflow for one of the caller's applicant units.");
        group.MapGet("/mine", Mine).WithSummary("My applications (我的申请): cases I started, newest first.");
        group.MapGet("/{id:guid}", Get).WithSummary("One case with its open tasks and incidents.");
        group.MapGet("/{id:guid}/history", History).WithSummary("The append-only history of a case, oldest first, with the elements each step passed through.");
        group.MapPost("/{id:guid}/copy", Copy).WithSummary("Copy the case to others (抄送): a read-only item in their inbox.");
        group.MapPost("/{id:guid}/urge", Urge).WithSummary("Nudge whoever holds the case now (催办); the applicant or a level above, once an hour.");
        group.MapPost("/{id:guid}/withdraw", Withdraw).WithSummary("The applicant withdraws the case (撤回) while no reviewer has acted yet.");
    }

    public sealed record StartInstanceRequest(string? ProcessId, Guid? UnitId, string? Title, string? BusinessKey, Dictionary<string, JsonElement>? Variables);

    public sealed record InstanceView(Guid Id, string ProcessId, int Version, string BusinessKey, string Title, Guid UnitId, string Status,
        string CurrentSteps, bool HasIncident, DateTime StartedAt, DateTime? EndedAt, Guid StartedById);

    public sealed record IncidentView(long Key, string ElementId, string Code, string Message);

    public sealed record InstanceDetailView(InstanceView Instance, IReadOnlyList<TaskView> OpenTasks, IReadOnlyList<IncidentView> Incidents,
        IReadOnlyList<string> ActiveElements, IReadOnlyList<string> CompletedElements, JsonElement Variables);

    public sealed record HistoryView(long Id, DateTime At, string Kind, string? ElementId, string? ElementName, string? ActorName,
        string? Outcome, string? Comment, JsonElement? Detail);

    public sealed record WithdrawRequest(string? Reason);

    public sealed record CopyRequest(IReadOnlyList<Guid>? UserIds, string? Comment);

    public sealed record UrgeRequest(string? Comment);

    public sealed record CopyResult(IReadOnlyList<Guid> CopyIds);

    public sealed record UrgeResult(int Notified);

    private static async Task<IResult> Copy(Guid id, CopyRequest request, HttpContext http, CallerAccessor callers, TaskOperations operations)
    {
        var (copies, failure) = await operations.CopyAsync(id, request.UserIds, request.Comment, await callers.RequireAsync(), http.RequestAborted);
        return failure is not null ? TasksApi.Failure(http, failure) : TypedResults.Ok(new CopyResult(copies!.Select(c => c.Id).ToList()));
    }

    private static async Task<IResult> Urge(Guid id, UrgeRequest? request, HttpContext http, CallerAccessor callers, TaskOperations operations)
    {
        var (notified, failure) = await operations.UrgeAsync(id, request?.Comment, await callers.RequireAsync(), http.RequestAborted);
        if (failure?.Status == 429)
        {
            http.Response.Headers.RetryAfter = ((int)TaskOperations.UrgeInterval.TotalSeconds).ToString();
        }
        return failure is not null ? TasksApi.Failure(http, failure) : TypedResults.Ok(new UrgeResult(notified));
    }

    private static async Task<Results<Created<InstanceDetailView>, ValidationProblem, ProblemHttpResult>> Start(
        StartInstanceRequest request, HttpContext http, CallerAccessor callers, WorkflowRuntime runtime, WorkflowsDbContext db, SecurityAudit audit, TimeProvider clock)
    {
        var caller = await callers.RequireAsync();
        var errors = new FieldErrors();
        errors.Name("processId", request.ProcessId, 100);
        errors.Name("title", request.Title, WorkflowInstance.TitleMaxLength);
        errors.MaxLength("businessKey", request.BusinessKey, WorkflowInstance.BusinessKeyMaxLength);
        var applicantUnits = caller.GrantsOf(Role.Applicant).Select(g => g.UnitId!.Value).Distinct().ToList();
        var unitId = request.UnitId ?? (applicantUnits.Count == 1 ? applicantUnits[0] : null);
        if (unitId is null)
        {
            errors.Add("unitId", applicantUnits.Count == 0 ? new("您没有申报人角色", "you hold no applicant role") : new("请选择申报单位", "choose the applying unit"));
        }
        if (request.BusinessKey is not null && await db.WorkflowInstances.AnyAsync(i => i.ProcessId == request.ProcessId && i.BusinessKey == request.BusinessKey))
        {
            errors.Add("businessKey", new("该业务编号已被使用", "is already used by another case of this workflow"));
        }
        if (errors.Any)
        {
            return Problems.Validation(http, errors);
        }
        if (!AccessPolicy.CanApplyFor(caller, unitId!.Value))
        {
            await audit.DeniedAsync(caller, "start case", request.ProcessId, unitId);
            return Problems.Forbidden(http, new("您不是该单位的申报人", "You are not an applicant of this unit"));
        }
        CommandOutcome outcome;
        try
        {
            outcome = await runtime.StartAsync(
                new StartRequest(request.ProcessId!, unitId.Value, request.BusinessKey, request.Title!.Trim(), request.Variables ?? []),
                new Actor(caller.UserId, caller.DisplayName, http.Connection.RemoteIpAddress?.ToString()), cancellationToken: http.RequestAborted);
        }
        catch (DbUpdateException) when (request.BusinessKey is not null)
        {
            if (!await db.WorkflowInstances.AnyAsync(i => i.ProcessId == request.ProcessId && i.BusinessKey == request.BusinessKey))
            {
                throw;
            }
            // Another start took the same business key between the check above and the save.
            errors.Add("businessKey", new("该业务编号已被使用", "is already used by another case of this workflow"));
            return Problems.Validation(http, errors);
        }
        if (!outcome.Accepted)
        {
            return Problems.Conflict(http, new(outcome.Rejection!.MessageZh, outcome.Rejection.MessageEn));
        }
        return TypedResults.Created($"/api/v1/instances/{outcome.Instance.Id}", await DetailAsync(db, runtime, outcome.Instance, clock, Languages.Of(http)));
    }

    private static async Task<Ok<List<InstanceView>>> Mine(CallerAccessor callers, WorkflowsDbContext db, string? status = null, int take = 50)
    {
        var caller = await callers.RequireAsync();
        var query = db.WorkflowInstances.AsNoTracking().Where(i => i.StartedById == caller.UserId);
        if (Enum.TryParse<InstanceStatus>(status, ignoreCase: true, out var s))
        {
            query = query.Where(i => i.Status == s);
        }
        var list = await query.OrderByDescending(i => i.StartedAt).Take(Math.Clamp(take, 1, 200)).ToListAsync();
        return TypedResults.Ok(list.Select(View).ToList());
    }

    private static async Task<Results<Ok<InstanceDetailView>, ProblemHttpResult>> Get(Guid id, HttpContext http, CallerAccessor callers,
        WorkflowsDbContext db, WorkflowRuntime runtime, SecurityAudit audit, TimeProvider clock)
    {
        var caller = await callers.RequireAsync();
        var instance = await db.WorkflowInstances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id);
        if (instance is null)
        {
            return Problems.NotFound(http, NoSuchCase);
        }
        if (!await MayReadAsync(db, caller, instance))
        {
            await audit.DeniedAsync(caller, "read case", $"case {id}", instance.UnitId);
            return Problems.Forbidden(http, OutsideArea);
        }
        return TypedResults.Ok(await DetailAsync(db, runtime, instance, clock, Languages.Of(http)));
    }

    private static async Task<Results<Ok<List<HistoryView>>, ProblemHttpResult>> History(Guid id, HttpContext http, CallerAccessor callers,
        WorkflowsDbContext db, SecurityAudit audit)
    {
        var caller = await callers.RequireAsync();
        var instance = await db.WorkflowInstances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id);
        if (instance is null)
        {
            return Problems.NotFound(http, NoSuchCase);
        }
        if (!await MayReadAsync(db, caller, instance))
        {
            await audit.DeniedAsync(caller, "read case history", $"case {id}", instance.UnitId);
            return Problems.Forbidden(http, OutsideArea);
        }
        var events = await db.InstanceEvents.AsNoTracking().Where(e => e.InstanceId == id).OrderBy(e => e.Id).ToListAsync();
        return TypedResults.Ok(events.Select(e => new HistoryView(e.Id, e.At, e.Kind.ToString(), e.ElementId, e.ElementName, e.ActorName, e.Outcome, e.Comment,
            e.Detail is null ? null : JsonDocument.Parse(e.Detail).RootElement.Clone())).ToList());
    }

    private static async Task<Results<Ok<InstanceDetailView>, ValidationProblem, ProblemHttpResult>> Withdraw(Guid id, WithdrawRequest? request, HttpContext http,
        CallerAccessor callers, WorkflowsDbContext db, WorkflowRuntime runtime, SecurityAudit audit, TimeProvider clock)
    {
        var caller = await callers.RequireAsync();
        var (instance, failure) = await WithdrawAsync(db, runtime, caller, id, request?.Reason, http.Connection.RemoteIpAddress?.ToString(), http.RequestAborted);
        if (failure is not null)
        {
            if (failure.Status == 403)
            {
                await audit.DeniedAsync(caller, "withdraw case", $"case {id}", instance?.UnitId);
            }
            return failure.Status switch
            {
                400 => Problems.Validation(http, failure.Field!, failure.Message),
                404 => Problems.NotFound(http, failure.Message),
                403 => Problems.Forbidden(http, failure.Message),
                _ => Problems.Conflict(http, failure.Message),
            };
        }
        return TypedResults.Ok(await DetailAsync(db, runtime, instance!, clock, Languages.Of(http)));
    }

    /// <summary>The applying unit withdraws a case (撤回) while nobody else has acted since it was last submitted; the API and the pages share this rule.</summary>
    public static async Task<(WorkflowInstance? Instance, ActionFailure? Failure)> WithdrawAsync(WorkflowsDbContext db, WorkflowRuntime runtime, Caller caller, Guid id,
        string? reason, string? ipAddress, CancellationToken cancellationToken = default)
    {
        if (reason is { Length: > 500 })
        {
            return (null, new ActionFailure(400, "validation", Messages.TooLong(500), "reason"));
        }
        var instance = await db.WorkflowInstances.SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (instance is null)
        {
            return (null, new ActionFailure(404, "not-found", NoSuchCase));
        }
        if (instance.StartedById != caller.UserId && !caller.GrantsOf(Role.Applicant).Any(g => g.UnitId == instance.UnitId))
        {
            return (instance, new ActionFailure(403, "forbidden", new("只有申报单位可以撤回", "Only the applying unit can withdraw")));
        }
        if (instance.Status != InstanceStatus.Active)
        {
            return (instance, new ActionFailure(409, "ended", new("案件已经结束，不能撤回", "The case has ended; it cannot be withdrawn")));
        }
        // Withdrawal is allowed until someone other than the applicant has acted since the last (re)submission.
        var lastSubmission = await db.InstanceEvents.Where(e => e.InstanceId == id && (e.Kind == InstanceEventKind.Started || e.Kind == InstanceEventKind.Resubmitted))
            .MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
        var reviewed = await db.InstanceEvents.AnyAsync(e => e.InstanceId == id && e.Id > lastSubmission
            && (e.Kind == InstanceEventKind.TaskCompleted || e.Kind == InstanceEventKind.Returned) && e.ActorId != instance.StartedById, cancellationToken);
        if (reviewed)
        {
            return (instance, new ActionFailure(409, "reviewed", new("审核人员已经办理，不能撤回；如需修改请联系审核人员退回", "A reviewer has already acted; ask them to return the case instead")));
        }
        var outcome = await runtime.ExecuteAsync(instance, new CancelInstance("withdrawn"),
            new Actor(caller.UserId, caller.DisplayName, ipAddress),
            new HistoryNote(InstanceEventKind.Withdrawn, Comment: reason), cancellationToken: cancellationToken);
        if (!outcome.Accepted)
        {
            return (instance, new ActionFailure(409, outcome.Rejection!.Code, new(outcome.Rejection.MessageZh, outcome.Rejection.MessageEn)));
        }
        return (instance, null);
    }

    /// <summary>Readable by whoever may read work of the applicant's unit, and by anyone who had a task in it.</summary>
    public static async Task<bool> MayReadAsync(WorkflowsDbContext db, Caller caller, WorkflowInstance instance) =>
        AccessPolicy.CanReadWork(caller, instance.UnitPath)
        || instance.StartedById == caller.UserId
        || await db.WorkTasks.AnyAsync(t => t.InstanceId == instance.Id
            && (t.AssigneeId == caller.UserId || t.CompletedById == caller.UserId || t.Candidates.Any(c => c.UserId == caller.UserId)));

    public static async Task<InstanceDetailView> DetailAsync(WorkflowsDbContext db, WorkflowRuntime runtime, WorkflowInstance instance, TimeProvider clock, Language language)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var open = await db.WorkTasks.AsNoTracking().Where(t => t.InstanceId == instance.Id && t.Status == WorkTaskStatus.Open && t.Kind == WorkTaskKind.Action)
            .OrderBy(t => t.CreatedAt).ToListAsync();
        var state = string.IsNullOrEmpty(instance.State) ? null : StateSerializer.Deserialize(instance.State);
        var entered = await db.InstanceEvents.AsNoTracking().Where(e => e.InstanceId == instance.Id && e.Detail != null && e.Detail.Contains("\"left\""))
            .Select(e => e.Detail!).ToListAsync();
        var completed = entered.SelectMany(d => JsonDocument.Parse(d).RootElement.TryGetProperty("left", out var left)
                ? left.EnumerateArray().Select(x => x.GetString()!) : []).Distinct().ToList();
        var variables = state is null ? JsonSerializer.SerializeToElement(new { }) : JsonSerializer.SerializeToElement(state.Variables);
        return new InstanceDetailView(View(instance), open.Select(t => TaskViews.View(t, now)).ToList(),
            state?.Incidents?.Select(i => new IncidentView(i.Key, i.ElementId, i.Code, language == Language.English ? i.MessageEn : i.MessageZh)).ToList() ?? [],
            state?.Elements.Where(e => e.Body is null).Select(e => e.ElementId).Distinct().ToList() ?? [],
            completed, variables);
    }

    private static InstanceView View(WorkflowInstance i) => new(i.Id, i.ProcessId, i.DefinitionVersion, i.BusinessKey, i.Title, i.UnitId,
        i.Status.ToString(), i.CurrentSteps, i.HasIncident, i.StartedAt, i.EndedAt, i.StartedById);

    private static readonly Text NoSuchCase = new("没有这个案件", "No such case");
    private static readonly Text OutsideArea = new("该案件不在您的管辖范围内", "This case is outside your area");
}
