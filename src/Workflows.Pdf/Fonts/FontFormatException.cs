namespace Workflows.Pdf.Fonts;

/// <summary>
/// A font file that cannot be used: unreadable, truncated, or not TrueType-outlined. Administrators
/// upload fonts, so the message names the table and the reason rather than failing later in a PDF viewer.
/// </summary>
public sealed class FontFormatException : Exception
{
    public FontFormatException(string table, string reason)
        : base($"Font table '{table}': {reason}")
    {
        Table = table;
        Reason = reason;
    }

    /// <summary>The table at fault, or "file" for problems with the container itself.</summary>
    public string Table { get; }

    public string Reason { get; }
}
