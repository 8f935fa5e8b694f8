using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Runtime;
using Workflows.Server.Hosting;
using Workflows.Server.Security;

namespace Workflows.Server.Inbox;

/// <summary>The task inbox: to do (待办), done (已办), copied to me (抄送我的), and the actions on a task.</summary>
public static class TasksApi
{
    public const int MaxBulk = 200;

    public static void MapTasks(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/tasks").WithTags("Inbox");
        group.MapGet("/", List).WithSummary("The caller's tasks: view=todo (default), done or copied; filters processId, unitId, overdue, search, from, to; sort=created|due; keyset paging with cursor.");
        group.MapGet("/counts", Counts).WithSummary("Counts for the inbox badges.");
        group.MapGet("/{id:guid}", Get).WithSummary("One task.");
        group.MapPost("/{id:guid}/complete", Complete)
            .WithSummary("Approve, reject or return a task (outcome approve|reject|return, comment required for reject and return, returnTo an earlier step). Send Idempotency-Key to make retries safe.");
        group.MapPost("/{id:guid}/claim", Claim).WithSummary("Take a task offered to several people (签收).");
        group.MapPost("/{id:guid}/release", Release).WithSummary("Give a claimed task back to the other candidates.");
        group.MapPost("/{id:guid}/transfer", Transfer).WithSummary("Hand a task to someone else who may act on the case (转办).");
        group.MapPost("/{id:guid}/add-signer", AddSigner).WithSummary("Add a signer before (they sign first) or after (you give your opinion, they decide) (加签).");
        group.MapPost("/{id:guid}/acknowledge", Acknowledge).WithSummary("Mark a copy (抄送) read.");
        group.MapPost("/bulk-complete", BulkComplete).WithSummary($"Approve up to {MaxBulk} tasks at once; one result per task.");
    }

    private static async Task<Results<Ok<TaskPage>, ValidationProblem>> List(
        HttpContext http, CallerAccessor callers, WorkflowsDbContext db, TimeProvider clock,
        string view = "todo", string? processId = null, Guid? unitId = null, bool? overdue = null, string? search = null,
        DateTime? from = null, DateTime? to = null, string sort = "created", string? cursor = null, int pageSize = 20)
    {
        var caller = await callers.RequireAsync();
        var errors = new FieldErrors();
        if (view is not ("todo" or "done" or "copied"))
        {
            errors.Add("view", new("应为 todo、done 或 copied", "must be todo, done or copied"));
        }
        if (sort is not ("created" or "due"))
        {
            errors.Add("sort", new("应为 created 或 due", "must be created or due"));
        }
        if (pageSize is < 1 or > 100)
        {
            errors.Add("pageSize", new("应为 1 到 100", "must be between 1 and 100"));
        }
        var after = cursor is null ? null : Cursor.Parse(cursor);
        if (cursor is not null && after is null)
        {
            errors.Add("cursor", new("分页游标无效", "is not a valid cursor"));
        }
        errors.MaxLength("search", search, 100);
        if (errors.Any)
        {
            return Problems.Validation(http, errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var me = caller.UserId;
        var far = DateTime.SpecifyKind(DateTime.MaxValue.AddDays(-1), DateTimeKind.Utc);
        IQueryable<WorkTask> tasks;
        if (view == "todo")
        {
            // The inbox proper walks my open candidate rows in index order.
            var rows = TodoRows(db, me, await Delegations.ActiveForAsync(db, me, now)).AsNoTracking();
            rows = FilterRows(rows, processId, unitId, overdue, search, from, to, now);
            if (sort == "created")
            {
                if (after is not null)
                {
                    var (at, id) = after.Value;
                    rows = rows.Where(c => c.CreatedAt < at || (c.CreatedAt == at && c.TaskId.CompareTo(id) < 0));
                }
                tasks = rows.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.TaskId).Select(c => c.Task!);
            }
            else
            {
                tasks = rows.Select(c => c.Task!);
            }
        }
        else
        {
            tasks = (view == "done"
                    ? db.WorkTasks.Where(t => t.Kind == WorkTaskKind.Action && t.CompletedById == me)
                    : db.WorkTasks.Where(t => t.Kind == WorkTaskKind.Copy && t.AssigneeId == me)).AsNoTracking();
            if (processId is not null) tasks = tasks.Where(t => t.ProcessId == processId);
            if (unitId is not null) tasks = tasks.Where(t => t.UnitId == unitId);
            if (overdue == true) tasks = tasks.Where(t => t.DueAt != null && t.DueAt < now);
            if (overdue == false) tasks = tasks.Where(t => t.DueAt == null || t.DueAt >= now);
            if (!string.IsNullOrWhiteSpace(search))
            {
                var term = search.Trim();
                tasks = tasks.Where(t => t.Title.Contains(term) || t.BusinessKey.Contains(term));
            }
            if (from is not null) { var f = from.Value.ToUniversalTime(); tasks = tasks.Where(t => t.CreatedAt >= f); }
            if (to is not null) { var u = to.Value.ToUniversalTime(); tasks = tasks.Where(t => t.CreatedAt < u); }
        }

        if (sort == "due")
        {
            if (after is not null)
            {
                var (at, id) = after.Value;
                tasks = tasks.Where(t => (t.DueAt ?? far) > at || ((t.DueAt ?? far) == at && t.Id.CompareTo(id) > 0));
            }
            tasks = tasks.OrderBy(t => t.DueAt ?? far).ThenBy(t => t.Id);
        }
        else if (view != "todo")
        {
            var key = view == "done";
            if (after is not null)
            {
                var (at, id) = after.Value;
                tasks = key
                    ? tasks.Where(t => t.CompletedAt < at || (t.CompletedAt == at && t.Id.CompareTo(id) < 0))
                    : tasks.Where(t => t.CreatedAt < at || (t.CreatedAt == at && t.Id.CompareTo(id) < 0));
            }
            tasks = key ? tasks.OrderByDescending(t => t.CompletedAt).ThenByDescending(t => t.Id) : tasks.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id);
        }
        var page = (await tasks.Take(pageSize + 1).ToListAsync()).DistinctBy(t => t.Id).ToList();
        string? next = null;
        if (page.Count > pageSize)
        {
            page.RemoveAt(pageSize);
            var last = page[^1];
            next = Cursor.Format(sort == "due" ? last.DueAt ?? far : view == "done" ? last.CompletedAt!.Value : last.CreatedAt, last.Id);
        }
        return TypedResults.Ok(new TaskPage(page.Select(t => TaskViews.View(t, now)).ToList(), next));
    }

    /// <summary>
    /// My open candidate rows, and those of the people who delegated to me today (for their
    /// workflows), whose task is not taken by someone else. An assignee is always a candidate too.
    /// </summary>
    public static IQueryable<TaskCandidate> TodoRows(WorkflowsDbContext db, Guid me, IReadOnlyList<DelegatedFrom> delegations)
    {
        var candidate = System.Linq.Expressions.Expression.Parameter(typeof(TaskCandidate), "c");
        var user = System.Linq.Expressions.Expression.Property(candidate, nameof(TaskCandidate.UserId));
        var process = System.Linq.Expressions.Expression.Property(System.Linq.Expressions.Expression.Property(candidate, nameof(TaskCandidate.Task)), nameof(WorkTask.ProcessId));
        System.Linq.Expressions.Expression whose = System.Linq.Expressions.Expression.Equal(user, System.Linq.Expressions.Expression.Constant(me));
        foreach (var delegation in delegations)
        {
            System.Linq.Expressions.Expression theirs = System.Linq.Expressions.Expression.Equal(user, System.Linq.Expressions.Expression.Constant(delegation.UserId));
            if (delegation.ProcessId is not null)
            {
                theirs = System.Linq.Expressions.Expression.AndAlso(theirs, System.Linq.Expressions.Expression.Equal(process, System.Linq.Expressions.Expression.Constant(delegation.ProcessId)));
            }
            whose = System.Linq.Expressions.Expression.OrElse(whose, theirs);
        }
        var predicate = System.Linq.Expressions.Expression.Lambda<Func<TaskCandidate, bool>>(whose, candidate);
        // Open already means: the task is open and not taken by someone else.
        return db.TaskCandidates.Where(c => c.Open).Where(predicate);
    }

    private static IQueryable<TaskCandidate> FilterRows(IQueryable<TaskCandidate> rows, string? processId, Guid? unitId, bool? overdue, string? search,
        DateTime? from, DateTime? to, DateTime now)
    {
        if (processId is not null) rows = rows.Where(c => c.Task!.ProcessId == processId);
        if (unitId is not null) rows = rows.Where(c => c.Task!.UnitId == unitId);
        if (overdue == true) rows = rows.Where(c => c.DueAt != null && c.DueAt < now);
        if (overdue == false) rows = rows.Where(c => c.DueAt == null || c.DueAt >= now);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            rows = rows.Where(c => c.Task!.Title.Contains(term) || c.Task.BusinessKey.Contains(term));
        }
        if (from is not null) { var f = from.Value.ToUniversalTime(); rows = rows.Where(c => c.CreatedAt >= f); }
        if (to is not null) { var u = to.Value.ToUniversalTime(); rows = rows.Where(c => c.CreatedAt < u); }
        return rows;
    }

    /// <summary>My to-do list (with delegations) as tasks, for counting and for other features.</summary>
    public static async Task<IQueryable<WorkTask>> TodoWithDelegationsAsync(WorkflowsDbContext db, Guid me, DateTime now) =>
        TodoRows(db, me, await Delegations.ActiveForAsync(db, me, now)).Select(c => c.Task!);

    /// <summary>My own open tasks, without delegations.</summary>
    public static IQueryable<WorkTask> Todo(WorkflowsDbContext db, Guid me) => TodoRows(db, me, []).Select(c => c.Task!);

    private static async Task<Ok<TaskCounts>> Counts(CallerAccessor callers, WorkflowsDbContext db, TimeProvider clock)
    {
        var caller = await callers.RequireAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        // Counted on the candidate rows alone: one index range, no join.
        var todo = TodoRows(db, caller.UserId, await Delegations.ActiveForAsync(db, caller.UserId, now));
        var startOfDay = now.Date;
        return TypedResults.Ok(new TaskCounts(
            await todo.CountAsync(),
            await todo.CountAsync(c => c.DueAt != null && c.DueAt < now),
            await db.WorkTasks.CountAsync(t => t.Kind == WorkTaskKind.Copy && t.AssigneeId == caller.UserId && t.Status == WorkTaskStatus.Open),
            await db.WorkTasks.CountAsync(t => t.CompletedById == caller.UserId && t.CompletedAt >= startOfDay)));
    }

    private static async Task<Results<Ok<TaskView>, ProblemHttpResult>> Get(Guid id, HttpContext http, CallerAccessor callers, WorkflowsDbContext db, SecurityAudit audit, TimeProvider clock)
    {
        var caller = await callers.RequireAsync();
        var task = await db.WorkTasks.AsNoTracking().Include(t => t.Candidates).SingleOrDefaultAsync(t => t.Id == id);
        if (task is null)
        {
            return Problems.NotFound(http, new("没有这个待办", "No such task"));
        }
        if (!TaskActions.MayAct(task, caller) && task.CompletedById != caller.UserId && task.AssigneeId != caller.UserId && !AccessPolicy.CanReadWork(caller, task.UnitPath))
        {
            await audit.DeniedAsync(caller, "read task", $"task {id}");
            return Problems.Forbidden(http, new("该待办不在您的管辖范围内", "This task is outside your area"));
        }
        return TypedResults.Ok(TaskViews.View(task, clock.GetUtcNow().UtcDateTime));
    }

    private static async Task<IResult> Complete(Guid id, CompleteTaskRequest request, HttpContext http, CallerAccessor callers,
        WorkflowsDbContext db, TaskActions actions, SecurityAudit audit, TimeProvider clock)
    {
        var caller = await callers.RequireAsync();
        var errors = new FieldErrors();
        var key = Idempotency.Read(http, new { id, request }, errors);
        if (errors.Any)
        {
            return Problems.Validation(http, errors);
        }
        if (await Idempotency.ReplayAsync(http, db, caller.UserId, key) is { } replay)
        {
            return replay;
        }
        var (result, failure) = await actions.CompleteAsync(id, request, caller, http.Connection.RemoteIpAddress?.ToString(),
            done => Idempotency.Remember(db, caller.UserId, key, 200, done, clock.GetUtcNow().UtcDateTime), http.RequestAborted);
        if (failure is not null)
        {
            if (failure.Status == 403)
            {
                await audit.DeniedAsync(caller, "complete task", $"task {id}");
            }
            return Failure(http, failure);
        }
        return TypedResults.Ok(result);
    }

    public sealed record TransferRequest(Guid? ToUserId, string? Comment);

    public sealed record AddSignerRequest(Guid? UserId, string? Position, string? Outcome, string? Comment);

    private static async Task<IResult> Claim(Guid id, HttpContext http, CallerAccessor callers, TaskOperations operations, TimeProvider clock) =>
        Answer(http, await operations.ClaimAsync(id, await callers.RequireAsync(), http.RequestAborted), clock);

    private static async Task<IResult> Release(Guid id, HttpContext http, CallerAccessor callers, TaskOperations operations, TimeProvider clock) =>
        Answer(http, await operations.ReleaseAsync(id, await callers.RequireAsync(), http.RequestAborted), clock);

    private static async Task<IResult> Transfer(Guid id, TransferRequest request, HttpContext http, CallerAccessor callers, TaskOperations operations, TimeProvider clock) =>
        Answer(http, await operations.TransferAsync(id, request.ToUserId, request.Comment, await callers.RequireAsync(), http.RequestAborted), clock);

    private static async Task<IResult> AddSigner(Guid id, AddSignerRequest request, HttpContext http, CallerAccessor callers, TaskOperations operations, TimeProvider clock) =>
        Answer(http, await operations.AddSignerAsync(id, request.UserId, request.Position, request.Outcome?.ToLowerInvariant(), request.Comment,
            await callers.RequireAsync(), http.RequestAborted), clock);

    private static async Task<IResult> Acknowledge(Guid id, HttpContext http, CallerAccessor callers, TaskOperations operations) =>
        await operations.AcknowledgeAsync(id, await callers.RequireAsync(), http.RequestAborted) is { } failure ? Failure(http, failure) : TypedResults.NoContent();

    private static IResult Answer(HttpContext http, (Workflows.Data.Runtime.WorkTask? Task, ActionFailure? Failure) outcome, TimeProvider clock) =>
        outcome.Failure is not null ? Failure(http, outcome.Failure) : TypedResults.Ok(TaskViews.View(outcome.Task!, clock.GetUtcNow().UtcDateTime));

    public sealed record BulkCompleteRequest(IReadOnlyList<Guid>? TaskIds, string? Outcome, string? Comment);

    public sealed record BulkItemResult(Guid TaskId, bool Succeeded, int Status, string? Error, CompleteTaskResult? Result);

    private static async Task<Results<Ok<List<BulkItemResult>>, ValidationProblem>> BulkComplete(BulkCompleteRequest request, HttpContext http,
        CallerAccessor callers, IServiceScopeFactory scopes)
    {
        var caller = await callers.RequireAsync();
        var errors = new FieldErrors();
        if (request.TaskIds is null || request.TaskIds.Count == 0)
        {
            errors.Add("taskIds", Messages.Required);
        }
        else if (request.TaskIds.Count > MaxBulk)
        {
            errors.Add("taskIds", new($"一次最多 {MaxBulk} 件", $"at most {MaxBulk} at once"));
        }
        if (request.Outcome is not TaskActions.Approve)
        {
            errors.Add("outcome", new("批量办理只支持同意（approve）", "bulk completion supports approve only"));
        }
        if (errors.Any)
        {
            return Problems.Validation(http, errors);
        }
        var language = Languages.Of(http);
        var results = new List<BulkItemResult>();
        foreach (var taskId in request.TaskIds!.Distinct())
        {
            // Each task in its own unit of work: one failure never undoes the others.
            await using var scope = scopes.CreateAsyncScope();
            var actions = scope.ServiceProvider.GetRequiredService<TaskActions>();
            var (result, failure) = await actions.CompleteAsync(taskId, new CompleteTaskRequest(TaskActions.Approve, request.Comment, null, null),
                caller, http.Connection.RemoteIpAddress?.ToString(), cancellationToken: http.RequestAborted);
            results.Add(failure is null
                ? new BulkItemResult(taskId, true, 200, null, result)
                : new BulkItemResult(taskId, false, failure.Status, failure.Message.In(language), null));
        }
        return TypedResults.Ok(results);
    }

    public static IResult Failure(HttpContext http, ActionFailure failure) => failure.Field is not null
        ? Problems.Validation(http, failure.Field, failure.Message)
        : Problems.Problem(http, failure.Status, failure.Code, failure.Status switch
        {
            403 => new("没有权限", "Forbidden"),
            429 => new("请求过于频繁", "Too many requests"),
            404 => new("未找到", "Not found"),
            409 => new("冲突", "Conflict"),
            _ => new("无法处理", "Cannot be done"),
        }, failure.Message);

    /// <summary>An opaque page cursor: the sort key and the id of the last item.</summary>
    private static class Cursor
    {
        public static string Format(DateTime at, Guid id) =>
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{at.Ticks.ToString(CultureInfo.InvariantCulture)}:{id:N}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        public static (DateTime At, Guid Id)? Parse(string cursor)
        {
            try
            {
                var padded = cursor.Replace('-', '+').Replace('_', '/');
                padded += new string('=', (4 - padded.Length % 4) % 4);
                var parts = Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split(':');
                return parts.Length == 2 && long.TryParse(parts[0], CultureInfo.InvariantCulture, out var ticks) && ticks is >= 0 and <= 3155378975999999999 && Guid.TryParse(parts[1], out var id)
                    ? (new DateTime(ticks, DateTimeKind.Utc), id)
                    : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }
}
