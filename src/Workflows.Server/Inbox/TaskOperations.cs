using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Runtime;
using Workflows.Server.Hosting;
using Workflows.Server.Notifications;
using Workflows.Server.Runtime;
using Workflows.Server.Security;

namespace Workflows.Server.Inbox;

/// <summary>
/// What an approver does to a task besides deciding it: claim and release (签收/退签), transfer
/// (转办), add a signer before or after (加签), copy to others (抄送), and what anyone with an interest
/// does to a case: urge (催办). Each is recorded in the case's history.
/// </summary>
public sealed class TaskOperations(WorkflowsDbContext db, Notifier notifier, TimeProvider clock)
{
    public static readonly TimeSpan UrgeInterval = TimeSpan.FromHours(1);

    public async Task<(WorkTask? Task, ActionFailure? Failure)> ClaimAsync(Guid taskId, Caller caller, CancellationToken cancellationToken = default)
    {
        var (task, failure) = await OpenTaskAsync(taskId, caller, cancellationToken);
        if (failure is not null)
        {
            return (null, failure);
        }
        if (task!.AssigneeId is not null && task.AssigneeId != caller.UserId)
        {
            return (null, new ActionFailure(409, "claimed", new("该待办已被他人签收", "Someone else has claimed this task")));
        }
        task.AssigneeId = caller.UserId;
        if (task.Candidates.All(c => c.UserId != caller.UserId))
        {
            // A delegate who claims becomes a candidate, so the task stays in an inbox.
            task.Candidates.Add(new TaskCandidate { TaskId = task.Id, UserId = caller.UserId });
        }
        task.Revision++;
        Record(task, caller, InstanceEventKind.Claimed);
        return await SaveAsync(task);
    }

    public async Task<(WorkTask? Task, ActionFailure? Failure)> ReleaseAsync(Guid taskId, Caller caller, CancellationToken cancellationToken = default)
    {
        var (task, failure) = await OpenTaskAsync(taskId, caller, cancellationToken);
        if (failure is not null)
        {
            return (null, failure);
        }
        if (task!.AssigneeId != caller.UserId || task.Candidates.Count == 0 || task.Candidates.All(c => c.UserId == caller.UserId))
        {
            return (null, new ActionFailure(409, "not-claimed", new("只能退回自己签收的、还有其他候选人的待办", "Only a task you claimed that others could take can be released")));
        }
        task.AssigneeId = null;
        task.Revision++;
        Record(task, caller, InstanceEventKind.Released);
        return await SaveAsync(task);
    }

    public async Task<(WorkTask? Task, ActionFailure? Failure)> TransferAsync(Guid taskId, Guid? toUserId, string? comment, Caller caller, CancellationToken cancellationToken = default)
    {
        var (task, failure) = await OpenTaskAsync(taskId, caller, cancellationToken);
        if (failure is not null)
        {
            return (null, failure);
        }
        if (await TargetProblemAsync(toUserId, task!, caller, "toUserId", cancellationToken) is { } problem)
        {
            return (null, problem);
        }
        task!.AssigneeId = toUserId;
        db.TaskCandidates.RemoveRange(task.Candidates);
        task.Candidates.Clear();
        task.Candidates.Add(new TaskCandidate { TaskId = task.Id, UserId = toUserId!.Value });
        task.Revision++;
        Record(task, caller, InstanceEventKind.Transferred, comment, new { to = toUserId });
        await notifier.NotifyAsync([toUserId.Value], "transferred", $"转办：{task.Name}", $"{caller.DisplayName}把“{task.Title}”的“{task.Name}”转给您办理。{comment}",
            task.InstanceId, task.Id, $"transfer:{task.Id:N}:{task.Revision}", cancellationToken);
        return await SaveAsync(task);
    }

    /// <summary>
    /// Before: the signer signs first, and the task waits for them. After: the caller gives their
    /// own opinion now and the signer decides the step.
    /// </summary>
    public async Task<(WorkTask? Task, ActionFailure? Failure)> AddSignerAsync(Guid taskId, Guid? userId, string? position, string? outcome, string? comment,
        Caller caller, CancellationToken cancellationToken = default)
    {
        var (task, failure) = await OpenTaskAsync(taskId, caller, cancellationToken);
        if (failure is not null)
        {
            return (null, failure);
        }
        if (position is not ("before" or "after"))
        {
            return (null, new ActionFailure(400, "validation", new("应为 before（前加签）或 after（后加签）", "must be before or after"), "position"));
        }
        if (task!.TaskKey == 0)
        {
            return (null, new ActionFailure(400, "validation", new("加签人的待办不能再加签", "a signer's own task cannot get more signers"), "taskId"));
        }
        if (await TargetProblemAsync(userId, task, caller, "userId", cancellationToken) is { } problem)
        {
            return (null, problem);
        }
        if (position == "after" && outcome is not (TaskActions.Approve or TaskActions.Reject))
        {
            return (null, new ActionFailure(400, "validation", new("后加签时请给出自己的意见：approve 或 reject", "give your own opinion with an after signer: approve or reject"), "outcome"));
        }
        if (comment is { Length: > 2000 })
        {
            return (null, new ActionFailure(400, "validation", Messages.TooLong(2000), "comment"));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var signer = new WorkTask
        {
            Id = Guid.CreateVersion7(), InstanceId = task.InstanceId, ElementId = task.ElementId, Name = task.Name + (position == "before" ? "（前加签）" : "（后加签）"),
            Kind = WorkTaskKind.Action, Status = WorkTaskStatus.Open, FormKey = task.FormKey, CandidateLevel = task.CandidateLevel,
            CandidateRole = task.CandidateRole, CandidateUnitId = task.CandidateUnitId, AssigneeId = userId,
            Title = task.Title, BusinessKey = task.BusinessKey, ProcessId = task.ProcessId, UnitId = task.UnitId, UnitPath = task.UnitPath,
            CreatedAt = now, DueAt = task.DueAt, ParentTaskId = task.Id, SignerPosition = position,
            // After: the engine's step now waits on the signer.
            TaskKey = position == "after" ? task.TaskKey : 0,
        };
        signer.Candidates.Add(new TaskCandidate { TaskId = signer.Id, UserId = userId!.Value });
        db.WorkTasks.Add(signer);
        if (position == "after")
        {
            TaskActions.MarkCompleted(task, outcome, comment, caller, now);
            task.TaskKey = 0;
            await EffectApplier.CancelRemindersAsync(db, task.Id, cancellationToken);
        }
        task.Revision++;
        Record(task, caller, InstanceEventKind.SignerAdded, comment, new { signer = userId, position, outcome });
        await notifier.NotifyAsync([userId.Value], "signer", $"加签：{task.Name}", $"{caller.DisplayName}请您会签“{task.Title}”的“{task.Name}”。{comment}",
            task.InstanceId, signer.Id, $"signer:{signer.Id:N}", cancellationToken);
        var (_, saveFailure) = await SaveAsync(task);
        return saveFailure is null ? (signer, null) : (null, saveFailure);
    }

    /// <summary>抄送: read-only items in the recipients' inboxes; they may then read the case.</summary>
    public async Task<(List<WorkTask>? Copies, ActionFailure? Failure)> CopyAsync(Guid instanceId, IReadOnlyList<Guid>? userIds, string? comment, Caller caller, CancellationToken cancellationToken = default)
    {
        var instance = await db.WorkflowInstances.SingleOrDefaultAsync(i => i.Id == instanceId, cancellationToken);
        if (instance is null)
        {
            return (null, new ActionFailure(404, "not-found", new("没有这个案件", "No such case")));
        }
        var delegations = await Delegations.ActiveForAsync(db, caller.UserId, clock.GetUtcNow().UtcDateTime, cancellationToken);
        var open = await db.WorkTasks.Include(t => t.Candidates).Where(t => t.InstanceId == instanceId && t.Status == WorkTaskStatus.Open && t.Kind == WorkTaskKind.Action).ToListAsync(cancellationToken);
        if (instance.StartedById != caller.UserId && !open.Any(t => TaskActions.MayAct(t, caller, delegations)))
        {
            return (null, new ActionFailure(403, "forbidden", new("只有申请人和当前办理人可以抄送", "Only the applicant and the current approvers can copy a case")));
        }
        var wanted = (userIds ?? []).Distinct().ToList();
        if (wanted.Count is 0 or > 50)
        {
            return (null, new ActionFailure(400, "validation", new("请选择 1 到 50 位抄送人", "choose 1 to 50 people"), "userIds"));
        }
        var known = await db.Users.Where(u => wanted.Contains(u.Id) && u.IsActive).Select(u => u.Id).ToListAsync(cancellationToken);
        if (known.Count != wanted.Count)
        {
            return (null, new ActionFailure(400, "validation", new("有抄送人不存在或已停用", "someone in the list does not exist or is inactive"), "userIds"));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var copies = wanted.Select(user => new WorkTask
        {
            Id = Guid.CreateVersion7(), InstanceId = instance.Id, ElementId = "copy", Name = "抄送", Kind = WorkTaskKind.Copy, Status = WorkTaskStatus.Open,
            AssigneeId = user, Title = instance.Title, BusinessKey = instance.BusinessKey, ProcessId = instance.ProcessId,
            UnitId = instance.UnitId, UnitPath = instance.UnitPath, CreatedAt = now, Comment = comment?.Trim(),
        }).ToList();
        db.WorkTasks.AddRange(copies);
        db.InstanceEvents.Add(Event(instance.Id, null, caller, InstanceEventKind.Copied, comment, new { to = wanted }));
        await notifier.NotifyAsync(wanted, "copied", $"抄送：{instance.Title}", $"{caller.DisplayName}抄送给您：“{instance.Title}”（{instance.BusinessKey}）。{comment}",
            instance.Id, null, $"copy:{instance.Id:N}:{now.Ticks}", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return (copies, null);
    }

    public async Task<ActionFailure?> AcknowledgeAsync(Guid copyId, Caller caller, CancellationToken cancellationToken = default)
    {
        var copy = await db.WorkTasks.SingleOrDefaultAsync(t => t.Id == copyId && t.Kind == WorkTaskKind.Copy && t.AssigneeId == caller.UserId, cancellationToken);
        if (copy is null)
        {
            return new ActionFailure(404, "not-found", new("没有这个抄送件", "No such copy"));
        }
        if (copy.Status == WorkTaskStatus.Open)
        {
            copy.Status = WorkTaskStatus.Completed;
            copy.CompletedAt = clock.GetUtcNow().UtcDateTime;
            copy.CompletedById = caller.UserId;
            copy.CompletedByName = caller.DisplayName;
            copy.Revision++;
            await db.SaveChangesAsync(cancellationToken);
        }
        return null;
    }

    /// <summary>催办: the applicant, or a reviewer or approver above, nudges whoever holds the case now; at most once an hour each.</summary>
    public async Task<(int Notified, ActionFailure? Failure)> UrgeAsync(Guid instanceId, string? comment, Caller caller, CancellationToken cancellationToken = default)
    {
        var instance = await db.WorkflowInstances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == instanceId, cancellationToken);
        if (instance is null)
        {
            return (0, new ActionFailure(404, "not-found", new("没有这个案件", "No such case")));
        }
        var isApplicant = instance.StartedById == caller.UserId || caller.GrantsOf(Data.Accounts.Role.Applicant).Any(g => g.UnitId == instance.UnitId);
        var isAbove = caller.GrantsOf(Data.Accounts.Role.Reviewer, Data.Accounts.Role.Approver).Any(g => g.UnitPath is not null && instance.UnitPath.StartsWith(g.UnitPath, StringComparison.Ordinal));
        if (!isApplicant && !isAbove)
        {
            return (0, new ActionFailure(403, "forbidden", new("只有申请单位或上级可以催办", "Only the applying unit or a level above can urge")));
        }
        if (instance.Status != InstanceStatus.Active)
        {
            return (0, new ActionFailure(409, "ended", new("案件已经结束", "The case has ended")));
        }
        if (comment is { Length: > 500 })
        {
            return (0, new ActionFailure(400, "validation", Messages.TooLong(500), "comment"));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - UrgeInterval;
        if (await db.InstanceEvents.AnyAsync(e => e.InstanceId == instanceId && e.Kind == InstanceEventKind.Urged && e.ActorId == caller.UserId && e.At > since, cancellationToken))
        {
            return (0, new ActionFailure(429, "too-many-requests", new("一小时内只能催办一次", "You can urge a case once an hour")));
        }
        var holders = await db.WorkTasks.AsNoTracking()
            .Where(t => t.InstanceId == instanceId && t.Status == WorkTaskStatus.Open && t.Kind == WorkTaskKind.Action)
            .Select(t => new { t.AssigneeId, Candidates = t.Candidates.Select(c => c.UserId).ToList() }).ToListAsync(cancellationToken);
        var users = holders.SelectMany(h => h.AssigneeId is { } a ? [a] : h.Candidates).Where(u => u != caller.UserId).Distinct().ToList();
        var notified = await notifier.NotifyAsync(users, "urge", $"催办：{instance.Title}", $"{caller.DisplayName}催办“{instance.Title}”（{instance.BusinessKey}），请尽快办理。{comment}",
            instance.Id, null, $"urge:{instance.Id:N}:{caller.UserId:N}:{now.Ticks}", cancellationToken);
        db.InstanceEvents.Add(Event(instance.Id, null, caller, InstanceEventKind.Urged, comment, new { notified }));
        await db.SaveChangesAsync(cancellationToken);
        return (notified, null);
    }

    /// <summary>A comment on a case (意见) by anyone who may act on its unit's work or holds one of its tasks; it goes into the history.</summary>
    public async Task<ActionFailure?> CommentAsync(Guid instanceId, string? comment, Caller caller, CancellationToken cancellationToken = default)
    {
        var instance = await db.WorkflowInstances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == instanceId, cancellationToken);
        if (instance is null)
        {
            return new ActionFailure(404, "not-found", new("没有这个案件", "No such case"));
        }
        var holdsTask = await db.WorkTasks.AnyAsync(t => t.InstanceId == instanceId
            && (t.AssigneeId == caller.UserId || t.Candidates.Any(c => c.UserId == caller.UserId)), cancellationToken);
        if (!AccessPolicy.CanActOnWork(caller, instance.UnitPath) && instance.StartedById != caller.UserId && !holdsTask)
        {
            return new ActionFailure(403, "forbidden", new("您不能处理该案件", "You cannot act on this case"));
        }
        if (string.IsNullOrWhiteSpace(comment))
        {
            return new ActionFailure(400, "validation", Messages.Required, "comment");
        }
        if (comment.Length > 2000)
        {
            return new ActionFailure(400, "validation", Messages.TooLong(2000), "comment");
        }
        db.InstanceEvents.Add(Event(instanceId, null, caller, InstanceEventKind.Commented, comment, null));
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    private async Task<(WorkTask? Task, ActionFailure? Failure)> OpenTaskAsync(Guid taskId, Caller caller, CancellationToken cancellationToken)
    {
        var task = await db.WorkTasks.Include(t => t.Candidates).SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken);
        if (task is null || task.Kind != WorkTaskKind.Action)
        {
            return (null, new ActionFailure(404, "not-found", new("没有这个待办", "No such task")));
        }
        var delegations = await Delegations.ActiveForAsync(db, caller.UserId, clock.GetUtcNow().UtcDateTime, cancellationToken);
        if (!TaskActions.MayAct(task, caller, delegations))
        {
            return (null, new ActionFailure(403, "forbidden", new("您不是这个待办的办理人", "This task is not yours to act on")));
        }
        if (task.Status != WorkTaskStatus.Open)
        {
            return (null, new ActionFailure(409, "already-handled", new($"该待办已由{task.CompletedByName}办理", $"This task was already handled by {task.CompletedByName}")));
        }
        return (task, null);
    }

    /// <summary>The person a task goes to must be active and allowed to act on work from the case's unit.</summary>
    private async Task<ActionFailure?> TargetProblemAsync(Guid? userId, WorkTask task, Caller caller, string field, CancellationToken cancellationToken)
    {
        if (userId is null)
        {
            return new ActionFailure(400, "validation", Messages.Required, field);
        }
        if (userId == caller.UserId)
        {
            return new ActionFailure(400, "validation", new("不能是自己", "cannot be yourself"), field);
        }
        var target = await CallerAccessor.LoadAsync(db, userId.Value, clock, cancellationToken);
        if (target is null)
        {
            return new ActionFailure(400, "validation", new("用户不存在或已停用", "no such active user"), field);
        }
        return AccessPolicy.CanActOnWork(target, task.UnitPath)
            ? null
            : new ActionFailure(400, "validation", new("该用户无权办理这个单位的事项", "that person may not act on work from this unit"), field);
    }

    private void Record(WorkTask task, Caller caller, InstanceEventKind kind, string? comment = null, object? detail = null) =>
        db.InstanceEvents.Add(Event(task.InstanceId, task, caller, kind, comment, detail));

    private InstanceEvent Event(Guid instanceId, WorkTask? task, Caller caller, InstanceEventKind kind, string? comment, object? detail) => new()
    {
        InstanceId = instanceId, At = clock.GetUtcNow().UtcDateTime, Kind = kind, ElementId = task?.ElementId, ElementName = task?.Name,
        TaskId = task?.Id, ActorId = caller.UserId, ActorName = caller.DisplayName, Comment = comment?.Trim(),
        Detail = detail is null ? null : JsonSerializer.Serialize(detail),
    };

    private async Task<(WorkTask? Task, ActionFailure? Failure)> SaveAsync(WorkTask task)
    {
        try
        {
            await db.SaveChangesAsync();
            return (task, null);
        }
        catch (DbUpdateConcurrencyException)
        {
            return (null, new ActionFailure(409, "conflict", new("该待办刚被他人处理，请刷新后重试", "Someone else just acted on this task; reload and try again")));
        }
    }
}
