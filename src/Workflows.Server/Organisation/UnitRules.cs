using System.Text.RegularExpressions;
using Workflows.Data.Organisation;
using Workflows.Server.Hosting;

namespace Workflows.Server.Organisation;

/// <summary>The rules a unit must satisfy wherever it comes from: the API, an import, the demo seed.</summary>
public static partial class UnitRules
{
    public static readonly Text CodeFormat = new("编码只能包含字母、数字、- 和 _，最长 32 个字符", "must be letters, digits, - or _, at most 32 characters");

    public static bool IsValidCode(string? code) => code is not null && CodePattern().IsMatch(code);

    /// <summary>
    /// Null when a unit of <paramref name="kind"/> may sit under <paramref name="parentKind"/>
    /// (null for a top-level unit); otherwise why not. Each level sits directly under the one above;
    /// the districts of a municipality (直辖市) sit directly under it.
    /// </summary>
    public static Text? LevelOrderProblem(UnitKind kind, UnitKind? parentKind)
    {
        var level = UnitKinds.LevelOf(kind);
        if (parentKind is null)
        {
            return level == UnitLevel.Province
                ? null
                : new($"{UnitKinds.ZhLabel(kind)}必须有上级单位", $"a {UnitKinds.EnLabel(kind).ToLowerInvariant()} needs a parent unit");
        }
        var parentLevel = UnitKinds.LevelOf(parentKind.Value);
        var fits = (int)level == (int)parentLevel + 1
            || (parentKind == UnitKind.Municipality && level == UnitLevel.County);
        return fits
            ? null
            : new($"层级顺序错误：{UnitKinds.ZhLabel(kind)}不能隶属于{UnitKinds.ZhLabel(parentKind.Value)}",
                $"wrong level order: a {UnitKinds.EnLabel(kind).ToLowerInvariant()} cannot sit under a {UnitKinds.EnLabel(parentKind.Value).ToLowerInvariant()}");
    }

    public static Text UnknownKind { get; } = new(
        "单位类型不正确，例如：省、地级市、县、县级市、市辖区、街道、镇、乡、社区、村",
        "is not a known kind, for example Province, PrefectureCity, County, CountyLevelCity, CityDistrict, Street, Town, Township, Community, Village");

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex CodePattern();
}
