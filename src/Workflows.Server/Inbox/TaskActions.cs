using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Workflows.Data;
using Workflows.Data.Runtime;
using Workflows.Data.Storage;
using Workflows.Engine.Execution;
using Workflows.Engine.Model;
using Workflows.Server.Hosting;
using Workflows.Server.Runtime;
using Workflows.Server.Security;

namespace Workflows.Server.Inbox;

public sealed record CompleteTaskRequest(string? Outcome, string? Comment, string? ReturnTo, Dictionary<string, JsonElement>? Variables);

public sealed record InstanceSummary(Guid Id, string Status, string CurrentSteps, bool HasIncident);

public sealed record CompleteTaskResult(TaskView Task, InstanceSummary Instance, IReadOnlyList<TaskView> NextTasks);

/// <summary>What can go wrong when acting on a task, as an HTTP status and a message.</summary>
public sealed record ActionFailure(int Status, string Code, Text Message, string? Field = null);

/// <summary>
/// Approve (同意), reject (不同意) and return (退回) a task: checks who may act, turns the decision
/// into one engine command, and saves the task, the instance and the history together.
/// </summary>
public sealed class TaskActions(WorkflowsDbContext db, WorkflowRuntime runtime, ReferenceCache cache, StepCommitter committer, RowReaders readers, TimeProvider clock)
{
    public const string Approve = "approve";
    public const string Reject = "reject";
    public const string Return = "return";
    public const string Submit = "submit";

    private static readonly string[] DefaultOutcomes = [Approve, Reject, Return];

    public static readonly Dictionary<string, Text> OutcomeLabels = new()
    {
        [Approve] = new("同意", "Approve"),
        [Reject] = new("不同意", "Reject"),
        [Return] = new("退回", "Return for revision"),
        [Submit] = new("提交", "Submit"),
    };

    /// <param name="applicationSubmit">
    /// True only when the application's own submission (which validated the form and the rule sets)
    /// completes the applicant's revision step; anyone else submitting such a step is refused.
    /// </param>
    public async Task<(CompleteTaskResult? Result, ActionFailure? Failure)> CompleteAsync(
        Guid taskId, CompleteTaskRequest request, Caller caller, string? ipAddress, Action<CompleteTaskResult>? beforeSave = null, CancellationToken cancellationToken = default,
        bool applicationSubmit = false)
    {
        var (task, signersBefore) = await ReadForActionAsync(taskId, cancellationToken);
        if (task is null)
        {
            return (null, new ActionFailure(404, "not-found", new("没有这个待办", "No such task")));
        }
        if (task.Kind != WorkTaskKind.Action)
        {
            return (null, new ActionFailure(400, "copy", new("抄送件只能阅读，不能办理", "A copy is for reading; it cannot be completed")));
        }
        var delegations = await cache.DelegationsAsync(db, caller.UserId, clock.GetUtcNow().UtcDateTime, cancellationToken);
        if (!MayAct(task, caller, delegations))
        {
            return (null, new ActionFailure(403, "forbidden", new("您不是这个待办的办理人", "This task is not yours to act on")));
        }
        if (task.Status != WorkTaskStatus.Open)
        {
            return (null, AlreadyHandled(task));
        }
        if (signersBefore)
        {
            return (null, new ActionFailure(409, "waiting-for-signers", new("还有前加签人未签，请等待", "Signers added before you have not signed yet")));
        }
        var instance = task.Instance!;
        var definition = await runtime.DefinitionAsync(instance, cancellationToken);
        var node = definition.Nodes.GetValueOrDefault(task.ElementId);
        var allowed = AllowedOutcomes(node);
        var outcome = request.Outcome?.Trim().ToLowerInvariant();
        if (outcome is null || !allowed.Contains(outcome))
        {
            return (null, new ActionFailure(400, "validation",
                new($"办理结果应为：{string.Join("、", allowed)}", $"must be one of: {string.Join(", ", allowed)}"), "outcome"));
        }
        if (outcome == Submit && instance.ApplicationId is { } applicationId && !applicationSubmit)
        {
            return (null, new ActionFailure(400, "validation",
                new($"请通过申请提交（/api/v1/applications/{applicationId}/submit），以便检查表单", $"submit through the application (/api/v1/applications/{applicationId}/submit) so the form is checked"), "outcome"));
        }
        if (outcome is Reject or Return && string.IsNullOrWhiteSpace(request.Comment))
        {
            return (null, new ActionFailure(400, "validation", new("不同意或退回时必须填写审核意见", "a comment is required to reject or return"), "comment"));
        }
        if (request.Comment is { Length: > 2000 })
        {
            return (null, new ActionFailure(400, "validation", Messages.TooLong(2000), "comment"));
        }

        if (task.TaskKey == 0)
        {
            return await SignAsync(task, outcome, request.Comment, caller, ipAddress, beforeSave, cancellationToken);
        }

        Command command;
        var variables = new Dictionary<string, JsonElement>(request.Variables ?? []);
        if (request.Comment is not null)
        {
            variables["comment"] = JsonSerializer.SerializeToElement(request.Comment.Trim());
        }
        if (outcome == Return && request.ReturnTo is not null)
        {
            var target = definition.Nodes.GetValueOrDefault(request.ReturnTo);
            var reached = await db.WorkTasks.AnyAsync(t => t.InstanceId == instance.Id && t.ElementId == request.ReturnTo && t.Kind == WorkTaskKind.Action, cancellationToken);
            if (target is null || target.Kind != NodeKind.UserTask || !reached || request.ReturnTo == task.ElementId)
            {
                return (null, new ActionFailure(400, "validation",
                    new("只能退回到本案已经经过的前面某个办理步骤", "can only return to an earlier step this case has passed"), "returnTo"));
            }
            variables["outcome"] = JsonSerializer.SerializeToElement(Return);
            command = new MoveTokens(task.ElementId, request.ReturnTo, variables);
        }
        else
        {
            command = new CompleteUserTask(task.TaskKey, outcome, variables);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var rows = new RowChanges();
        Finish(rows, task, outcome, request.Comment, caller, now);
        if (EffectApplier.MayHaveReminders(task, node))
        {
            EffectApplier.CancelReminders(db, rows, task.Id);
        }

        var note = new HistoryNote(outcome == Return ? InstanceEventKind.Returned : InstanceEventKind.TaskCompleted,
            task.ElementId, task.Name, task.Id, outcome, task.Comment, request.ReturnTo is null ? null : new { returnTo = request.ReturnTo });
        CompleteTaskResult? result = null;
        try
        {
            var executed = await runtime.ExecuteAsync(instance, command, new Actor(caller.UserId, caller.DisplayName, ipAddress), note,
                done =>
                {
                    result = new CompleteTaskResult(TaskViews.View(task, now),
                        new InstanceSummary(instance.Id, instance.Status.ToString(), instance.CurrentSteps, instance.HasIncident),
                        done.CreatedTasks.Select(t => TaskViews.View(t, now)).ToList());
                    beforeSave?.Invoke(result);
                }, cancellationToken, rows);
            if (!executed.Accepted)
            {
                db.ChangeTracker.Clear();
                return (null, new ActionFailure(409, executed.Rejection!.Code, new(executed.Rejection.MessageZh, executed.Rejection.MessageEn)));
            }
        }
        catch (DbUpdateException)
        {
            // Someone else acted on this case between our read and our write: tell who.
            db.ChangeTracker.Clear();
            var current = await db.WorkTasks.AsNoTracking().SingleAsync(t => t.Id == taskId, cancellationToken);
            return (null, current.Status == WorkTaskStatus.Open
                ? new ActionFailure(409, "conflict", new("该案件刚被他人处理，请刷新后重试", "Someone else just acted on this case; reload and try again"))
                : AlreadyHandled(current));
        }
        return (result, null);
    }

    /// <summary>A signer added before the step signs: recorded, and the step may go on; the engine is not involved.</summary>
    private async Task<(CompleteTaskResult? Result, ActionFailure? Failure)> SignAsync(WorkTask task, string outcome, string? comment, Caller caller, string? ipAddress,
        Action<CompleteTaskResult>? beforeSave, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = new RowChanges();
        Finish(rows, task, outcome, comment, caller, now);
        EffectApplier.CancelReminders(db, rows, task.Id);
        rows.Add(db, new InstanceEvent
        {
            InstanceId = task.InstanceId, At = now, Kind = InstanceEventKind.TaskCompleted, ElementId = task.ElementId, ElementName = task.Name,
            TaskId = task.Id, ActorId = caller.UserId, ActorName = caller.DisplayName, Outcome = outcome, Comment = task.Comment, IpAddress = ipAddress,
            Detail = JsonSerializer.Serialize(new { signerFor = task.ParentTaskId }),
        });
        var instance = task.Instance!;
        var result = new CompleteTaskResult(TaskViews.View(task, now),
            new InstanceSummary(instance.Id, instance.Status.ToString(), instance.CurrentSteps, instance.HasIncident), []);
        beforeSave?.Invoke(result);
        try
        {
            await committer.SaveAsync(db, rows, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return (null, new ActionFailure(409, "conflict", new("该待办刚被他人处理，请刷新后重试", "Someone else just acted on this task; reload and try again")));
        }
        return (result, null);
    }

    /// <summary>
    /// The task is finished by the caller: its row is updated under the revision read, and its
    /// candidate rows leave every inbox.
    /// </summary>
    private void Finish(RowChanges rows, WorkTask task, string outcome, string? comment, Caller caller, DateTime now)
    {
        var revision = task.Revision;
        MarkCompleted(task, outcome, comment, caller, now);
        task.Revision++;
        foreach (var candidate in task.Candidates)
        {
            candidate.Open = false;
        }
        rows.Modify(db, task, revision, nameof(WorkTask.Status), nameof(WorkTask.CompletedAt), nameof(WorkTask.CompletedById),
            nameof(WorkTask.CompletedByName), nameof(WorkTask.Outcome), nameof(WorkTask.Comment), nameof(WorkTask.Revision));
        EffectApplier.CloseCandidates(db, rows, task.Id);
    }

    /// <summary>Who finished the task, when, how and with what comment.</summary>
    internal static void MarkCompleted(WorkTask task, string? outcome, string? comment, Caller caller, DateTime now)
    {
        task.Status = WorkTaskStatus.Completed;
        task.CompletedAt = now;
        task.CompletedById = caller.UserId;
        task.CompletedByName = caller.DisplayName;
        task.Outcome = outcome;
        task.Comment = comment?.Trim();
    }

    /// <summary>
    /// The task with its case and candidates, read without tracking in two prepared statements, and
    /// whether signers added before it are still to sign. Inside the caller's transaction the
    /// caller's connection reads (and sees what the transaction wrote); otherwise a lent one.
    /// </summary>
    private async Task<(WorkTask? Task, bool SignersBefore)> ReadForActionAsync(Guid taskId, CancellationToken cancellationToken)
    {
        var tasks = RowTable.Of<WorkTask>(db);
        var instances = RowTable.Of<WorkflowInstance>(db);
        var candidates = RowTable.Of<TaskCandidate>(db);
        var (taskSql, candidatesSql) = ReadSql.Get(db, static db =>
        {
            var tasks = RowTable.Of<WorkTask>(db);
            var instances = RowTable.Of<WorkflowInstance>(db);
            var candidates = RowTable.Of<TaskCandidate>(db);
            return ($"""
                SELECT {tasks.SelectListAs("t")}, {instances.SelectListAs("i")},
                  EXISTS (SELECT 1 FROM "Tasks" AS "s" WHERE "s"."ParentTaskId" = "t"."Id" AND "s"."SignerPosition" = 'before' AND "s"."Status" = @p1)
                FROM "Tasks" AS "t" JOIN "WorkflowInstances" AS "i" ON "i"."Id" = "t"."InstanceId"
                WHERE "t"."Id" = @p0
                """, $"""SELECT {candidates.SelectList} FROM "TaskCandidates" WHERE "TaskId" = @p0""");
        });
        var readTask = new RowStatement(taskSql, [tasks.Column(nameof(WorkTask.Id)), tasks.Column(nameof(WorkTask.Status))], [taskId, WorkTaskStatus.Open]);
        var readCandidates = new RowStatement(candidatesSql, [candidates.Column(nameof(TaskCandidate.TaskId))], [taskId]);

        RowReaders.Lease? lease = null;
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        if (transaction is null)
        {
            lease = await readers.RentAsync(cancellationToken);
        }
        try
        {
            var taskCommand = lease?.Command(readTask) ?? readTask.Create(db.Database.GetDbConnection(), transaction);
            WorkTask task;
            bool signersBefore;
            await using (var reader = await RowStatistics.ExecuteReaderAsync(taskCommand, cancellationToken))
            {
                if (!await reader.ReadAsync(cancellationToken))
                {
                    return (null, false);
                }
                task = tasks.Read<WorkTask>(reader);
                task.Instance = instances.Read<WorkflowInstance>(reader, tasks.Columns.Length);
                signersBefore = reader.GetBoolean(tasks.Columns.Length + instances.Columns.Length);
            }
            var candidatesCommand = lease?.Command(readCandidates) ?? readCandidates.Create(db.Database.GetDbConnection(), transaction);
            await using (var reader = await RowStatistics.ExecuteReaderAsync(candidatesCommand, cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    task.Candidates.Add(candidates.Read<TaskCandidate>(reader));
                }
            }
            if (lease is null)
            {
                await taskCommand.DisposeAsync();
                await candidatesCommand.DisposeAsync();
            }
            return (task, signersBefore);
        }
        finally
        {
            if (lease is not null)
            {
                await lease.DisposeAsync();
            }
        }
    }

    /// <summary>The read statements' text, built once per model.</summary>
    private static class ReadSql
    {
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<Microsoft.EntityFrameworkCore.Metadata.IModel, (string, string)> Sql = new();

        public static (string Task, string Candidates) Get(WorkflowsDbContext db, Func<WorkflowsDbContext, (string, string)> build) =>
            Sql.GetOrAdd(db.Model, _ => build(db));
    }

    public static bool MayAct(WorkTask task, Caller caller, IReadOnlyList<DelegatedFrom>? delegations = null) =>
        IsFor(task, caller.UserId) || (delegations ?? []).Any(d => (d.ProcessId is null || d.ProcessId == task.ProcessId) && IsFor(task, d.UserId));

    private static bool IsFor(WorkTask task, Guid user) =>
        task.AssigneeId == user || (task.AssigneeId is null && task.Candidates.Any(c => c.UserId == user));

    /// <summary>A header <c>outcomes</c> on the task (e.g. <c>submit</c>, or <c>approve,return</c>) overrides the default set.</summary>
    public static string[] AllowedOutcomes(FlowNode? node)
    {
        var header = node?.UserTask?.Headers.GetValueOrDefault("outcomes");
        return string.IsNullOrWhiteSpace(header)
            ? DefaultOutcomes
            : header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(o => o.ToLowerInvariant()).ToArray();
    }

    private static ActionFailure AlreadyHandled(WorkTask task) => task.Status == WorkTaskStatus.Cancelled
        ? new ActionFailure(409, "task-cancelled", new("该待办已撤销（案件已被撤回、退回或转到其他步骤）", "This task was cancelled (the case was withdrawn, returned or moved)"))
        : new ActionFailure(409, "already-handled",
            new($"该待办已由{task.CompletedByName}于 {task.CompletedAt:yyyy-MM-dd HH:mm} 办理", $"This task was already handled by {task.CompletedByName} at {task.CompletedAt:yyyy-MM-dd HH:mm} UTC"));
}
