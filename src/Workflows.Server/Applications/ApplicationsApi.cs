using System.Linq.Expressions;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Applications;
using Workflows.Data.Organisation;
using Workflows.Server.Forms;
using Workflows.Server.Hosting;
using Workflows.Server.Runtime;
using Workflows.Server.Security;

namespace Workflows.Server.Applications;

/// <summary>
/// Applications as units see them: an applicant sees their own unit's, a reviewer or approver sees
/// those from inside their area, nobody sees across. An application is filled in on a form, saved
/// as a draft as often as wanted, and submitted (see <see cref="ApplicationSubmissionApi"/>).
/// </summary>
public static class ApplicationsApi
{
    public static void MapApplications(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/applications").WithTags("Applications");
        group.MapGet("/", List).WithSummary("Applications the caller may see, newest first.");
        group.MapGet("/mine", Mine).WithSummary("My applications (我的申请): drafts and submitted ones I started, with status and the case's current step.");
        group.MapGet("/{id:guid}", Get).WithSummary("One application with its data, warnings kept with the submission, attachments and comments.");
        group.MapPost("/", Create).WithSummary("Start a draft application on a form (formId) for one of the caller's applicant units; optional initial data.");
        group.MapDelete("/{id:guid}", Delete).WithSummary("Delete a draft that was never submitted, with its attachments.");
        group.MapPost("/{id:guid}/comments", Comment).WithSummary("Add a comment or review opinion (审核意见).");
        group.MapApplicationSubmission();
    }

    public sealed record CreateApplicationRequest(Guid? UnitId, string? FormId, JsonObject? Data);

    public sealed record CommentRequest(string? Text);

    public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize);

    private static async Task<Results<Ok<Page<ApplicationView>>, ValidationProblem>> List(
        HttpContext http, CallerAccessor callers, WorkflowsDbContext db, string? status = null, Guid? unitId = null, string? formId = null, int page = 1, int pageSize = 20)
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
        var wanted = ParseStatus(status, errors);
        if (errors.Any)
        {
            return Problems.Validation(http, errors);
        }
        var query = db.Applications.AsNoTracking().Include(a => a.Unit).Where(Readable(AccessPolicy.ReadableWork(caller)));
        if (wanted is not null)
        {
            query = query.Where(a => a.Status == wanted);
        }
        if (unitId is not null)
        {
            query = query.Where(a => a.UnitId == unitId);
        }
        if (formId is not null)
        {
            query = query.Where(a => a.FormId == formId);
        }
        var total = await query.CountAsync();
        var items = await query.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync();
        return TypedResults.Ok(new Page<ApplicationView>(await ApplicationViews.ViewsAsync(db, items), total, page, pageSize));
    }

    private static async Task<Results<Ok<List<ApplicationView>>, ValidationProblem>> Mine(HttpContext http, CallerAccessor callers, WorkflowsDbContext db, string? status = null, int take = 50)
    {
        var caller = await callers.RequireAsync();
        var errors = new FieldErrors();
        var wanted = ParseStatus(status, errors);
        if (errors.Any)
        {
            return Problems.Validation(http, errors);
        }
        var query = db.Applications.AsNoTracking().Include(a => a.Unit).Where(a => a.CreatedById == caller.UserId);
        if (wanted is not null)
        {
            query = query.Where(a => a.Status == wanted);
        }
        var items = await query.OrderByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id).Take(Math.Clamp(take, 1, 200)).ToListAsync();
        return TypedResults.Ok(await ApplicationViews.ViewsAsync(db, items));
    }

    private static ApplicationStatus? ParseStatus(string? status, FieldErrors errors)
    {
        if (status is null)
        {
            return null;
        }
        if (Enum.TryParse<ApplicationStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s) && !int.TryParse(status, out _))
        {
            return s;
        }
        errors.Add("status", new("状态不正确", "is not a known status"));
        return null;
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

    /// <summary>Whoever may read the unit's work, and anyone who may read the case it started.</summary>
    public static async Task<bool> MayReadAsync(WorkflowsDbContext db, Caller caller, Application application)
    {
        if (AccessPolicy.CanReadWork(caller, application.Unit!.Path) || application.CreatedById == caller.UserId)
        {
            return true;
        }
        var instance = application.InstanceId is null ? null : await db.WorkflowInstances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == application.InstanceId);
        return instance is not null && await InstancesApi.MayReadAsync(db, caller, instance);
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
        if (!await MayReadAsync(db, caller, application))
        {
            await audit.DeniedAsync(caller, "read application", $"application {id}", application.UnitId);
            return Problems.Forbidden(http, OutsideArea);
        }
        return TypedResults.Ok(await DetailAsync(db, application, Languages.Of(http)));
    }

    public static async Task<ApplicationDetailView> DetailAsync(WorkflowsDbContext db, Application application, Language language)
    {
        var attachments = await db.Attachments.AsNoTracking().Where(a => a.ApplicationId == application.Id)
            .OrderBy(a => a.UploadedAt).ThenBy(a => a.Id).ToListAsync();
        return new ApplicationDetailView(await ApplicationViews.ViewAsync(db, application), ApplicationViews.Json(application.Data),
            ApplicationViews.Warnings(application.Warnings, language), attachments.Select(ApplicationViews.View).ToList(),
            application.Comments.OrderBy(c => c.At).Select(c => new CommentView(c.Id, c.AuthorId, c.Author?.DisplayName ?? "", c.Text, c.At)).ToList());
    }

    private static async Task<Results<Created<ApplicationDetailView>, ValidationProblem, ProblemHttpResult>> Create(
        CreateApplicationRequest request, HttpContext http, CallerAccessor callers, WorkflowsDbContext db, SecurityAudit audit, TimeProvider clock,
        FormStore forms, ApplicationForms applicationForms)
    {
        var caller = await callers.RequireAsync();
        var errors = new FieldErrors();
        errors.Name("formId", request.FormId, Data.Forms.FormDefinitionRecord.FormIdMaxLength);
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
        var record = request.FormId is null ? null : await forms.LatestAsync(request.FormId.Trim());
        if (request.FormId is not null && record is null)
        {
            errors.Add("formId", new("没有这个表单", "no such form"));
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
        var form = (await applicationForms.ForAsync(record!, unitId.Value))!;
        await applicationForms.RefreshStartFormsAsync();
        var workflow = applicationForms.WorkflowFor(record!.FormId);
        var now = clock.GetUtcNow().UtcDateTime;
        var application = new Application
        {
            Id = Guid.CreateVersion7(), UnitId = unitId.Value, Kind = record.FormId, Title = $"{form.Applicant.Label} {record.Title}",
            Status = ApplicationStatus.Draft, CreatedById = caller.UserId, CreatedAt = now, UpdatedAt = now, Version = 1,
            FormId = record.FormId, FormDefinitionId = record.Id, FormVersion = record.Version, ProcessId = workflow?.ProcessId,
        };
        var data = new JsonObject();
        if (request.Data is not null)
        {
            var draft = applicationForms.Draft(form, request.Data);
            var refused = ApplicationForms.DraftErrors(draft);
            if (refused.Count > 0)
            {
                return FormProblems.Validation(http, refused, draft.Warnings);
            }
            data = draft.Data;
        }
        application.Data = data.ToJsonString();
        application.Title = applicationForms.Title(form, data);
        db.Applications.Add(application);
        await db.SaveChangesAsync();
        await db.Entry(application).Reference(a => a.Unit).LoadAsync();
        return TypedResults.Created($"/api/v1/applications/{application.Id}", await DetailAsync(db, application, Languages.Of(http)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, HttpContext http, CallerAccessor callers, WorkflowsDbContext db,
        SecurityAudit audit, IAttachmentStore store)
    {
        var caller = await callers.RequireAsync();
        var application = await db.Applications.Include(a => a.Unit).SingleOrDefaultAsync(a => a.Id == id);
        if (application is null)
        {
            return Problems.NotFound(http, NoSuchApplication);
        }
        if (!AccessPolicy.CanApplyFor(caller, application.UnitId))
        {
            await audit.DeniedAsync(caller, "delete application", $"application {id}", application.UnitId);
            return Problems.Forbidden(http, new("只有申报单位可以删除草稿", "Only the applying unit can delete a draft"));
        }
        if (application.Status != ApplicationStatus.Draft || application.InstanceId is not null || application.SubmittedAt is not null)
        {
            return Problems.Conflict(http, new("申请已经提交，不能删除；如需撤回请撤回案件", "The application was submitted and cannot be deleted; withdraw the case instead"));
        }
        var files = await db.Attachments.Where(a => a.ApplicationId == id).ToListAsync();
        db.Attachments.RemoveRange(files);
        db.Applications.Remove(application);
        await db.SaveChangesAsync();
        foreach (var file in files)
        {
            await store.DeleteAsync(file.StorageKey);
        }
        return TypedResults.NoContent();
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
            Id = Guid.CreateVersion7(), ApplicationId = id, AuthorId = caller.UserId, AuthorUnitId = actingUnit,
            Text = request.Text!.Trim(), At = clock.GetUtcNow().UtcDateTime,
        };
        db.ApplicationComments.Add(comment);
        application.UpdatedAt = comment.At;
        application.Version++;
        await db.SaveChangesAsync();
        return TypedResults.Created($"/api/v1/applications/{id}", new CommentView(comment.Id, caller.UserId, caller.DisplayName, comment.Text, comment.At));
    }

    public static readonly Text NoSuchApplication = new("没有这个申请", "No such application");

    public static readonly Text OutsideArea = new("该申请不在您的管辖范围内", "This application is outside your area");
}
