using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Data;
using Workflows.Data.Applications;
using Workflows.Data.Forms;
using Workflows.Data.Runtime;
using Workflows.Forms.Attachments;
using Workflows.Forms.Schema;
using Workflows.Forms.Validation;
using Workflows.Server.Applications;
using Workflows.Server.Hosting;
using Workflows.Server.Inbox;
using Workflows.Server.Security;

namespace Workflows.Server.Forms;

/// <summary>
/// Uploaded files: to a filepicker of an application while the applicant may change it, or to a step
/// while acting on it. Every file is judged by its content (never its name), limited in size and
/// number per field and per form, stored under a generated name with its SHA-256, and downloaded
/// only by those who may see the case.
/// </summary>
public static class AttachmentsApi
{
    public const string StepField = "attachments";

    /// <summary>What a step accepts: the safe document and image kinds, several files.</summary>
    private static readonly FormComponent StepPicker = FormDefinition.Parse("""
        {"id":"step","type":"default","components":[{"id":"stepAttachments","type":"filepicker","key":"attachments","label":"办理附件","multiple":true,
         "accept":".pdf,.png,.jpg,.jpeg,.gif,.webp,.docx,.xlsx,.doc,.xls,.txt,.csv"}]}
        """).Definition!.Root.Components[0];

    /// <summary>
    /// The largest upload request the web server reads (above Kestrel's 30 MB default); the
    /// per-file, per-field and per-form policy is checked on what arrives.
    /// </summary>
    public const long MaxUploadRequestBytes = 128L * 1024 * 1024;

    public static void MapAttachments(this IEndpointRouteBuilder api)
    {
        api.MapPost("/applications/{id:guid}/attachments", UploadToApplication).DisableAntiforgery().WithTags("Attachments")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxUploadRequestBytes))
            .Produces<List<AttachmentView>>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Upload files (multipart: 'field' = the filepicker's data path, or list.row.field inside a dynamic list; 'files' = one or more files) to a draft or returned application.");
        api.MapGet("/applications/{id:guid}/attachments", List).WithTags("Attachments")
            .WithSummary("The files of an application and of the steps of its case.");
        api.MapPost("/tasks/{id:guid}/attachments", UploadToTask).DisableAntiforgery().WithTags("Attachments")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxUploadRequestBytes))
            .Produces<List<AttachmentView>>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Upload files (multipart 'files') to a step the caller is acting on.");
        api.MapGet("/attachments/{id:guid}", Download).WithTags("Attachments")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Download a file, for those who may see the case; served as an attachment with its sanitised name.");
        api.MapGet("/attachments/{id:guid}/preview", Preview).WithTags("Attachments")
            .Produces(StatusCodes.Status200OK, responseType: null, contentType: "application/pdf", additionalContentTypes: ["image/png", "image/jpeg", "image/gif", "image/webp"])
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Show an image or PDF in the page: the download's access check, served inline with its detected media type; other kinds answer 415.");
        api.MapDelete("/attachments/{id:guid}", Delete).WithTags("Attachments")
            .WithSummary("Remove a file from a draft or returned application, or from an open step, by whoever uploaded it.");
    }

    private static async Task<IResult> UploadToApplication(Guid id, HttpContext http, CallerAccessor callers, WorkflowsDbContext db, SecurityAudit audit,
        ApplicationForms forms, IAttachmentStore store, IOptions<FormsOptions> options, TimeProvider clock)
    {
        var caller = await callers.RequireAsync();
        var application = await db.Applications.Include(a => a.Unit).SingleOrDefaultAsync(a => a.Id == id, http.RequestAborted);
        if (application is null)
        {
            return Problems.NotFound(http, ApplicationsApi.NoSuchApplication);
        }
        if (!AccessPolicy.CanApplyFor(caller, application.UnitId))
        {
            await audit.DeniedAsync(caller, "upload attachment", $"application {id}", application.UnitId);
            return Problems.Forbidden(http, new("只有申报单位的申报人可以上传附件", "Only an applicant of the applying unit can upload files"));
        }
        var view = await ApplicationViews.ViewAsync(db, application, http.RequestAborted);
        if (application.Status != ApplicationStatus.Draft && view.RevisionTaskId is null)
        {
            return Problems.Conflict(http, new("申请已提交，正在办理中；只有退回后才能修改附件", "The application has been submitted; its files can be changed only after it is returned"));
        }
        var form = await forms.ForAsync(application, http.RequestAborted);
        if (form is null)
        {
            return Problems.Conflict(http, new("该申请不是用表单填写的", "This application was not made on a form"));
        }
        var policy = options.Value.Policy;
        var (upload, failure) = await ReadUploadAsync(http, policy);
        if (failure is not null)
        {
            return failure;
        }
        var field = upload!.Form["field"].ToString().Trim();
        var picker = ApplicationForms.FilepickerAt(form.Definition, field);
        if (picker is null)
        {
            return Problems.Validation(http, "field", new("不是该表单的附件字段", "is not a file field of this form"));
        }
        var existing = await db.Attachments.AsNoTracking().Where(a => a.ApplicationId == id && a.TaskId == null)
            .OrderBy(a => a.UploadedAt).ThenBy(a => a.Id).ToListAsync(http.RequestAborted);
        var saved = await CheckAndStoreAsync(http, db, store, clock, picker, field, upload.Files, existing.Where(a => a.FieldPath == field).ToList(), existing, policy,
            (file, stored) => new Attachment
            {
                Id = Guid.NewGuid(), ApplicationId = id, InstanceId = application.InstanceId, FieldPath = field, UploadedById = caller.UserId,
            });
        if (saved.Failure is not null)
        {
            return saved.Failure;
        }
        // The filepicker's value in the saved data names the files now uploaded to it.
        var data = ApplicationForms.Parse(application.Data);
        await forms.BindAttachmentsAsync(form, id, data, http.RequestAborted);
        application.Data = data.ToJsonString();
        application.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        application.Version++;
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Created($"/api/v1/applications/{id}/attachments", saved.Views);
    }

    private static async Task<IResult> UploadToTask(Guid id, HttpContext http, CallerAccessor callers, WorkflowsDbContext db, SecurityAudit audit,
        IAttachmentStore store, IOptions<FormsOptions> options, TimeProvider clock)
    {
        var caller = await callers.RequireAsync();
        var task = await db.WorkTasks.Include(t => t.Candidates).Include(t => t.Instance).SingleOrDefaultAsync(t => t.Id == id, http.RequestAborted);
        if (task is null)
        {
            return Problems.NotFound(http, new("没有这个待办", "No such task"));
        }
        var delegations = await Delegations.ActiveForAsync(db, caller.UserId, clock.GetUtcNow().UtcDateTime, http.RequestAborted);
        if (task.Kind != WorkTaskKind.Action || !TaskActions.MayAct(task, caller, delegations))
        {
            await audit.DeniedAsync(caller, "upload step attachment", $"task {id}", task.UnitId);
            return Problems.Forbidden(http, new("您不是这个待办的办理人", "This task is not yours to act on"));
        }
        if (task.Status != WorkTaskStatus.Open)
        {
            return Problems.Conflict(http, new("该待办已经办结，不能再上传附件", "This task is closed; files can no longer be added"));
        }
        if (task.Instance?.ApplicationId is not { } applicationId)
        {
            return Problems.Conflict(http, new("该案件没有申请，不能上传附件", "This case has no application to attach files to"));
        }
        var policy = options.Value.Policy;
        var (upload, failure) = await ReadUploadAsync(http, policy);
        if (failure is not null)
        {
            return failure;
        }
        var existing = await db.Attachments.AsNoTracking().Where(a => a.TaskId == id).OrderBy(a => a.UploadedAt).ThenBy(a => a.Id).ToListAsync(http.RequestAborted);
        var saved = await CheckAndStoreAsync(http, db, store, clock, StepPicker, StepField, upload!.Files, existing, existing, policy,
            (file, stored) => new Attachment
            {
                Id = Guid.NewGuid(), ApplicationId = applicationId, InstanceId = task.InstanceId, TaskId = id, FieldPath = StepField, UploadedById = caller.UserId,
            });
        return saved.Failure ?? TypedResults.Created($"/api/v1/applications/{applicationId}/attachments", saved.Views);
    }

    private sealed record Upload(IFormCollection Form, IReadOnlyList<IFormFile> Files);

    private static async Task<(Upload?, IResult?)> ReadUploadAsync(HttpContext http, AttachmentPolicy policy)
    {
        // Refused by its declared length before anything is read.
        if (http.Request.ContentLength > policy.MaxBytesPerForm + 1024 * 1024)
        {
            return (null, Problems.Problem(http, StatusCodes.Status413PayloadTooLarge, "too-large", new("请求过大", "Request too large"),
                new($"附件总大小不能超过 {policy.MaxBytesPerForm / 1024 / 1024} MB", $"the files may total at most {policy.MaxBytesPerForm / 1024 / 1024} MB")));
        }
        if (!http.Request.HasFormContentType)
        {
            return (null, Problems.Validation(http, "files", new("请以 multipart/form-data 上传文件", "upload the files as multipart/form-data")));
        }
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (form.Files.Count == 0)
        {
            return (null, Problems.Validation(http, "files", new("请选择要上传的文件", "choose at least one file")));
        }
        return (new Upload(form, form.Files.ToList()), null);
    }

    private sealed record Stored(IReadOnlyList<AttachmentView> Views, IResult? Failure);

    /// <summary>Judges the new files together with those already there; stores all of them or none.</summary>
    private static async Task<Stored> CheckAndStoreAsync(HttpContext http, WorkflowsDbContext db, IAttachmentStore store, TimeProvider clock,
        FormComponent picker, string field, IReadOnlyList<IFormFile> files, IReadOnlyList<Attachment> sameField, IReadOnlyList<Attachment> sameForm,
        AttachmentPolicy policy, Func<IFormFile, StoredFile, Attachment> make)
    {
        var before = new List<IncomingFile>();
        foreach (var attachment in sameField)
        {
            before.Add(new IncomingFile(attachment.FileName, attachment.MediaType, attachment.Length, await StoredHeadAsync(store, attachment, http.RequestAborted)));
        }
        var incoming = new List<IncomingFile>();
        foreach (var file in files)
        {
            await using var stream = file.OpenReadStream();
            incoming.Add(new IncomingFile(file.FileName, file.ContentType, file.Length, await HeadAsync(stream, http.RequestAborted)));
        }
        var verdicts = AttachmentChecker.CheckField(picker, field, [.. before, .. incoming], policy).Skip(before.Count).ToList();
        var errors = verdicts.SelectMany(v => v.Errors).ToList();
        errors.AddRange(AttachmentChecker.CheckForm(
            sameForm.Select(a => new IncomingFile(a.FileName, a.MediaType, a.Length, ReadOnlyMemory<byte>.Empty)).Concat(incoming), policy)
            .Select(e => e with { Path = field }));
        if (errors.Count > 0)
        {
            return new Stored([], FormProblems.Validation(http, errors));
        }
        var added = new List<(Attachment Row, StoredFile File)>();
        try
        {
            var now = clock.GetUtcNow().UtcDateTime;
            for (var i = 0; i < files.Count; i++)
            {
                await using var stream = files[i].OpenReadStream();
                var stored = await store.SaveAsync(stream, http.RequestAborted);
                var row = make(files[i], stored);
                row.FileName = verdicts[i].SafeFileName;
                row.MediaType = verdicts[i].MediaType;
                row.Length = stored.Length;
                row.Sha256 = stored.Sha256;
                row.StorageKey = stored.Key;
                row.UploadedAt = now;
                added.Add((row, stored));
                db.Attachments.Add(row);
            }
            await db.SaveChangesAsync(http.RequestAborted);
        }
        catch
        {
            foreach (var (_, stored) in added)
            {
                await store.DeleteAsync(stored.Key, CancellationToken.None);
            }
            throw;
        }
        return new Stored(added.Select(a => ApplicationViews.View(a.Row)).ToList(), null);
    }

    private static async Task<ReadOnlyMemory<byte>> HeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var head = new byte[FileTypeDetector.RecommendedHeadLength];
        var total = 0;
        int read;
        while (total < head.Length && (read = await stream.ReadAsync(head.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
        }
        return head.AsMemory(0, total);
    }

    private static async Task<ReadOnlyMemory<byte>> StoredHeadAsync(IAttachmentStore store, Attachment attachment, CancellationToken cancellationToken)
    {
        await using var stream = await store.OpenAsync(attachment.StorageKey, cancellationToken);
        return stream is null ? ReadOnlyMemory<byte>.Empty : await HeadAsync(stream, cancellationToken);
    }

    private static async Task<Results<Ok<List<AttachmentView>>, ProblemHttpResult>> List(Guid id, HttpContext http, CallerAccessor callers, WorkflowsDbContext db, SecurityAudit audit)
    {
        var caller = await callers.RequireAsync();
        var application = await db.Applications.AsNoTracking().Include(a => a.Unit).SingleOrDefaultAsync(a => a.Id == id, http.RequestAborted);
        if (application is null)
        {
            return Problems.NotFound(http, ApplicationsApi.NoSuchApplication);
        }
        if (!await ApplicationsApi.MayReadAsync(db, caller, application))
        {
            await audit.DeniedAsync(caller, "list attachments", $"application {id}", application.UnitId);
            return Problems.Forbidden(http, ApplicationsApi.OutsideArea);
        }
        var files = await db.Attachments.AsNoTracking().Where(a => a.ApplicationId == id).OrderBy(a => a.UploadedAt).ThenBy(a => a.Id).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(files.Select(ApplicationViews.View).ToList());
    }

    private static async Task<IResult> Download(Guid id, HttpContext http, CallerAccessor callers, WorkflowsDbContext db, SecurityAudit audit, IAttachmentStore store)
    {
        var (attachment, stream, failure) = await OpenAsync(id, http, callers, db, audit, store, "download attachment");
        if (failure is not null)
        {
            return failure;
        }
        http.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        return TypedResults.File(stream!, attachment!.MediaType, attachment.FileName);
    }

    /// <summary>The media types shown inside the page: raster images and PDF (never SVG or HTML, which could carry script).</summary>
    public static bool MayPreview(string mediaType) =>
        mediaType is "image/png" or "image/jpeg" or "image/gif" or "image/webp" or "application/pdf";

    /// <summary>
    /// A file shown in the page (an image inline, a PDF in the browser's viewer): the same access check
    /// as the download, served inline with its detected media type; other kinds are only downloaded.
    /// </summary>
    private static async Task<IResult> Preview(Guid id, HttpContext http, CallerAccessor callers, WorkflowsDbContext db, SecurityAudit audit, IAttachmentStore store)
    {
        var (attachment, stream, failure) = await OpenAsync(id, http, callers, db, audit, store, "preview attachment");
        if (failure is not null)
        {
            return failure;
        }
        if (!MayPreview(attachment!.MediaType))
        {
            await stream!.DisposeAsync();
            return Problems.Problem(http, StatusCodes.Status415UnsupportedMediaType, "no-preview", new("不能预览", "No preview"),
                new("这种文件不能在页面中预览，请下载后查看", "This kind of file cannot be shown in the page; download it instead"));
        }
        // Only this site may frame it; a PDF viewer does not run under a sandbox policy, and images need none.
        http.Response.Headers.ContentSecurityPolicy = "frame-ancestors 'self'";
        var disposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("inline");
        disposition.SetHttpFileName(attachment.FileName);
        http.Response.Headers.ContentDisposition = disposition.ToString();
        return TypedResults.Stream(stream!, attachment.MediaType);
    }

    private static async Task<(Attachment?, Stream?, IResult?)> OpenAsync(Guid id, HttpContext http, CallerAccessor callers, WorkflowsDbContext db,
        SecurityAudit audit, IAttachmentStore store, string action)
    {
        var caller = await callers.RequireAsync();
        var attachment = await db.Attachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, http.RequestAborted);
        var application = attachment is null ? null
            : await db.Applications.AsNoTracking().Include(a => a.Unit).SingleOrDefaultAsync(a => a.Id == attachment.ApplicationId, http.RequestAborted);
        if (attachment is null || application is null)
        {
            return (null, null, Problems.NotFound(http, NoSuchFile));
        }
        if (!await ApplicationsApi.MayReadAsync(db, caller, application))
        {
            await audit.DeniedAsync(caller, action, $"attachment {id}", application.UnitId);
            return (null, null, Problems.Forbidden(http, ApplicationsApi.OutsideArea));
        }
        var stream = await store.OpenAsync(attachment.StorageKey, http.RequestAborted);
        if (stream is null)
        {
            return (null, null, Problems.NotFound(http, NoSuchFile));
        }
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "private, no-store";
        return (attachment, stream, null);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, HttpContext http, CallerAccessor callers, WorkflowsDbContext db,
        SecurityAudit audit, IAttachmentStore store, ApplicationForms forms, TimeProvider clock)
    {
        var caller = await callers.RequireAsync();
        var attachment = await db.Attachments.SingleOrDefaultAsync(a => a.Id == id, http.RequestAborted);
        var application = attachment is null ? null
            : await db.Applications.Include(a => a.Unit).SingleOrDefaultAsync(a => a.Id == attachment.ApplicationId, http.RequestAborted);
        if (attachment is null || application is null)
        {
            return Problems.NotFound(http, NoSuchFile);
        }
        var mine = attachment.UploadedById == caller.UserId || (attachment.TaskId is null && AccessPolicy.CanApplyFor(caller, application.UnitId));
        if (!mine)
        {
            await audit.DeniedAsync(caller, "delete attachment", $"attachment {id}", application.UnitId);
            return Problems.Forbidden(http, new("只能删除自己上传的附件", "You can remove only files you uploaded"));
        }
        bool open;
        if (attachment.TaskId is { } taskId)
        {
            open = await db.WorkTasks.AnyAsync(t => t.Id == taskId && t.Status == WorkTaskStatus.Open, http.RequestAborted);
        }
        else
        {
            open = application.Status == ApplicationStatus.Draft || (await ApplicationViews.ViewAsync(db, application, http.RequestAborted)).RevisionTaskId is not null;
        }
        if (!open)
        {
            return Problems.Conflict(http, new("已提交的附件不能删除", "A submitted file cannot be removed"));
        }
        db.Attachments.Remove(attachment);
        await db.SaveChangesAsync(http.RequestAborted);
        if (attachment.TaskId is null && await forms.ForAsync(application, http.RequestAborted) is { } form)
        {
            var data = ApplicationForms.Parse(application.Data);
            await forms.BindAttachmentsAsync(form, application.Id, data, http.RequestAborted);
            application.Data = data.ToJsonString();
            application.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            application.Version++;
            await db.SaveChangesAsync(http.RequestAborted);
        }
        await store.DeleteAsync(attachment.StorageKey, http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static readonly Text NoSuchFile = new("没有这个附件", "No such file");
}
