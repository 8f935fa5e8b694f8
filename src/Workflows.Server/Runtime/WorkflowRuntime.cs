using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Runtime;
using Workflows.Data.Storage;
using Workflows.Engine.Execution;
using Workflows.Engine.Model;
using EngineStatus = Workflows.Engine.Execution.InstanceStatus;
using InstanceStatus = Workflows.Data.Runtime.InstanceStatus;

namespace Workflows.Server.Runtime;

/// <summary>Who caused a step, for the history.</summary>
public sealed record Actor(Guid? UserId, string Name, string? IpAddress)
{
    public static readonly Actor System = new(null, "system", null);
}

/// <summary>What the history should say about the command, besides what the engine did.</summary>
public sealed record HistoryNote(InstanceEventKind Kind, string? ElementId = null, string? ElementName = null, Guid? TaskId = null,
    string? Outcome = null, string? Comment = null, object? Detail = null);

public sealed class CommandOutcome
{
    public required WorkflowInstance Instance { get; init; }

    public CommandRejection? Rejection { get; init; }

    public List<WorkTask> CreatedTasks { get; } = [];

    public List<TraceEntry> Trace { get; } = [];

    public bool Accepted => Rejection is null;
}

public sealed record StartRequest(string ProcessId, Guid UnitId, string? BusinessKey, string Title, IReadOnlyDictionary<string, JsonElement> Variables,
    Guid? ApplicationId = null, string? StartEventId = null);

/// <summary>
/// The imperative shell around the engine: load an instance, apply ONE command, and write the new
/// state, tasks, timers, outbox rows and history in one transaction guarded by the instance's
/// revision, so two approvers clicking at once cannot both win and a crash never leaves half a step.
/// </summary>
public sealed class WorkflowRuntime(
    WorkflowsDbContext db,
    DefinitionStore definitions,
    Assignment assignment,
    WorkingCalendars calendars,
    ReferenceCache cache,
    StepCommitter committer,
    TimeProvider clock)
{
    /// <summary>Creates and starts an instance; nothing is saved when the engine refuses to start.</summary>
    public async Task<CommandOutcome> StartAsync(StartRequest request, Actor actor, Action<CommandOutcome>? beforeSave = null, CancellationToken cancellationToken = default)
    {
        var record = await cache.LatestDefinitionAsync(db, request.ProcessId, cancellationToken)
            ?? throw new RuntimeProblem("unknown-process", new($"没有名为 {request.ProcessId} 的流程", $"no workflow named {request.ProcessId}"), "processId");
        var unit = await cache.UnitAsync(db, request.UnitId, cancellationToken)
            ?? throw new RuntimeProblem("unknown-unit", new("单位不存在", "no such unit"), "unitId");
        var now = clock.GetUtcNow().UtcDateTime;
        var instance = new WorkflowInstance
        {
            Id = Guid.CreateVersion7(),
            DefinitionId = record.Id,
            ProcessId = record.ProcessId,
            DefinitionVersion = record.Version,
            BusinessKey = request.BusinessKey ?? NewBusinessKey(now),
            Title = request.Title,
            UnitId = unit.Id,
            UnitPath = unit.Path,
            ApplicationId = request.ApplicationId,
            StartedById = actor.UserId ?? Guid.Empty,
            StartedAt = now,
            Status = InstanceStatus.Active,
        };
        var userName = actor.UserId is { } userId ? await cache.UserNameAsync(db, userId, cancellationToken) : null;
        var variables = new Dictionary<string, JsonElement>(request.Variables)
        {
            ["applicant"] = JsonSerializer.SerializeToElement(new
            {
                unitId = unit.Id, unitCode = unit.Code, unitName = unit.Name, level = unit.Level.ToString().ToLowerInvariant(),
                userId = actor.UserId, userName = actor.Name,
            }),
            ["applicantUser"] = JsonSerializer.SerializeToElement(userName),
            ["businessKey"] = JsonSerializer.SerializeToElement(instance.BusinessKey),
        };
        return await ExecuteAsync(instance, isNew: true, new StartInstance(variables, request.StartEventId), actor,
            new HistoryNote(InstanceEventKind.Started, Detail: new { record.ProcessId, record.Version }), beforeSave, new RowChanges(), cancellationToken);
    }

    /// <summary>
    /// Applies one command to an instance and saves everything at once. A lost race surfaces as
    /// <see cref="DbUpdateConcurrencyException"/>; a refusal by the engine saves nothing.
    /// An instance the context tracks is saved with the context's other changes; one it does not
    /// track (read without tracking, as the inbox's actions do) is written with <paramref name="rows"/>
    /// (the caller's own rows of the step, such as the task being completed) by hand-built statements,
    /// in one transaction with whatever the context tracks besides.
    /// </summary>
    public Task<CommandOutcome> ExecuteAsync(WorkflowInstance instance, Command command, Actor actor, HistoryNote? note,
        Action<CommandOutcome>? beforeSave = null, CancellationToken cancellationToken = default, RowChanges? rows = null)
    {
        var tracked = db.Entry(instance).State != EntityState.Detached;
        if (tracked && rows is not null)
        {
            throw new InvalidOperationException("A tracked instance is saved by the context; pass no rows.");
        }
        return ExecuteAsync(instance, isNew: false, command, actor, note, beforeSave, tracked ? null : rows ?? new RowChanges(), cancellationToken);
    }

    private async Task<CommandOutcome> ExecuteAsync(WorkflowInstance instance, bool isNew, Command command, Actor actor, HistoryNote? note,
        Action<CommandOutcome>? beforeSave, RowChanges? rows, CancellationToken cancellationToken)
    {
        var definition = await DefinitionAsync(instance, cancellationToken);
        var state = string.IsNullOrEmpty(instance.State) ? null : StateSerializer.Deserialize(instance.State);
        var calendar = await calendars.CurrentAsync(cancellationToken);
        var options = new EngineOptions { Calendar = calendar };
        var now = clock.GetUtcNow();
        var effects = new EffectApplier(db, assignment, instance, definition, now.UtcDateTime, calendar, rows);
        var originalRevision = instance.Revision;

        var pending = new Queue<Command>([command]);
        CommandOutcome? outcome = null;
        while (pending.TryDequeue(out var next))
        {
            var result = WorkflowEngine.Execute(definition, state, next, now, options);
            if (!result.Accepted)
            {
                if (outcome is null)
                {
                    return new CommandOutcome { Instance = instance, Rejection = result.Rejection };
                }
                continue;
            }
            outcome ??= new CommandOutcome { Instance = instance };
            outcome.Trace.AddRange(result.Trace);
            state = result.State;
            foreach (var followUp in await effects.ApplyAsync(result.Effects, outcome, cancellationToken))
            {
                pending.Enqueue(followUp);
            }
        }

        instance.State = StateSerializer.Serialize(state!);
        instance.Status = state!.Status switch
        {
            EngineStatus.Completed => InstanceStatus.Completed,
            EngineStatus.Terminated => InstanceStatus.Terminated,
            EngineStatus.Cancelled => InstanceStatus.Cancelled,
            _ => InstanceStatus.Active,
        };
        if (instance.Status != InstanceStatus.Active)
        {
            instance.EndedAt ??= now.UtcDateTime;
        }
        instance.HasIncident = state.Incidents is { Count: > 0 };
        instance.CurrentSteps = CurrentSteps(definition, state);
        instance.Revision++;

        if (note is not null)
        {
            var entry = new InstanceEvent
            {
                InstanceId = instance.Id, At = now.UtcDateTime, Kind = note.Kind, ElementId = note.ElementId, ElementName = note.ElementName,
                TaskId = note.TaskId, ActorId = actor.UserId, ActorName = actor.Name, Outcome = note.Outcome, Comment = note.Comment,
                IpAddress = actor.IpAddress,
                Detail = JsonSerializer.Serialize(new
                {
                    note = note.Detail,
                    entered = outcome!.Trace.Where(t => t.Kind == TraceKind.Entered).Select(t => t.ElementId),
                    left = outcome.Trace.Where(t => t.Kind == TraceKind.Left).Select(t => t.ElementId),
                }),
            };
            if (rows is null)
            {
                db.InstanceEvents.Add(entry);
            }
            else
            {
                rows.Add(db, entry);
            }
        }
        effects.AddHistory();
        beforeSave?.Invoke(outcome!);
        if (rows is null)
        {
            await db.SaveChangesAsync(cancellationToken);
            return outcome!;
        }
        // The instance's own row first: a start inserts the parent of every other row; a step
        // fails early when someone else moved the instance on since it was read.
        if (isNew)
        {
            rows.AddFirst(db, instance);
        }
        else
        {
            rows.ModifyFirst(db, instance, originalRevision, nameof(WorkflowInstance.State), nameof(WorkflowInstance.Status), nameof(WorkflowInstance.EndedAt),
                nameof(WorkflowInstance.HasIncident), nameof(WorkflowInstance.CurrentSteps), nameof(WorkflowInstance.Revision));
        }
        await committer.SaveAsync(db, rows, cancellationToken);
        return outcome!;
    }

    public async Task<WorkflowDefinition> DefinitionAsync(WorkflowInstance instance, CancellationToken cancellationToken = default) =>
        await definitions.CompiledAsync(instance.DefinitionId, cancellationToken)
        ?? throw new RuntimeProblem("definition-missing", new("该实例的流程定义已不存在", "the instance's workflow definition no longer exists"), status: 409);

    private static string CurrentSteps(WorkflowDefinition definition, InstanceState state)
    {
        var names = state.Elements
            .Where(e => e.Body is null && definition.Nodes.TryGetValue(e.ElementId, out var node)
                        && node.Kind is NodeKind.UserTask or NodeKind.ServiceTask or NodeKind.IntermediateTimerCatch)
            .Select(e => definition.Nodes[e.ElementId].Name ?? e.ElementId)
            .Distinct()
            .ToList();
        var text = string.Join("、", names);
        return text.Length <= 500 ? text : text[..500];
    }

    private static string NewBusinessKey(DateTime now) =>
        $"{now:yyyyMMdd}-{Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4))}";
}

/// <summary>A request the runtime cannot carry out, with the field it concerns.</summary>
public sealed class RuntimeProblem(string code, Hosting.Text message, string? field = null, int status = 400) : Exception(message.En)
{
    public string Code { get; } = code;

    public Hosting.Text Text { get; } = message;

    public string? Field { get; } = field;

    public int Status { get; } = status;
}
