namespace Workflows.Data.Organisation;

/// <summary>
/// A node of the organisation tree: a province, city, county, township/street or community/village.
/// </summary>
public sealed class Unit
{
    public const int CodeMaxLength = 32;
    public const int NameMaxLength = 100;
    public const int NameEnMaxLength = 200;
    public const int AbbreviationMaxLength = 20;

    public Guid Id { get; set; }

    /// <summary>Unique code, for example the statistical division code <c>231282</c>.</summary>
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public string? NameEn { get; set; }

    /// <summary>Short form used in document numbers (文号), for example 肇民.</summary>
    public string? Abbreviation { get; set; }

    public UnitKind Kind { get; set; }

    public UnitLevel Level { get; set; }

    public Guid? ParentId { get; set; }

    public Unit? Parent { get; set; }

    /// <summary>
    /// Materialised path of ids from the root, <c>/{root}/{child}/.../{this}/</c>: "inside this
    /// county" becomes one indexed prefix comparison.
    /// </summary>
    public string Path { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency token, bumped on every change.</summary>
    public int Version { get; set; }

    public static string PathSegment(Guid id) => id.ToString("N") + "/";
}
