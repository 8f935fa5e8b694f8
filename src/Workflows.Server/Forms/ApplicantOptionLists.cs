using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Organisation;
using Workflows.Forms.Options;

namespace Workflows.Server.Forms;

/// <summary>
/// The applicant's place in the organisation tree as forms need it: the chain of units from the
/// province down (rule sets are chosen by it), and a label with the county (肇东市东升社区).
/// </summary>
public sealed record ApplicantUnit(Unit Unit, IReadOnlyList<Unit> Chain)
{
    public IReadOnlyList<string> Codes => Chain.Select(u => u.Code).ToList();

    /// <summary>The unit's name after its county-level ancestor's, as case titles name an applicant.</summary>
    public string Label
    {
        get
        {
            var county = Chain.FirstOrDefault(u => u.Level == UnitLevel.County);
            return county is null || county.Id == Unit.Id ? Unit.Name : county.Name + Unit.Name;
        }
    }

    /// <summary>The <c>unit_chain</c> option list: each unit from the province down, by code.</summary>
    public OptionList ChainList => new(ApplicantOptionLists.UnitChain, "申报单位所属层级", "The applicant unit's chain",
        Chain.Select(u => new OptionEntry(u.Code, u.Name, u.NameEn ?? u.Name)).ToList());

    public static async Task<ApplicantUnit?> LoadAsync(WorkflowsDbContext db, Guid unitId, CancellationToken cancellationToken = default)
    {
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId, cancellationToken);
        if (unit is null)
        {
            return null;
        }
        var ids = unit.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(s => Guid.TryParse(s, out var g) ? g : Guid.Empty).ToList();
        var units = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToListAsync(cancellationToken);
        var chain = ids.Select(id => units.FirstOrDefault(u => u.Id == id)).OfType<Unit>().ToList();
        if (chain.Count == 0 || chain[^1].Id != unit.Id)
        {
            chain.Add(unit);
        }
        return new ApplicantUnit(unit, chain);
    }
}

/// <summary>The option lists the server adds to the shipped ones: those that depend on the applicant.</summary>
public static class ApplicantOptionLists
{
    public const string UnitChain = "unit_chain";

    /// <summary>What the deploy check knows: the shipped lists and the names of the applicant's lists (empty there).</summary>
    public static IOptionLists ForDeployment { get; } = OptionLists.Shared().Add(new OptionList(UnitChain, "申报单位所属层级", "The applicant unit's chain", []));

    public static IOptionLists For(ApplicantUnit? applicant) =>
        applicant is null ? ForDeployment : OptionLists.Shared().Add(applicant.ChainList);
}
