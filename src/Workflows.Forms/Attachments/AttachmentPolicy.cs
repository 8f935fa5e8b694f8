namespace Workflows.Forms.Attachments;

/// <summary>
/// Limits on uploaded files. A filepicker may lower the per-field limits with the custom properties
/// <c>maxFiles</c> and <c>maxFileSizeMb</c> (never raise them above these).
/// </summary>
public sealed record AttachmentPolicy
{
    public long MaxFileBytes { get; init; } = 20L * 1024 * 1024;
    public int MaxFilesPerField { get; init; } = 10;
    public int MaxFilesPerForm { get; init; } = 30;
    public long MaxBytesPerForm { get; init; } = 100L * 1024 * 1024;
    public int MaxFileNameLength { get; init; } = FileNames.DefaultMaxLength;

    public static AttachmentPolicy Default { get; } = new();
}

/// <summary>A file as the server received it: the client's name and media type, its size and its first bytes.</summary>
public sealed record IncomingFile(string? FileName, string? DeclaredContentType, long Length, ReadOnlyMemory<byte> Head);

/// <summary>The verdict on one file: the sanitised name and real kind to store, or the reasons it was refused.</summary>
public sealed record FileVerdict(IncomingFile File, string SafeFileName, FileKind Kind, string MediaType, IReadOnlyList<Validation.FormIssue> Errors)
{
    public bool Accepted => Errors.Count == 0;
}
