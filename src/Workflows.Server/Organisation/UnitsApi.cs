using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Accounts;
using Workflows.Data.Applications;
using Workflows.Data.Audit;
using Workflows.Data.Organisation;
using Workflows.Server.Hosting;
using Workflows.Server.Security;

namespace Workflows.Server.Organisation;

/// <summary>The organisation tree: province > city > county > township/street > community/village.</summary>
public static class UnitsApi
{
    public const long MaxImportBytes = 10 * 1024 * 1024;

    public static void MapUnits(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/units").WithTags("Organisation");
        group.MapGet("/", List).WithSummary("Units, filtered by parent, level or a search term (at most 500).");
        group.MapGet("/{id:guid}", Get).WithSummary("One unit with its chain of ancestors.");
        group.MapGet("/{id:guid}/children", Children).WithSummary("The units directly below a unit.");
        group.MapPost("/", Create).WithSummary("Add a unit under a parent the caller administers.");
        group.MapPut("/{id:guid}", Update).WithSummary("Rename a unit or move it under another parent.");
        group.MapDelete("/{id:guid}", Delete).WithSummary("Delete a unit that has no children, roles or work.");
        group.MapPost("/import", Import).DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxImportBytes))
            .WithSummary("Import a tree from CSV or .xlsx (columns code,name,kind,parentCode,nameEn,abbreviation); all or nothing; dryRun=true only checks.");
    }

    public sealed record UnitView(Guid Id, string Code, string Name, string? NameEn, string? Abbreviation, string Kind, string KindLabel, string Level, Guid? ParentId, int Version);

    public sealed record UnitDetailView(UnitView Unit, IReadOnlyList<UnitView> Ancestors, int ChildCount);

    public sealed record CreateUnitRequest(string? Code, string? Name, string? NameEn, string? Abbreviation, string? Kind, Guid? ParentId);

    public sealed record UpdateUnitRequest(string? Name, string? NameEn, string? Abbreviation, Guid? ParentId, int? Version);

    private static async Task<Ok<List<UnitView>>> List(HttpContext http, WorkflowsDbContext db,
        Guid? parentId = null, string? level = null, string? search = null, bool roots = false)
    {
        var units = db.Units.AsNoTracking();
        if (parentId is not null)
        {
            units = units.Where(u => u.ParentId == parentId);
        }
        if (roots)
        {
            units = units.Where(u => u.ParentId == null);
        }
        if (Enum.TryParse<UnitLevel>(level, ignoreCase: true, out var l))
        {
            units = units.Where(u => u.Level == l);
        }
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            units = units.Where(u => u.Name.Contains(term) || u.Code.StartsWith(term));
        }
        var language = Languages.Of(http);
        var list = await units.OrderBy(u => u.Code).Take(500).ToListAsync();
        return TypedResults.Ok(list.Select(u => View(u, language)).ToList());
    }

    private static async Task<Results<Ok<UnitDetailView>, ProblemHttpResult>> Get(Guid id, HttpContext http, WorkflowsDbContext db)
    {
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id);
        if (unit is null)
        {
            return Problems.NotFound(http, NoSuchUnit);
        }
        var ancestorIds = unit.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).Where(a => a != id).ToList();
        var ancestors = await db.Units.AsNoTracking().Where(u => ancestorIds.Contains(u.Id)).ToListAsync();
        var language = Languages.Of(http);
        var children = await db.Units.CountAsync(u => u.ParentId == id);
        return TypedResults.Ok(new UnitDetailView(View(unit, language),
            ancestors.OrderBy(a => a.Level).Select(a => View(a, language)).ToList(), children));
    }

    private static async Task<Results<Ok<List<UnitView>>, ProblemHttpResult>> Children(Guid id, HttpContext http, WorkflowsDbContext db)
    {
        if (!await db.Units.AnyAsync(u => u.Id == id))
        {
            return Problems.NotFound(http, NoSuchUnit);
        }
        var language = Languages.Of(http);
        var children = await db.Units.AsNoTracking().Where(u => u.ParentId == id).OrderBy(u => u.Code).ToListAsync();
        return TypedResults.Ok(children.Select(u => View(u, language)).ToList());
    }

    private static async Task<Results<Created<UnitView>, ValidationProblem, ProblemHttpResult>> Create(
        CreateUnitRequest request, HttpContext http, CallerAccessor callers, WorkflowsDbContext db, SecurityAudit audit, TimeProvider clock)
    {
        var caller = await callers.RequireAsync();
        var errors = new FieldErrors();
        if (!UnitRules.IsValidCode(request.Code))
        {
            errors.Add("code", request.Code is null ? Messages.Required : UnitRules.CodeFormat);
        }
        errors.Name("name", request.Name, Unit.NameMaxLength);
        errors.MaxLength("nameEn", request.NameEn, Unit.NameEnMaxLength);
        errors.MaxLength("abbreviation", request.Abbreviation, Unit.AbbreviationMaxLength);
        var kindKnown = UnitKinds.TryParse(request.Kind, out var kind);
        if (!kindKnown)
        {
            errors.Add("kind", request.Kind is null ? Messages.Required : UnitRules.UnknownKind);
        }
        Unit? parent = null;
        if (request.ParentId is not null)
        {
            parent = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == request.ParentId);
            if (parent is null)
            {
                errors.Add("parentId", new("上级单位不存在", "no such parent unit"));
            }
        }
        if (kindKnown && (request.ParentId is null || parent is not null) && UnitRules.LevelOrderProblem(kind, parent?.Kind) is { } levelProblem)
        {
            errors.Add(parent is null ? "parentId" : "kind", levelProblem);
        }
        if (request.Code is not null && await db.Units.AnyAsync(u => u.Code == request.Code))
        {
            errors.Add("code", new($"编码 {request.Code} 已被使用", $"{request.Code} is already used by another unit"));
        }
        if (errors.Any)
        {
            return Problems.Validation(http, errors);
        }
        if (parent is null ? !AccessPolicy.CanManageRoots(caller) : !AccessPolicy.CanManageUnit(caller, parent.Path))
        {
            await audit.DeniedAsync(caller, "create unit", request.Code, parent?.Id);
            return Problems.Forbidden(http, new("不能在该单位下新建单位", "You cannot add units there"));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var id = Guid.NewGuid();
        var unit = new Unit
        {
            Id = id, Code = request.Code!, Name = request.Name!.Trim(), NameEn = request.NameEn?.Trim(),
            Abbreviation = request.Abbreviation?.Trim(), Kind = kind, Level = UnitKinds.LevelOf(kind),
            ParentId = parent?.Id, Path = (parent?.Path ?? "/") + Unit.PathSegment(id),
            CreatedAt = now, UpdatedAt = now, Version = 1,
        };
        db.Units.Add(unit);
        audit.Add(SecurityAuditKind.UnitCreated, caller.UserId, caller.UserName, unit.Code, unit.Name, unit.Id);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Another request may have taken the code between the check and the insert.
            if (!await CodeTakenAsync(db, unit.Code))
            {
                throw;
            }
            return Problems.Validation(http, "code", new($"编码 {unit.Code} 已被使用", $"{unit.Code} is already used by another unit"));
        }
        return TypedResults.Created($"/api/v1/units/{unit.Id}", View(unit, Languages.Of(http)));
    }

    private static async Task<bool> CodeTakenAsync(WorkflowsDbContext db, string code)
    {
        db.ChangeTracker.Clear();
        return await db.Units.AnyAsync(u => u.Code == code);
    }

    private static async Task<Results<Ok<UnitView>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, UpdateUnitRequest request, HttpContext http, CallerAccessor callers, WorkflowsDbContext db, SecurityAudit audit, TimeProvider clock)
    {
        var caller = await callers.RequireAsync();
        var unit = await db.Units.SingleOrDefaultAsync(u => u.Id == id);
        if (unit is null)
        {
            return Problems.NotFound(http, NoSuchUnit);
        }
        if (!AccessPolicy.CanManageUnit(caller, unit.Path))
        {
            await audit.DeniedAsync(caller, "change unit", unit.Code, unit.Id);
            return Problems.Forbidden(http, new("不能修改该单位", "You cannot change this unit"));
        }
        var errors = new FieldErrors();
        errors.Name("name", request.Name, Unit.NameMaxLength);
        errors.MaxLength("nameEn", request.NameEn, Unit.NameEnMaxLength);
        errors.MaxLength("abbreviation", request.Abbreviation, Unit.AbbreviationMaxLength);
        if (request.Version is null)
        {
            errors.Add("version", new("必填：请带上读取时的版本号，以免覆盖他人的修改", "is required, so that nobody overwrites someone else's change"));
        }
        Unit? newParent = null;
        var moving = request.ParentId != unit.ParentId;
        if (moving)
        {
            newParent = request.ParentId is null ? null : await db.Units.SingleOrDefaultAsync(u => u.Id == request.ParentId);
            if (request.ParentId is not null && newParent is null)
            {
                errors.Add("parentId", new("上级单位不存在", "no such parent unit"));
            }
            else if (newParent is not null && newParent.Path.StartsWith(unit.Path, StringComparison.Ordinal))
            {
                errors.Add("parentId", new("不能把单位移到它自己或它的下级单位之下（会形成循环）", "cannot move a unit under itself or one of its descendants (that would be a cycle)"));
            }
            else if (UnitRules.LevelOrderProblem(unit.Kind, newParent?.Kind) is { } levelProblem)
            {
                errors.Add("parentId", levelProblem);
            }
        }
        if (errors.Any)
        {
            return Problems.Validation(http, errors);
        }
        if (moving && (newParent is null ? !AccessPolicy.CanManageRoots(caller) : !AccessPolicy.CanManageUnit(caller, newParent.Path)))
        {
            await audit.DeniedAsync(caller, "move unit", unit.Code, unit.Id);
            return Problems.Forbidden(http, new("不能把单位移到该上级之下", "You cannot move the unit there"));
        }
        if (request.Version != unit.Version)
        {
            return Problems.Conflict(http, new("该单位已被他人修改，请刷新后重试", "Someone else changed this unit; reload and try again"));
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        if (moving)
        {
            var oldPath = unit.Path;
            var newPath = (newParent?.Path ?? "/") + Unit.PathSegment(unit.Id);
            var subtree = await db.Units.Where(u => u.Path.StartsWith(oldPath) && u.Id != unit.Id).ToListAsync();
            foreach (var descendant in subtree)
            {
                descendant.Path = newPath + descendant.Path[oldPath.Length..];
                descendant.Version++;
            }
            unit.ParentId = newParent?.Id;
            unit.Path = newPath;
        }
        unit.Name = request.Name!.Trim();
        unit.NameEn = request.NameEn?.Trim();
        unit.Abbreviation = request.Abbreviation?.Trim();
        unit.UpdatedAt = now;
        unit.Version++;
        audit.Add(SecurityAuditKind.UnitChanged, caller.UserId, caller.UserName, unit.Code, moving ? $"moved under {newParent?.Code ?? "(top)"}" : "renamed", unit.Id);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return TypedResults.Ok(View(unit, Languages.Of(http)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid id, HttpContext http, CallerAccessor callers, WorkflowsDbContext db, SecurityAudit audit)
    {
        var caller = await callers.RequireAsync();
        var unit = await db.Units.SingleOrDefaultAsync(u => u.Id == id);
        if (unit is null)
        {
            return Problems.NotFound(http, NoSuchUnit);
        }
        var parentPath = unit.ParentId is null ? null : await db.Units.Where(u => u.Id == unit.ParentId).Select(u => u.Path).SingleAsync();
        // Deleting needs authority over the parent: a unit administrator cannot delete their own unit.
        if (parentPath is null ? !AccessPolicy.CanManageRoots(caller) : !AccessPolicy.CanManageUnit(caller, parentPath))
        {
            await audit.DeniedAsync(caller, "delete unit", unit.Code, unit.Id);
            return Problems.Forbidden(http, new("不能删除该单位", "You cannot delete this unit"));
        }
        if (await db.Units.AnyAsync(u => u.ParentId == id))
        {
            return Problems.Conflict(http, new("该单位还有下级单位，不能删除", "The unit still has units below it"));
        }
        if (await db.RoleAssignments.AnyAsync(a => a.UnitId == id))
        {
            return Problems.Conflict(http, new("该单位还有人员担任角色，不能删除", "People still hold roles in this unit"));
        }
        if (await db.Applications.AnyAsync(a => a.UnitId == id))
        {
            return Problems.Conflict(http, new("该单位有申报记录，不能删除", "The unit has applications"));
        }
        db.Units.Remove(unit);
        audit.Add(SecurityAuditKind.UnitDeleted, caller.UserId, caller.UserName, unit.Code, unit.Name, unit.Id);
        await db.SaveChangesAsync();
        return TypedResults.NoContent();
    }

    public sealed record ImportView(int Created, int Updated, int Unchanged, bool DryRun);

    private static async Task<Results<Ok<ImportView>, ValidationProblem, ProblemHttpResult>> Import(
        IFormFile? file, HttpContext http, CallerAccessor callers, UnitImport import, bool dryRun = false)
    {
        var caller = await callers.RequireAsync();
        if (!caller.IsSystemAdministrator && !caller.GrantsOf(Role.UnitAdministrator).Any())
        {
            await http.RequestServices.GetRequiredService<SecurityAudit>().DeniedAsync(caller, "import units", file?.FileName);
            return Problems.Forbidden(http, new("只有管理员可以导入单位", "Only administrators can import units"));
        }
        if (file is null || file.Length == 0)
        {
            return Problems.Validation(http, "file", new("请上传 CSV 或 .xlsx 文件（表单字段 file）", "upload a CSV or .xlsx file as the form field 'file'"));
        }
        var errors = new FieldErrors();
        await using var stream = file.OpenReadStream();
        var rows = UnitImport.Parse(stream, file.FileName, errors);
        if (errors.Any)
        {
            return Problems.Validation(http, errors);
        }
        var (outcome, importErrors) = await import.ImportAsync(rows, caller, dryRun, http.RequestAborted);
        return outcome is null
            ? Problems.Validation(http, importErrors)
            : TypedResults.Ok(new ImportView(outcome.Created, outcome.Updated, outcome.Unchanged, outcome.DryRun));
    }

    private static readonly Text NoSuchUnit = new("没有这个单位", "No such unit");

    public static UnitView View(Unit u, Language language) => new(
        u.Id, u.Code, u.Name, u.NameEn, u.Abbreviation, u.Kind.ToString(),
        language == Language.English ? UnitKinds.EnLabel(u.Kind) : UnitKinds.ZhLabel(u.Kind),
        u.Level.ToString(), u.ParentId, u.Version);
}
