using System.Globalization;
using System.Text;

namespace Workflows.Forms.Attachments;

/// <summary>Makes a client-supplied file name safe to store and to offer for download.</summary>
public static class FileNames
{
    public const int DefaultMaxLength = 120;

    private static readonly HashSet<string> WindowsReserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    /// <summary>
    /// Keeps only the last path segment, drops control, format and path characters, collapses
    /// whitespace, trims dots and spaces, and cuts to <paramref name="maxLength"/> characters
    /// (text elements, so no Chinese character or emoji is split) keeping the extension.
    /// Never returns an empty name.
    /// </summary>
    public static string Sanitize(string? name, int maxLength = DefaultMaxLength)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "file";
        }

        var lastSeparator = name.LastIndexOfAny(['/', '\\']);
        var last = lastSeparator >= 0 ? name[(lastSeparator + 1)..] : name;
        var builder = new StringBuilder(last.Length);
        var previousSpace = false;
        foreach (var rune in last.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                continue;
            }

            if (rune.Value is '<' or '>' or ':' or '"' or '|' or '?' or '*')
            {
                builder.Append('_');
                previousSpace = false;
                continue;
            }

            if (Rune.IsWhiteSpace(rune))
            {
                if (!previousSpace)
                {
                    builder.Append(' ');
                }

                previousSpace = true;
                continue;
            }

            builder.Append(rune.ToString());
            previousSpace = false;
        }

        var cleaned = builder.ToString().Trim(' ', '.');
        if (cleaned.Length == 0)
        {
            return "file";
        }

        var dot = cleaned.LastIndexOf('.');
        var stem = dot > 0 ? cleaned[..dot] : cleaned;
        var extension = dot > 0 ? cleaned[dot..] : "";
        if (WindowsReserved.Contains(stem))
        {
            stem = "_" + stem;
        }

        if (extension.Length > 16)
        {
            extension = "";
            stem = cleaned;
        }

        var budget = Math.Max(1, maxLength - extension.Length);
        stem = CutTextElements(stem, budget).TrimEnd(' ', '.');
        return (stem.Length == 0 ? "file" : stem) + extension;
    }

    /// <summary>The extension, lower case with its dot, or empty.</summary>
    public static string Extension(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot > 0 && dot < name.Length - 1 ? name[dot..].ToLowerInvariant() : "";
    }

    private static string CutTextElements(string text, int maxChars)
    {
        if (text.Length <= maxChars)
        {
            return text;
        }

        var enumerator = StringInfo.GetTextElementEnumerator(text);
        var length = 0;
        while (enumerator.MoveNext())
        {
            var element = (string)enumerator.Current;
            if (length + element.Length > maxChars)
            {
                break;
            }

            length += element.Length;
        }

        return text[..length];
    }
}
