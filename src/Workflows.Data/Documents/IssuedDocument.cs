namespace Workflows.Data.Documents;

/// <summary>
/// A generated document as issued: written once and never changed or deleted (the database refuses
/// it too). The PDF itself is in the document store under <see cref="StorageKey"/>; its SHA-256 is
/// what the public verification page and the upload check compare against.
/// </summary>
public sealed class IssuedDocument
{
    public const int TitleMaxLength = 300;
    public const int NumberMaxLength = 100;

    public Guid Id { get; set; }

    /// <summary>Short code printed under the QR code, e.g. <c>7KQ2M8XD</c> (shown as 7KQ2-M8XD).</summary>
    public string Code { get; set; } = "";

    public string Title { get; set; } = "";

    /// <summary>文号, e.g. 肇民发〔2026〕1号.</summary>
    public string Number { get; set; } = "";

    /// <summary>The numbering series the number was drawn from (the resolved pattern).</summary>
    public string Series { get; set; } = "";

    public int Year { get; set; }

    public int Sequence { get; set; }

    public Guid IssuerUnitId { get; set; }

    public string IssuerName { get; set; } = "";

    /// <summary>成文日期, the date printed on the document (China time).</summary>
    public DateOnly IssuedOn { get; set; }

    public DateTime CreatedAt { get; set; }

    public string TemplateKey { get; set; } = "";

    public int TemplateVersion { get; set; }

    /// <summary>The case the document was issued for, if any.</summary>
    public Guid? InstanceId { get; set; }

    /// <summary>The service task that asked for it.</summary>
    public string? ElementId { get; set; }

    /// <summary>Lower-case hex SHA-256 of the PDF bytes.</summary>
    public string Sha256 { get; set; } = "";

    public long Size { get; set; }

    /// <summary>Where the document store keeps the bytes.</summary>
    public string StorageKey { get; set; } = "";
}
