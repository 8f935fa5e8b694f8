using System.Globalization;
using System.Text;

namespace Workflows.Documents.Numbering;

/// <summary>
/// 发文字号 formatting from a unit's pattern such as <c>{unitAbbr}民发〔{year}〕{seq}号</c>: the
/// year in full, the sequence without leading zeros and without 第 (GB/T 9704-2012). The
/// sequence itself comes from the server's database, per unit and year, so it never repeats
/// or skips; this class only writes it.
/// </summary>
public sealed class DocumentNumber
{
    private static readonly string[] Known = ["unitAbbr", "year", "seq"];
    private readonly string _pattern;

    public DocumentNumber(string pattern)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        var at = 0;
        var seenSequence = false;
        while ((at = pattern.IndexOf('{', at)) >= 0)
        {
            var close = pattern.IndexOf('}', at);
            if (close < 0)
            {
                throw new FormatException($"Document number pattern '{pattern}': '{{' at position {at} is not closed.");
            }
            var name = pattern[(at + 1)..close];
            if (!Known.Contains(name))
            {
                throw new FormatException($"Document number pattern '{pattern}': unknown placeholder {{{name}}}; use {{unitAbbr}}, {{year}}, {{seq}}.");
            }
            seenSequence |= name == "seq";
            at = close + 1;
        }
        if (!seenSequence)
        {
            throw new FormatException($"Document number pattern '{pattern}' has no {{seq}}: numbers would repeat.");
        }
        if (pattern.Contains("第{seq}", StringComparison.Ordinal))
        {
            throw new FormatException($"Document number pattern '{pattern}': GB/T 9704-2012 numbers carry no 第 before the sequence.");
        }
        _pattern = pattern;
    }

    public string Pattern => _pattern;

    public string Format(string unitAbbreviation, int year, int sequence)
    {
        if (year is < 1900 or > 9999)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, "The year is written in full, four digits.");
        }
        if (sequence < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), sequence, "Sequences start at 1.");
        }
        return new StringBuilder(_pattern)
            .Replace("{unitAbbr}", unitAbbreviation)
            .Replace("{year}", year.ToString(CultureInfo.InvariantCulture))
            .Replace("{seq}", sequence.ToString(CultureInfo.InvariantCulture))
            .ToString();
    }

    public static string Format(string pattern, string unitAbbreviation, int year, int sequence) =>
        new DocumentNumber(pattern).Format(unitAbbreviation, year, sequence);
}
