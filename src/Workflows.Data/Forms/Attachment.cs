namespace Workflows.Data.Forms;

/// <summary>
/// An uploaded file: to a filepicker of an application (<see cref="FieldPath"/>) or to a step of its
/// case (<see cref="TaskId"/>). The bytes live in the attachment store under <see cref="StorageKey"/>,
/// a generated name; the client's name is kept only sanitised, for downloads.
/// </summary>
public sealed class Attachment
{
    public const int FieldPathMaxLength = 200;
    public const int FileNameMaxLength = 200;

    public Guid Id { get; set; }

    public Guid ApplicationId { get; set; }

    /// <summary>The step it was uploaded to, for attachments added while acting on a task.</summary>
    public Guid? TaskId { get; set; }

    public Guid? InstanceId { get; set; }

    /// <summary>The filepicker's data path (<c>site_plan</c>), or <c>attachments</c> for a step's files.</summary>
    public string FieldPath { get; set; } = "";

    public string FileName { get; set; } = "";

    /// <summary>The media type of the real content, as detected (never the client's claim).</summary>
    public string MediaType { get; set; } = "";

    public long Length { get; set; }

    public string Sha256 { get; set; } = "";

    public string StorageKey { get; set; } = "";

    public Guid UploadedById { get; set; }

    public DateTime UploadedAt { get; set; }
}
