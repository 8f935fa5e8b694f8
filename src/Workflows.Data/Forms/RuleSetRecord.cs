namespace Workflows.Data.Forms;

/// <summary>
/// One published version of a rule set (DOMAIN.md §0.3): the document as the rule-set loader reads
/// it, plus the columns lists and permission checks need without parsing it.
/// </summary>
public sealed class RuleSetRecord
{
    public const int SetIdMaxLength = 100;
    public const int JurisdictionMaxLength = 40;

    public Guid Id { get; set; }

    /// <summary>The set's <c>id</c>, e.g. <c>heilongjiang</c>.</summary>
    public string SetId { get; set; } = "";

    public int Version { get; set; }

    public string TitleZh { get; set; } = "";

    public string TitleEn { get; set; } = "";

    /// <summary>The unit code the set applies to (and below); null for a national set.</summary>
    public string? Jurisdiction { get; set; }

    public DateOnly EffectiveFrom { get; set; }

    public DateOnly? EffectiveTo { get; set; }

    public string Json { get; set; } = "";

    public string Sha256 { get; set; } = "";

    public string Source { get; set; } = "";

    public DateTime PublishedAt { get; set; }

    public Guid? PublishedById { get; set; }
}
