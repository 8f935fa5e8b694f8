using System.Text;
using System.Text.Unicode;

namespace Workflows.Forms.Attachments;

/// <summary>
/// Tells what a file is from its first bytes (magic numbers), never from its name. Give it at least
/// the first <see cref="RecommendedHeadLength"/> bytes: Office formats are told apart by entry and
/// stream names near the start of the file.
/// </summary>
public static class FileTypeDetector
{
    public const int RecommendedHeadLength = 64 * 1024;

    public static FileKind Detect(ReadOnlySpan<byte> head)
    {
        if (head.Length == 0)
        {
            return FileKind.Unknown;
        }

        if (StartsWith(head, "%PDF-"u8))
        {
            return FileKind.Pdf;
        }

        if (StartsWith(head, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return FileKind.Png;
        }

        if (StartsWith(head, [0xFF, 0xD8, 0xFF]))
        {
            return FileKind.Jpeg;
        }

        if (StartsWith(head, "GIF87a"u8) || StartsWith(head, "GIF89a"u8))
        {
            return FileKind.Gif;
        }

        if (head.Length >= 12 && StartsWith(head, "RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return FileKind.WebP;
        }

        if (StartsWith(head, [0x7F, 0x45, 0x4C, 0x46]))
        {
            return FileKind.Elf;
        }

        if (StartsWith(head, "MZ"u8))
        {
            return FileKind.PortableExecutable;
        }

        if (StartsWith(head, [0xFE, 0xED, 0xFA, 0xCE]) || StartsWith(head, [0xFE, 0xED, 0xFA, 0xCF])
            || StartsWith(head, [0xCE, 0xFA, 0xED, 0xFE]) || StartsWith(head, [0xCF, 0xFA, 0xED, 0xFE])
            || StartsWith(head, [0xCA, 0xFE, 0xBA, 0xBE]))
        {
            // 0xCAFEBABE is also a Java class file; refused just the same.
            return FileKind.MachO;
        }

        if (StartsWith(head, "#!"u8) || StartsWith(head, [0xEF, 0xBB, 0xBF, (byte)'#', (byte)'!']))
        {
            return FileKind.Script;
        }

        if (StartsWith(head, [0x50, 0x4B, 0x03, 0x04]))
        {
            return ZipKind(head);
        }

        if (StartsWith(head, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        {
            return OleKind(head);
        }

        return TextKind(head);
    }

    /// <summary>Office Open XML files are zips whose entries name the application's main part.</summary>
    private static FileKind ZipKind(ReadOnlySpan<byte> head)
    {
        var hasContentTypes = head.IndexOf("[Content_Types].xml"u8) >= 0;
        if (hasContentTypes && head.IndexOf("word/"u8) >= 0)
        {
            return FileKind.Docx;
        }

        if (hasContentTypes && head.IndexOf("xl/"u8) >= 0)
        {
            return FileKind.Xlsx;
        }

        return FileKind.Zip;
    }

    /// <summary>Word and Excel 97–2003 files are OLE compound files holding a WordDocument or Workbook stream.</summary>
    private static FileKind OleKind(ReadOnlySpan<byte> head)
    {
        if (head.IndexOf(Encoding.Unicode.GetBytes("WordDocument")) >= 0)
        {
            return FileKind.Doc;
        }

        if (head.IndexOf(Encoding.Unicode.GetBytes("Workbook")) >= 0 || head.IndexOf(Encoding.Unicode.GetBytes("Book\0")) >= 0)
        {
            return FileKind.Xls;
        }

        return FileKind.OleOther;
    }

    private static FileKind TextKind(ReadOnlySpan<byte> head)
    {
        var body = StartsWith(head, [0xEF, 0xBB, 0xBF]) ? head[3..] : head;
        foreach (var b in body)
        {
            // Control characters other than tab, line feed, form feed and carriage return mean binary data.
            if (b < 0x20 && b is not (0x09 or 0x0A or 0x0C or 0x0D))
            {
                return FileKind.Unknown;
            }

            if (b == 0x7F)
            {
                return FileKind.Unknown;
            }
        }

        if (!IsUtf8(body) && !LooksLikeGb18030(body))
        {
            return FileKind.Unknown;
        }

        // A page or image a browser would render (and run scripts in) is not plain text.
        var start = Encoding.UTF8.GetString(body[..Math.Min(body.Length, 1024)]).TrimStart().ToLowerInvariant();
        if (start.StartsWith('<') && (start.Contains("<html") || start.Contains("<svg") || start.Contains("<script")
            || start.StartsWith("<!doctype") || start.StartsWith("<?xml")))
        {
            return FileKind.Markup;
        }

        return FileKind.Text;
    }

    private static bool IsUtf8(ReadOnlySpan<byte> bytes)
    {
        // The head may end inside a multi-byte character: allow up to 3 trailing bytes to be cut.
        for (var cut = 0; cut <= Math.Min(3, bytes.Length); cut++)
        {
            if (Utf8.IsValid(bytes[..^cut]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>GB18030/GBK text (common in spreadsheets exported on Chinese Windows): lead bytes 0x81–0xFE followed by a trail byte.</summary>
    private static bool LooksLikeGb18030(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length)
        {
            var b = bytes[i];
            if (b < 0x80)
            {
                i++;
                continue;
            }

            if (b is < 0x81 or > 0xFE || i + 1 >= bytes.Length)
            {
                return i + 1 >= bytes.Length && b is >= 0x81 and <= 0xFE;
            }

            var trail = bytes[i + 1];
            if (trail is >= 0x40 and <= 0xFE && trail != 0x7F)
            {
                i += 2;
            }
            else if (trail is >= 0x30 and <= 0x39 && i + 3 < bytes.Length)
            {
                i += 4;
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    private static bool StartsWith(ReadOnlySpan<byte> head, ReadOnlySpan<byte> magic) => head.StartsWith(magic);
}
