namespace Workflows.Data.Organisation;

/// <summary>
/// What a unit is (省, 县级市, 街道, 村 ...). The kind fixes the level, and it decides which
/// structural rules apply (DOMAIN.md §1.3): a county-level city has street offices, a county keeps
/// its county-seat town.
/// </summary>
public enum UnitKind
{
    // L1
    Province = 100,
    AutonomousRegion = 101,
    Municipality = 102,

    // L2
    PrefectureCity = 200,
    Prefecture = 201,
    AutonomousPrefecture = 202,
    League = 203,
    AdministrativeCommittee = 204,

    // L3
    County = 300,
    AutonomousCounty = 301,
    CountyLevelCity = 302,
    CityDistrict = 303,
    Banner = 304,

    // L4
    Street = 400,
    Town = 401,
    Township = 402,
    EthnicTownship = 403,
    CountySeatTown = 404,
    ManagementDistrict = 405,
    StateFarm = 406,
    DevelopmentZone = 407,
    SpecialAdministrativeZone = 408,

    // L5
    Community = 500,
    Village = 501,
}

public static class UnitKinds
{
    private static readonly Dictionary<UnitKind, (string Zh, string En)> Labels = new()
    {
        [UnitKind.Province] = ("省", "Province"),
        [UnitKind.AutonomousRegion] = ("自治区", "Autonomous region"),
        [UnitKind.Municipality] = ("直辖市", "Municipality"),
        [UnitKind.PrefectureCity] = ("地级市", "Prefecture-level city"),
        [UnitKind.Prefecture] = ("地区", "Prefecture"),
        [UnitKind.AutonomousPrefecture] = ("自治州", "Autonomous prefecture"),
        [UnitKind.League] = ("盟", "League"),
        [UnitKind.AdministrativeCommittee] = ("管委会", "Administrative committee"),
        [UnitKind.County] = ("县", "County"),
        [UnitKind.AutonomousCounty] = ("自治县", "Autonomous county"),
        [UnitKind.CountyLevelCity] = ("县级市", "County-level city"),
        [UnitKind.CityDistrict] = ("市辖区", "City district"),
        [UnitKind.Banner] = ("旗", "Banner"),
        [UnitKind.Street] = ("街道", "Sub-district"),
        [UnitKind.Town] = ("镇", "Town"),
        [UnitKind.Township] = ("乡", "Township"),
        [UnitKind.EthnicTownship] = ("民族乡", "Ethnic township"),
        [UnitKind.CountySeatTown] = ("城关镇", "County-seat town"),
        [UnitKind.ManagementDistrict] = ("管理区", "Management district"),
        [UnitKind.StateFarm] = ("国营农场", "State farm"),
        [UnitKind.DevelopmentZone] = ("开发区", "Development zone"),
        [UnitKind.SpecialAdministrativeZone] = ("特别管理区", "Special administrative zone"),
        [UnitKind.Community] = ("社区", "Community"),
        [UnitKind.Village] = ("村", "Village"),
    };

    private static readonly Dictionary<string, UnitKind> ByName = BuildNameIndex();

    public static UnitLevel LevelOf(UnitKind kind) => (UnitLevel)((int)kind / 100);

    public static string ZhLabel(UnitKind kind) => Labels[kind].Zh;

    public static string EnLabel(UnitKind kind) => Labels[kind].En;

    public static IEnumerable<UnitKind> All => Labels.Keys;

    /// <summary>Accepts the enum name (<c>CountyLevelCity</c>), the Chinese label (<c>县级市</c>) or the English label.</summary>
    public static bool TryParse(string? text, out UnitKind kind)
    {
        kind = default;
        return !string.IsNullOrWhiteSpace(text) && ByName.TryGetValue(text.Trim(), out kind);
    }

    private static Dictionary<string, UnitKind> BuildNameIndex()
    {
        var index = new Dictionary<string, UnitKind>(StringComparer.OrdinalIgnoreCase);
        foreach (var (kind, (zh, en)) in Labels)
        {
            index[kind.ToString()] = kind;
            index[zh] = kind;
            index[en] = kind;
        }
        return index;
    }
}
