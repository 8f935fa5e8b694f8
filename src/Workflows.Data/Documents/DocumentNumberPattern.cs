namespace Workflows.Data.Documents;

/// <summary>
/// A unit's own pattern for the 文号 of its documents, for one template or (without a template key)
/// for all. Without a row the configured default applies.
/// </summary>
public sealed class DocumentNumberPattern
{
    public Guid Id { get; set; }

    public Guid UnitId { get; set; }

    /// <summary>Null or empty: every template of the unit.</summary>
    public string TemplateKey { get; set; } = "";

    public string Pattern { get; set; } = "";

    public DateTime UpdatedAt { get; set; }

    public int Revision { get; set; }
}
