namespace Workflows.Pdf.Text;

/// <summary>Line-breaking classes, reduced to what Chinese typesetting rules need.</summary>
public enum BreakClass : byte
{
    /// <summary>Latin letters and digits: a word stays whole.</summary>
    Word,
    /// <summary>Han characters, kana and other ideographs: a line may break on either side.</summary>
    Ideograph,
    Space,
    NewLine,
    /// <summary>Must not start a line (，。、；：！？）》」』 …).</summary>
    Closing,
    /// <summary>Must not end a line (（《「『 …).</summary>
    Opening,
    /// <summary>Dashes and ellipses, which come in pairs that must not be split.</summary>
    Inseparable,
    /// <summary>A hyphen or slash after which a long Latin word may break.</summary>
    BreakAfter,
}

public static class BreakClasses
{
    /// <summary>Characters a line must not start with (行首禁则).</summary>
    public const string LineStartProhibited = "，。、；：！？）》」』】〕〉］｝”’…—·．，,.;:!?)]}%‰℃°’”・ー々〻ゝゞヽヾぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ～";

    /// <summary>Characters a line must not end with (行尾禁则).</summary>
    public const string LineEndProhibited = "（《「『【〔〈［｛“‘([{$￥¥£";

    public static BreakClass Of(int c)
    {
        switch (c)
        {
            case ' ' or '\t' or '\u3000':
                return BreakClass.Space;
            case '\n':
                return BreakClass.NewLine;
            case '—' or '…' or '⋯':
                return BreakClass.Inseparable;
            case '-' or '/' or '\u2010' or '\u2013':
                return BreakClass.BreakAfter;
        }
        if (c < 0x10000)
        {
            var ch = (char)c;
            if (LineStartProhibited.Contains(ch))
            {
                return BreakClass.Closing;
            }
            if (LineEndProhibited.Contains(ch))
            {
                return BreakClass.Opening;
            }
        }
        return IsIdeographic(c) ? BreakClass.Ideograph : BreakClass.Word;
    }

    public static bool IsIdeographic(int c) =>
        c is >= 0x2E80 and <= 0x9FFF      // radicals, CJK symbols, kana, bopomofo, Hangul compat, CJK unified
          or >= 0xAC00 and <= 0xD7AF      // Hangul syllables
          or >= 0xF900 and <= 0xFAFF      // compatibility ideographs
          or >= 0xFE30 and <= 0xFE4F      // CJK compatibility forms
          or >= 0xFF00 and <= 0xFFEF      // full-width forms
          or >= 0x20000 and <= 0x3FFFF    // supplementary ideographs
          or 0x25A1;                      // the replacement box behaves like a character
}
