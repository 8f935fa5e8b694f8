namespace Workflows.Forms.Attachments;

/// <summary>
/// A filepicker's <c>accept</c> attribute (HTML syntax: <c>.pdf,image/*,application/msword</c>)
/// read into the file kinds the server recognises. An empty list accepts every safe kind.
/// </summary>
public sealed class AcceptList
{
    private AcceptList(IReadOnlyList<string> extensions, IReadOnlyList<FileKind> kinds, IReadOnlyList<string> unrecognised, bool any)
    {
        Extensions = extensions;
        Kinds = kinds;
        Unrecognised = unrecognised;
        AcceptsAnySafeKind = any;
    }

    /// <summary>Extensions named, lower case with the dot.</summary>
    public IReadOnlyList<string> Extensions { get; }

    /// <summary>Kinds the named extensions and media types stand for.</summary>
    public IReadOnlyList<FileKind> Kinds { get; }

    /// <summary>Tokens the server cannot check (unknown extension or media type); files matching only these are refused.</summary>
    public IReadOnlyList<string> Unrecognised { get; }

    public bool AcceptsAnySafeKind { get; }

    /// <summary>Kinds the server accepts when a filepicker names no <c>accept</c> list.</summary>
    public static readonly IReadOnlyList<FileKind> SafeKinds =
        [FileKind.Pdf, FileKind.Png, FileKind.Jpeg, FileKind.Gif, FileKind.WebP, FileKind.Docx, FileKind.Xlsx, FileKind.Doc, FileKind.Xls, FileKind.Text];

    public static AcceptList Parse(string? accept)
    {
        // An expression (=...) is evaluated in the browser; the server cannot know its result, so it falls back to the safe kinds.
        if (string.IsNullOrWhiteSpace(accept) || accept.TrimStart().StartsWith('='))
        {
            return new AcceptList([], SafeKinds, [], any: true);
        }

        var extensions = new List<string>();
        var kinds = new List<FileKind>();
        var unrecognised = new List<string>();
        foreach (var raw in accept.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var token = raw.ToLowerInvariant();
            if (token.StartsWith('.'))
            {
                var kind = FileKinds.FromExtension(token);
                if (kind == FileKind.Unknown)
                {
                    unrecognised.Add(raw);
                    continue;
                }

                extensions.Add(token);
                kinds.Add(kind);
            }
            else
            {
                var fromType = FileKinds.FromMediaType(token);
                if (fromType.Count == 0)
                {
                    unrecognised.Add(raw);
                    continue;
                }

                kinds.AddRange(fromType);
                extensions.AddRange(fromType.SelectMany(FileKinds.Extensions));
            }
        }

        return new AcceptList(extensions.Distinct().ToArray(), kinds.Distinct().ToArray(), unrecognised, any: false);
    }

    public bool Allows(FileKind kind) => Kinds.Contains(kind);

    public bool AllowsExtension(string extension) => AcceptsAnySafeKind
        ? SafeKinds.SelectMany(FileKinds.Extensions).Contains(extension)
        : Extensions.Contains(extension);
}
