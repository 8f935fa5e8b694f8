using System.Linq.Expressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Applications;
using Workflows.Data.Organisation;
using Workflows.Server.Hosting;
using Workflows.Server.Security;

namespace Workflows.Server.Applications;

/// <summary>
/// Applications as units see them: an applicant sees their own unit's, a reviewer or approver sees
/// those from inside their area, nobody sees across. Routing and forms build on this.
/// </summary>
public static class ApplicationsApi
{
    public static void MapApplications(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/applications").WithTags("Applications");
        group.MapGet("/", List).WithSummary("Applications the caller may see, newest first.");
        group.MapGet("/{id:guid}", Get).WithSummary("One application with its comments.");
        group.MapPost("/", Create).WithSummary("Start a draft application for one of the caller's applicant units.");
        group.MapPost("/{id:guid}/comments", Comment).WithSummary("Add a comment or review opinion (审核意见).");
    }

    public sealed record ApplicationView(Guid Id, Guid UnitId, string UnitName, string Kind, string Title, string Status, DateTime CreatedAt, DateTime UpdatedAt, int Version);

    public sealed record CommentView(Guid Id, Guid AuthorId, string AuthorName, string Text, DateTime At);

    public sealed record ApplicationDetailView(ApplicationView Application, IReadOnlyList<CommentView> Comments);

    public sealed record CreateApplicationRequest(Guid? UnitId, string? Kind, string? Title);

    public sealed record CommentRequest(string? Text);

    public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize);

    private static async Task<Results<Ok<Page<ApplicationView>>, ValidationProblem>> List(
        HttpContext http, CallerAccessor callers, WorkflowsDbContext db, string? status = null, Guid? unitId = null, int page = 1, int pageSize = 20)
    {
        var caller = await callers.RequireAsync();
        var errors = new FieldErrors();
        if (page < 1)
        {
            errors.Add("page", new("页码从 1 开始", "must be 1 or more"));
        }
        if (pageSize is < 1 or > 200)
        {
            errors.Add("pageSize", new("每页条数应为 1 到 200", "must be between 1 and 200"));
        }
        ApplicationStatus? wanted = null;
        if (status is not null)
        {
            if (Enum.TryParse<ApplicationStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s))
            {
                wanted = s;
            }
            else
            {
                errors.Add("status", new("状态不正确", "is not a known status"));
            }
        }
        if (errors.Any)
        {
            return Problems.Validation(http, errors);
        }
        var query = db.Applications.AsNoTracking().Where(Readable(AccessPolicy.ReadableWork(caller)));
        if (wanted is not null)
        {
            query = query.Where(a => a.Status == wanted);
        }
        if (unitId is not null)
        {
            query = query.Where(a => a.UnitId == unitId);
        }
        var total = await query.CountAsync();
        var items = await query.OrderByDescending(a => a.CreatedAt)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(a => new ApplicationView(a.Id, a.UnitId, a.Unit!.Name, a.Kind, a.Title, a.Status.ToString(), a.CreatedAt, a.UpdatedAt, a.Version))
            .ToListAsync();
        return TypedResults.Ok(new Page<ApplicationView>(items, total, page, pageSize));
    }

    /// <summary>The scope as one SQL predicate: inside any of the subtrees, or exactly one of the units.</summary>
    private static Expression<Func<Application, bool>> Readable(WorkScope scope)
    {
        if (scope.IsEverything)
        {
            return _ => true;
        }
        var application = Expression.Parameter(typeof(Application), "a");
        var unit = Expression.Property(application, nameof(Application.Unit));
        var path = Expression.Property(unit, nameof(Unit.Path));
        var startsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
        Expression body = Expression.Constant(false);
        foreach (var prefix in scope.SubtreePaths)
        {
            body = Expression.OrElse(body, Expression.Call(path, startsWith, Expression.Constant(prefix)));
        }
        if (scope.ExactUnits.Count > 0)
        {
            var ids = scope.ExactUnits.ToList();
            var contains = typeof(List<Guid>).GetMethod(nameof(List<Guid>.Contains))!;
            body = Expression.OrElse(body, Expression.Call(Expression.Constant(ids), contains, Expression.Property(application, nameof(Application.UnitId))));
        }
        return Expression.Lambda<Func<Application, bool>>(body, application);
    }

    private static async Task<Results<Ok<ApplicationDetailView>, ProblemHttpResult>> Get(
        Guid id, HttpContext http, CallerAccessor callers, WorkflowsDbContext db, SecurityAudit audit)
    {
        var caller = await callers.RequireAsync();
        var application = await db.Applications.AsNoTracking().Include(a => a.Unit)
            .Include(a => a.Comments).ThenInclude(c => c.Author)
            .SingleOrDefaultAsync(a => a.Id == id);
        if (application is null)
        {
            return Problems.NotFound(http, NoSuchApplication);
        }
        if (!AccessPolicy.CanReadWork(caller, application.Unit!.Path))
        {
            await audit.DeniedAsync(caller, "read application", $"application {id}", application.UnitId);
            return Problems.Forbidden(http, new("该申请不在您的管辖范围内", "This application is outside your area"));
        }
        return TypedResults.Ok(new ApplicationDetailView(View(application),
            application.Comments.OrderBy(c => c.At).Select(c => new CommentView(c.Id, c.AuthorId, c.Author?.DisplayName ?? "", c.Text, c.At)).ToList()));
    }

    private static async Task<Results<Created<ApplicationView>, ValidationProblem, ProblemHttpResult>> Create(
        CreateApplicationRequest request, HttpContext http, CallerAccessor callers, WorkflowsDbContext db, SecurityAudit audit, TimeProvider clock)
    {
        var caller = await callers.RequireAsync();
        var errors = new FieldErrors();
        errors.Name("kind", request.Kind, Application.KindMaxLength);
        errors.Name("title", request.Title, Application.TitleMaxLength);
        var applicantUnits = caller.GrantsOf(Data.Accounts.Role.Applicant).Select(g => g.UnitId!.Value).Distinct().ToList();
        var unitId = request.UnitId ?? (applicantUnits.Count == 1 ? applicantUnits[0] : null);
        if (unitId is null)
        {
            errors.Add("unitId", applicantUnits.Count == 0
                ? new("您没有申报人角色", "you hold no applicant role")
                : new("您在多个单位担任申报人，请选择单位", "you are an applicant in several units; choose one"));
        }
        else if (!await db.Units.AnyAsync(u => u.Id == unitId))
        {
            errors.Add("unitId", new("单位不存在", "no such unit"));
        }
        if (errors.Any)
        {
            return Problems.Validation(http, errors);
        }
        if (!AccessPolicy.CanApplyFor(caller, unitId!.Value))
        {
            await audit.DeniedAsync(caller, "create application", $"unit {unitId}", unitId);
            return Problems.Forbidden(http, new("您不是该单位的申报人", "You are not an applicant of this unit"));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var application = new Application
        {
            Id = Guid.NewGuid(), UnitId = unitId.Value, Kind = request.Kind!.Trim(), Title = request.Title!.Trim(),
            Status = ApplicationStatus.Draft, CreatedById = caller.UserId, CreatedAt = now, UpdatedAt = now, Version = 1,
        };
        db.Applications.Add(application);
        await db.SaveChangesAsync();
        await db.Entry(application).Reference(a => a.Unit).LoadAsync();
        return TypedResults.Created($"/api/v1/applications/{application.Id}", View(application));
    }

    private static async Task<Results<Created<CommentView>, ValidationProblem, ProblemHttpResult>> Comment(
        Guid id, CommentRequest request, HttpContext http, CallerAccessor callers, WorkflowsDbContext db, SecurityAudit audit, TimeProvider clock)
    {
        var caller = await callers.RequireAsync();
        var application = await db.Applications.Include(a => a.Unit).SingleOrDefaultAsync(a => a.Id == id);
        if (application is null)
        {
            return Problems.NotFound(http, NoSuchApplication);
        }
        if (!AccessPolicy.CanActOnWork(caller, application.Unit!.Path))
        {
            await audit.DeniedAsync(caller, "comment on application", $"application {id}", application.UnitId);
            return Problems.Forbidden(http, new("您不能处理该申请", "You cannot act on this application"));
        }
        var errors = new FieldErrors();
        errors.Name("text", request.Text, ApplicationComment.TextMaxLength);
        if (errors.Any)
        {
            return Problems.Validation(http, errors);
        }
        var actingUnit = caller.Grants.Where(g => g.UnitPath is not null && application.Unit.Path.StartsWith(g.UnitPath, StringComparison.Ordinal))
            .OrderByDescending(g => g.Level).FirstOrDefault()?.UnitId;
        var comment = new ApplicationComment
        {
            Id = Guid.NewGuid(), ApplicationId = id, AuthorId = caller.UserId, AuthorUnitId = actingUnit,
            Text = request.Text!.Trim(), At = clock.GetUtcNow().UtcDateTime,
        };
        db.ApplicationComments.Add(comment);
        application.UpdatedAt = comment.At;
        application.Version++;
        await db.SaveChangesAsync();
        return TypedResults.Created($"/api/v1/applications/{id}", new CommentView(comment.Id, caller.UserId, caller.DisplayName, comment.Text, comment.At));
    }

    private static readonly Text NoSuchApplication = new("没有这个申请", "No such application");

    private static ApplicationView View(Application a) =>
        new(a.Id, a.UnitId, a.Unit?.Name ?? "", a.Kind, a.Title, a.Status.ToString(), a.CreatedAt, a.UpdatedAt, a.Version);
}
