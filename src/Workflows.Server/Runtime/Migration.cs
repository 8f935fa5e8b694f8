using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Runtime;
using Workflows.Engine.Execution;
using Workflows.Engine.Model;
using Workflows.Server.Hosting;
using Workflows.Server.Security;
using InstanceStatus = Workflows.Data.Runtime.InstanceStatus;

namespace Workflows.Server.Runtime;

/// <summary>
/// Moving running cases to another version of their workflow: an explicit administrator action
/// with a dry run that lists what would move where and what cannot. A case moves only when every
/// element holding a token (and every waiting timer and join) exists in the target version with
/// the same kind, after an optional renaming map.
/// </summary>
public static class Migration
{
    public static void MapMigration(this IEndpointRouteBuilder api)
    {
        api.MapPost("/workflows/{processId}/migrate", Migrate).WithTags("Workflows")
            .WithSummary("Move running cases from one version to another. dryRun (default true) only reports; mapping renames element ids (old → new).");
    }

    public sealed record MigrateRequest(int? FromVersion, int? ToVersion, bool? DryRun, Dictionary<string, string>? Mapping, IReadOnlyList<Guid>? InstanceIds);

    public sealed record Move(string From, string To);

    public sealed record CaseReport(Guid InstanceId, string Title, bool CanMove, IReadOnlyList<Move> Moves, IReadOnlyList<string> Problems, bool Moved);

    public sealed record MigrationReport(int FromVersion, int ToVersion, bool DryRun, int Movable, int NotMovable, int Moved, IReadOnlyList<CaseReport> Cases);

    private static async Task<Results<Ok<MigrationReport>, ValidationProblem, ProblemHttpResult>> Migrate(string processId, MigrateRequest request, HttpContext http,
        CallerAccessor callers, WorkflowsDbContext db, DefinitionStore store, SecurityAudit audit, TimeProvider clock)
    {
        var caller = await callers.RequireAsync();
        if (!caller.IsSystemAdministrator)
        {
            await audit.DeniedAsync(caller, "migrate cases", processId);
            return Problems.Forbidden(http, new("只有系统管理员可以迁移案件", "Only system administrators can migrate cases"));
        }
        var errors = new FieldErrors();
        var from = request.FromVersion is null ? null : await store.VersionAsync(processId, request.FromVersion.Value);
        var to = request.ToVersion is null ? null : await store.VersionAsync(processId, request.ToVersion.Value);
        if (from is null)
        {
            errors.Add("fromVersion", new("没有这个版本", "no such version"));
        }
        if (to is null)
        {
            errors.Add("toVersion", new("没有这个版本", "no such version"));
        }
        if (from is not null && to is not null && from.Id == to.Id)
        {
            errors.Add("toVersion", new("目标版本与原版本相同", "is the same as fromVersion"));
        }
        if (errors.Any)
        {
            return Problems.Validation(http, errors);
        }
        var target = store.Compiled(to!);
        var mapping = request.Mapping ?? [];
        var dryRun = request.DryRun ?? true;
        var query = db.WorkflowInstances.Where(i => i.DefinitionId == from!.Id && i.Status == InstanceStatus.Active);
        if (request.InstanceIds is { Count: > 0 } ids)
        {
            query = query.Where(i => ids.Contains(i.Id));
        }
        var reports = new List<CaseReport>();
        foreach (var instance in await query.OrderBy(i => i.StartedAt).Take(10_000).ToListAsync())
        {
            var state = StateSerializer.Deserialize(instance.State);
            var (moves, problems) = Check(state, target, mapping);
            var moved = false;
            if (!dryRun && problems.Count == 0)
            {
                Rename(state, mapping);
                instance.State = StateSerializer.Serialize(state);
                instance.DefinitionId = to!.Id;
                instance.DefinitionVersion = to.Version;
                instance.Revision++;
                foreach (var task in await db.WorkTasks.Where(t => t.InstanceId == instance.Id && t.Status == WorkTaskStatus.Open).ToListAsync())
                {
                    task.ElementId = mapping.GetValueOrDefault(task.ElementId, task.ElementId);
                    task.Revision++;
                }
                foreach (var timer in await db.ScheduledTimers.Where(t => t.InstanceId == instance.Id && t.Status == TimerStatus.Pending).ToListAsync())
                {
                    timer.ElementId = mapping.GetValueOrDefault(timer.ElementId, timer.ElementId);
                    timer.Revision++;
                }
                db.InstanceEvents.Add(new InstanceEvent
                {
                    InstanceId = instance.Id, At = clock.GetUtcNow().UtcDateTime, Kind = InstanceEventKind.Moved, ActorId = caller.UserId, ActorName = caller.DisplayName,
                    Detail = JsonSerializer.Serialize(new { migratedFrom = from!.Version, migratedTo = to.Version, moves }),
                });
                await db.SaveChangesAsync();
                moved = true;
            }
            reports.Add(new CaseReport(instance.Id, instance.Title, problems.Count == 0, moves, problems, moved));
        }
        return TypedResults.Ok(new MigrationReport(from!.Version, to!.Version, dryRun, reports.Count(r => r.CanMove), reports.Count(r => !r.CanMove), reports.Count(r => r.Moved), reports));
    }

    internal static (List<Move> Moves, List<string> Problems) Check(InstanceState state, WorkflowDefinition target, IReadOnlyDictionary<string, string> mapping)
    {
        var moves = new List<Move>();
        var problems = new List<string>();
        foreach (var element in state.Elements)
        {
            var to = mapping.GetValueOrDefault(element.ElementId, element.ElementId);
            if (!target.Nodes.TryGetValue(to, out var node))
            {
                problems.Add($"“{element.ElementId}” 在目标版本中不存在 / {element.ElementId} does not exist in the target version");
                continue;
            }
            if (element.Body is not null && node.MultiInstance is null)
            {
                problems.Add($"“{to}” 在目标版本中不是多实例 / {to} is not multi-instance in the target version");
            }
            if (!moves.Any(m => m.From == element.ElementId))
            {
                moves.Add(new Move(element.ElementId, to));
            }
        }
        foreach (var timer in state.Timers ?? [])
        {
            var to = mapping.GetValueOrDefault(timer.ElementId, timer.ElementId);
            if (!target.Nodes.ContainsKey(to) || target.Nodes[to].Timer is null)
            {
                problems.Add($"等待中的定时器“{timer.ElementId}”在目标版本中不存在 / the waiting timer {timer.ElementId} has no counterpart");
            }
        }
        foreach (var join in state.Joins ?? [])
        {
            var gateway = mapping.GetValueOrDefault(join.GatewayId, join.GatewayId);
            if (!target.Nodes.ContainsKey(gateway) || !target.Flows.ContainsKey(join.FlowId))
            {
                problems.Add($"汇合网关“{join.GatewayId}”的等待状态无法迁移 / the join waiting at {join.GatewayId} cannot move");
            }
        }
        return (moves, problems);
    }

    private static void Rename(InstanceState state, IReadOnlyDictionary<string, string> mapping)
    {
        if (mapping.Count == 0)
        {
            return;
        }
        foreach (var element in state.Elements)
        {
            element.ElementId = mapping.GetValueOrDefault(element.ElementId, element.ElementId);
        }
        foreach (var timer in state.Timers ?? [])
        {
            timer.ElementId = mapping.GetValueOrDefault(timer.ElementId, timer.ElementId);
        }
        foreach (var join in state.Joins ?? [])
        {
            join.GatewayId = mapping.GetValueOrDefault(join.GatewayId, join.GatewayId);
        }
        foreach (var incident in state.Incidents ?? [])
        {
            incident.ElementId = mapping.GetValueOrDefault(incident.ElementId, incident.ElementId);
        }
    }
}
