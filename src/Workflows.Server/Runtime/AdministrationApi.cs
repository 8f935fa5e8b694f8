using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Runtime;
using Workflows.Engine.Execution;
using Workflows.Server.Hosting;
using Workflows.Server.Security;
using InstanceStatus = Workflows.Data.Runtime.InstanceStatus;

namespace Workflows.Server.Runtime;

/// <summary>What system administrators do to cases: cases with incidents, retry or skip the failed step, cancel a case.</summary>
public static class AdministrationApi
{
    public static void MapCaseAdministration(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/admin/cases").WithTags("Case administration");
        group.MapGet("/incidents", Incidents).WithSummary("Cases with an incident, oldest first.");
        group.MapPost("/{id:guid}/incidents/{key:long}/retry", Retry).WithSummary("Do the failed step again, after its cause has been fixed; variables may be set first.");
        group.MapPost("/{id:guid}/incidents/{key:long}/skip", Skip).WithSummary("Leave the failed step as if it had completed, without doing its work.");
        group.MapPost("/{id:guid}/cancel", Cancel).WithSummary("End a case; its open tasks and timers are cancelled.");
    }

    public sealed record IncidentCase(Guid InstanceId, string Title, string BusinessKey, string ProcessId, int Version, IReadOnlyList<InstancesApi.IncidentView> Incidents);

    public sealed record ResolveRequest(Dictionary<string, JsonElement>? Variables, string? Comment);

    public sealed record CancelRequest(string? Reason);

    private static async Task<Results<Ok<List<IncidentCase>>, ProblemHttpResult>> Incidents(HttpContext http, CallerAccessor callers, WorkflowsDbContext db, SecurityAudit audit, int take = 100)
    {
        var caller = await callers.RequireAsync();
        if (!caller.IsSystemAdministrator)
        {
            await audit.DeniedAsync(caller, "list incidents", "/admin/cases/incidents");
            return Problems.Forbidden(http, OnlyAdministrators);
        }
        var language = Languages.Of(http);
        var cases = await db.WorkflowInstances.AsNoTracking().Where(i => i.HasIncident && i.Status == InstanceStatus.Active)
            .OrderBy(i => i.StartedAt).Take(Math.Clamp(take, 1, 500)).ToListAsync();
        return TypedResults.Ok(cases.Select(i =>
        {
            var state = StateSerializer.Deserialize(i.State);
            return new IncidentCase(i.Id, i.Title, i.BusinessKey, i.ProcessId, i.DefinitionVersion,
                (state.Incidents ?? []).Select(x => new InstancesApi.IncidentView(x.Key, x.ElementId, x.Code, language == Language.English ? x.MessageEn : x.MessageZh)).ToList());
        }).ToList());
    }

    private static Task<IResult> Retry(Guid id, long key, ResolveRequest? request, HttpContext http, CallerAccessor callers, WorkflowsDbContext db, WorkflowRuntime runtime, SecurityAudit audit) =>
        ResolveAsync(id, key, request, retry: true, http, callers, db, runtime, audit);

    private static Task<IResult> Skip(Guid id, long key, ResolveRequest? request, HttpContext http, CallerAccessor callers, WorkflowsDbContext db, WorkflowRuntime runtime, SecurityAudit audit) =>
        ResolveAsync(id, key, request, retry: false, http, callers, db, runtime, audit);

    private static async Task<IResult> ResolveAsync(Guid id, long key, ResolveRequest? request, bool retry, HttpContext http, CallerAccessor callers,
        WorkflowsDbContext db, WorkflowRuntime runtime, SecurityAudit audit)
    {
        var caller = await callers.RequireAsync();
        if (!caller.IsSystemAdministrator)
        {
            await audit.DeniedAsync(caller, retry ? "retry incident" : "skip incident", $"case {id}");
            return Problems.Forbidden(http, OnlyAdministrators);
        }
        var instance = await db.WorkflowInstances.SingleOrDefaultAsync(i => i.Id == id);
        if (instance is null)
        {
            return Problems.NotFound(http, new("没有这个案件", "No such case"));
        }
        Command command = retry ? new RetryIncident(key, request?.Variables) : new SkipIncident(key, request?.Variables);
        var outcome = await runtime.ExecuteAsync(instance, command, new Actor(caller.UserId, caller.DisplayName, http.Connection.RemoteIpAddress?.ToString()),
            new HistoryNote(InstanceEventKind.IncidentResolved, Comment: request?.Comment, Detail: new { incident = key, action = retry ? "retry" : "skip" }),
            cancellationToken: http.RequestAborted);
        return outcome.Accepted
            ? TypedResults.Ok(new InstanceSummaryView(instance.Id, instance.Status.ToString(), instance.CurrentSteps, instance.HasIncident))
            : Problems.Conflict(http, new(outcome.Rejection!.MessageZh, outcome.Rejection.MessageEn));
    }

    public sealed record InstanceSummaryView(Guid Id, string Status, string CurrentSteps, bool HasIncident);

    private static async Task<IResult> Cancel(Guid id, CancelRequest? request, HttpContext http, CallerAccessor callers, WorkflowsDbContext db, WorkflowRuntime runtime, SecurityAudit audit)
    {
        var caller = await callers.RequireAsync();
        if (!caller.IsSystemAdministrator)
        {
            await audit.DeniedAsync(caller, "cancel case", $"case {id}");
            return Problems.Forbidden(http, OnlyAdministrators);
        }
        if (string.IsNullOrWhiteSpace(request?.Reason) || request.Reason.Length > 500)
        {
            return Problems.Validation(http, "reason", string.IsNullOrWhiteSpace(request?.Reason) ? new("请说明原因", "give a reason") : Messages.TooLong(500));
        }
        var instance = await db.WorkflowInstances.SingleOrDefaultAsync(i => i.Id == id);
        if (instance is null)
        {
            return Problems.NotFound(http, new("没有这个案件", "No such case"));
        }
        var outcome = await runtime.ExecuteAsync(instance, new CancelInstance(request.Reason), new Actor(caller.UserId, caller.DisplayName, http.Connection.RemoteIpAddress?.ToString()),
            new HistoryNote(InstanceEventKind.Cancelled, Comment: request.Reason), cancellationToken: http.RequestAborted);
        return outcome.Accepted
            ? TypedResults.Ok(new InstanceSummaryView(instance.Id, instance.Status.ToString(), instance.CurrentSteps, instance.HasIncident))
            : Problems.Conflict(http, new(outcome.Rejection!.MessageZh, outcome.Rejection.MessageEn));
    }

    private static readonly Text OnlyAdministrators = new("只有系统管理员可以处理", "Only system administrators can do this");
}
