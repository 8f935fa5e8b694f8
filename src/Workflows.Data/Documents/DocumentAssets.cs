namespace Workflows.Data.Documents;

/// <summary>
/// A font file an administrator uploaded and mapped to a role (标题, 正文, 黑体, 楷体). The latest
/// upload for a role is used from then on; earlier ones stay for the record.
/// </summary>
public sealed class DocumentFontFile
{
    public Guid Id { get; set; }

    /// <summary>The role as the Documents library names it: Title, Body, Heiti, Kaiti.</summary>
    public string Role { get; set; } = "";

    public string FileName { get; set; } = "";

    public string FamilyName { get; set; } = "";

    public int FaceIndex { get; set; }

    public string Sha256 { get; set; } = "";

    public string StorageKey { get; set; } = "";

    public DateTime UploadedAt { get; set; }

    public Guid? UploadedById { get; set; }
}

/// <summary>A unit's seal image (PNG with transparency), pressed on its official documents; the latest upload wins.</summary>
public sealed class UnitSeal
{
    public Guid Id { get; set; }

    public Guid UnitId { get; set; }

    public string Sha256 { get; set; } = "";

    public string StorageKey { get; set; } = "";

    public DateTime UploadedAt { get; set; }

    public Guid? UploadedById { get; set; }
}
