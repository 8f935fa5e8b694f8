namespace Workflows.Data.Documents;

/// <summary>
/// An administrator's version of a document template (JSON as the Documents library reads it).
/// Versions are kept and never edited in place; the highest version is used for new documents.
/// The shipped templates are version 1 and are not stored.
/// </summary>
public sealed class DocumentTemplateVersion
{
    public Guid Id { get; set; }

    public string TemplateKey { get; set; } = "";

    public int Version { get; set; }

    public string Name { get; set; } = "";

    public string Json { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public Guid? CreatedById { get; set; }
}
