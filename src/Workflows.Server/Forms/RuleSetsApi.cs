using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Forms;
using Workflows.Forms.RuleSets;
using Workflows.Server.Hosting;
using Workflows.Server.Security;

namespace Workflows.Server.Forms;

/// <summary>
/// Rule sets (DOMAIN.md §0.3): anyone signed in may read them; a unit administrator publishes new
/// versions for their own subtree, a system administrator for any jurisdiction and national sets.
/// </summary>
public static class RuleSetsApi
{
    public static void MapRuleSets(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/rulesets").WithTags("Rule sets");
        group.MapGet("/", List).WithSummary("Every rule set with its latest version, jurisdiction and effective dates.");
        group.MapGet("/{setId}/versions", Versions).WithSummary("The versions of one rule set, newest first.");
        group.MapGet("/{setId}/versions/{version:int}", Json).WithSummary("One version as a rule-set document.");
        group.MapPost("/", Publish).DisableAntiforgery().Accepts<System.Text.Json.Nodes.JsonObject>("application/json")
            .Produces<RuleSetView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Publish a new version (body: a rule-set document). Checked completely first; the version must be above the latest. Unit administrators only for their subtree.");
    }

    public sealed record RuleSetView(Guid Id, string SetId, int Version, string Title, string? Jurisdiction, DateOnly EffectiveFrom, DateOnly? EffectiveTo,
        string Sha256, string Source, DateTime PublishedAt, int Versions);

    private static async Task<Ok<List<RuleSetView>>> List(HttpContext http, WorkflowsDbContext db, CallerAccessor callers)
    {
        await callers.RequireAsync();
        var records = await db.RuleSets.AsNoTracking().ToListAsync();
        var english = Languages.Of(http) == Language.English;
        return TypedResults.Ok(records.GroupBy(r => r.SetId).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => View(g.MaxBy(r => r.Version)!, g.Count(), english)).ToList());
    }

    private static async Task<Results<Ok<List<RuleSetView>>, ProblemHttpResult>> Versions(string setId, HttpContext http, WorkflowsDbContext db, CallerAccessor callers)
    {
        await callers.RequireAsync();
        var records = await db.RuleSets.AsNoTracking().Where(r => r.SetId == setId).OrderByDescending(r => r.Version).ToListAsync();
        var english = Languages.Of(http) == Language.English;
        return records.Count == 0 ? Problems.NotFound(http, NoSuchSet) : TypedResults.Ok(records.Select(r => View(r, records.Count, english)).ToList());
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Json(string setId, int version, HttpContext http, WorkflowsDbContext db, CallerAccessor callers)
    {
        await callers.RequireAsync();
        var json = await db.RuleSets.AsNoTracking().Where(r => r.SetId == setId && r.Version == version).Select(r => r.Json).SingleOrDefaultAsync();
        return json is null ? Problems.NotFound(http, new("没有这个规则集版本", "No such rule set version")) : TypedResults.Content(json, "application/json; charset=utf-8");
    }

    private static async Task<IResult> Publish(HttpContext http, CallerAccessor callers, WorkflowsDbContext db, RuleSetStore store, SecurityAudit audit)
    {
        var caller = await callers.RequireAsync();
        var json = await FormsApi.ReadTextAsync(http, RuleSetLoader.MaxChars);
        if (json is null)
        {
            return Problems.Validation(http, "$", new($"请提交规则集（不超过 {RuleSetLoader.MaxChars / 1024 / 1024} MB）", $"send a rule set (at most {RuleSetLoader.MaxChars / 1024 / 1024} MB)"));
        }
        var loaded = RuleSetStore.Load(json);
        if (loaded.RuleSet is null)
        {
            return FormProblems.RuleSet(http, loaded.Problems);
        }
        var set = loaded.RuleSet;
        if (set.Id.Length > RuleSetRecord.SetIdMaxLength || set.Jurisdiction is { Length: > RuleSetRecord.JurisdictionMaxLength })
        {
            return Problems.Validation(http, "id", Messages.TooLong(RuleSetRecord.SetIdMaxLength));
        }
        // Whoever publishes must manage the new jurisdiction and, for an existing set, the one it had.
        var jurisdictions = new List<string?> { set.Jurisdiction };
        jurisdictions.AddRange(await db.RuleSets.AsNoTracking().Where(r => r.SetId == set.Id).Select(r => r.Jurisdiction).Distinct().ToListAsync());
        foreach (var code in jurisdictions.Distinct())
        {
            if (string.IsNullOrEmpty(code))
            {
                if (!caller.IsSystemAdministrator)
                {
                    await audit.DeniedAsync(caller, "publish rule set", $"rule set {set.Id} (national)");
                    return Problems.Forbidden(http, new("只有系统管理员可以发布全国规则集", "Only system administrators can publish national rule sets"));
                }
                continue;
            }
            var unit = await db.Units.AsNoTracking().Where(u => u.Code == code).Select(u => new { u.Id, u.Path }).SingleOrDefaultAsync();
            if (unit is null)
            {
                return Problems.Validation(http, "jurisdiction", new($"没有代码为 {code} 的单位", $"no unit has the code {code}"));
            }
            if (!AccessPolicy.CanManageUnit(caller, unit.Path))
            {
                await audit.DeniedAsync(caller, "publish rule set", $"rule set {set.Id} ({code})", unit.Id);
                return Problems.Forbidden(http, new("该规则集的适用地区不在您的管理范围内", "The rule set's jurisdiction is outside the units you manage"));
            }
        }
        var outcome = await store.PublishAsync(set, "upload", caller.UserId, http.RequestAborted);
        if (outcome.Conflict is { } conflict)
        {
            return Problems.Conflict(http, conflict);
        }
        var view = View(outcome.Record!, 0, Languages.Of(http) == Language.English);
        return outcome.Created ? TypedResults.Created($"/api/v1/rulesets/{set.Id}/versions/{set.Version}", view) : TypedResults.Ok(view);
    }

    private static RuleSetView View(RuleSetRecord r, int versions, bool english) =>
        new(r.Id, r.SetId, r.Version, english ? r.TitleEn : r.TitleZh, r.Jurisdiction, r.EffectiveFrom, r.EffectiveTo, r.Sha256, r.Source, r.PublishedAt, versions);

    private static readonly Text NoSuchSet = new("没有这个规则集", "No such rule set");
}
