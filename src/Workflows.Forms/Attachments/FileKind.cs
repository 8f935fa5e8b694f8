namespace Workflows.Forms.Attachments;

/// <summary>What a file really is, judged from its first bytes.</summary>
public enum FileKind
{
    Unknown,
    Pdf,
    Png,
    Jpeg,
    Gif,
    WebP,
    Docx,
    Xlsx,
    /// <summary>A zip archive that is not an Office document.</summary>
    Zip,
    Doc,
    Xls,
    /// <summary>An OLE compound file that is neither a Word nor an Excel document.</summary>
    OleOther,
    /// <summary>Plain text (UTF-8, with or without BOM, or GB18030 without control characters); CSV is text.</summary>
    Text,
    /// <summary>Text that a browser would run or render as a page (HTML, SVG, XML with scripts).</summary>
    Markup,
    Elf,
    PortableExecutable,
    MachO,
    /// <summary>A script starting with a shebang (<c>#!</c>).</summary>
    Script,
}

/// <summary>The facts the checks need about each kind: media type, usual extensions, whether it runs.</summary>
public static class FileKinds
{
    public static bool IsExecutable(FileKind kind) => kind is FileKind.Elf or FileKind.PortableExecutable or FileKind.MachO or FileKind.Script;

    public static string MediaType(FileKind kind) => kind switch
    {
        FileKind.Pdf => "application/pdf",
        FileKind.Png => "image/png",
        FileKind.Jpeg => "image/jpeg",
        FileKind.Gif => "image/gif",
        FileKind.WebP => "image/webp",
        FileKind.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        FileKind.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        FileKind.Doc => "application/msword",
        FileKind.Xls => "application/vnd.ms-excel",
        FileKind.Text => "text/plain",
        FileKind.Zip => "application/zip",
        _ => "application/octet-stream",
    };

    /// <summary>Extensions (lower case, with the dot) a file of this kind may carry.</summary>
    public static IReadOnlyList<string> Extensions(FileKind kind) => kind switch
    {
        FileKind.Pdf => [".pdf"],
        FileKind.Png => [".png"],
        FileKind.Jpeg => [".jpg", ".jpeg"],
        FileKind.Gif => [".gif"],
        FileKind.WebP => [".webp"],
        FileKind.Docx => [".docx"],
        FileKind.Xlsx => [".xlsx"],
        FileKind.Doc => [".doc"],
        FileKind.Xls => [".xls"],
        FileKind.Text => [".txt", ".csv"],
        FileKind.Zip => [".zip"],
        _ => [],
    };

    /// <summary>The kind an accepted extension stands for, or Unknown.</summary>
    public static FileKind FromExtension(string extension) => extension.ToLowerInvariant() switch
    {
        ".pdf" => FileKind.Pdf,
        ".png" => FileKind.Png,
        ".jpg" or ".jpeg" => FileKind.Jpeg,
        ".gif" => FileKind.Gif,
        ".webp" => FileKind.WebP,
        ".docx" => FileKind.Docx,
        ".xlsx" => FileKind.Xlsx,
        ".doc" => FileKind.Doc,
        ".xls" => FileKind.Xls,
        ".txt" or ".csv" => FileKind.Text,
        ".zip" => FileKind.Zip,
        _ => FileKind.Unknown,
    };

    /// <summary>The kinds a MIME type (or wildcard like <c>image/*</c>) stands for.</summary>
    public static IReadOnlyList<FileKind> FromMediaType(string mediaType)
    {
        var type = mediaType.ToLowerInvariant();
        if (type == "image/*")
        {
            return [FileKind.Png, FileKind.Jpeg, FileKind.Gif, FileKind.WebP];
        }

        if (type is "text/*" or "text/csv" or "text/plain")
        {
            return [FileKind.Text];
        }

        return Enum.GetValues<FileKind>().Where(k => Extensions(k).Count > 0 && MediaType(k) == type).ToArray();
    }
}
