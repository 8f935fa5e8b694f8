namespace Workflows.Pdf.Text;

/// <summary>One line of a paragraph: characters [Start, End) of the shaped text.</summary>
public readonly record struct TextLine(int Start, int End, double Width, bool EndsParagraph);

/// <summary>
/// Greedy line breaking for Chinese mixed with Latin text: a line may end between any two Han
/// characters, Latin words and numbers stay whole, and no line starts with a closing mark or
/// ends with an opening one. A word longer than a line is cut, since it must go somewhere.
/// </summary>
public static class LineBreaker
{
    private static readonly BreakClass[] Bmp = BuildTable();

    private static BreakClass[] BuildTable()
    {
        var table = new BreakClass[0x10000];
        for (var c = 0; c < table.Length; c++)
        {
            table[c] = BreakClasses.Of(c);
        }
        return table;
    }

    public static BreakClass ClassOf(int c) => c < 0x10000 ? Bmp[c] : BreakClasses.Of(c);

    /// <summary>Whether a line may end between characters <paramref name="before"/> and <paramref name="after"/>.</summary>
    public static bool CanBreakBetween(int before, int after)
    {
        var a = ClassOf(before);
        var b = ClassOf(after);
        if (b is BreakClass.Space or BreakClass.NewLine or BreakClass.Closing || a == BreakClass.Opening)
        {
            return false;
        }
        if (a == BreakClass.Space)
        {
            return true;
        }
        if (a == BreakClass.Inseparable && b == BreakClass.Inseparable && before == after)
        {
            return false;
        }
        if (a == BreakClass.Closing)
        {
            // "3.5" and "a,b" are Latin: a full stop or comma directly followed by a letter or digit is inside a word.
            return !(before < 0x80 && b == BreakClass.Word);
        }
        if (a == BreakClass.BreakAfter)
        {
            return b is BreakClass.Word or BreakClass.Ideograph or BreakClass.Opening;
        }
        return a is BreakClass.Ideograph or BreakClass.Inseparable
            || b is BreakClass.Ideograph or BreakClass.Opening or BreakClass.Inseparable;
    }

    public static List<TextLine> Break(ShapedText text, double width, double firstLineWidth)
    {
        var lines = new List<TextLine>(Math.Max(1, text.Count / 24));
        var count = text.Count;
        var cps = text.CodePoints;
        var advances = text.Advances;
        var start = 0;
        if (count == 0)
        {
            lines.Add(new TextLine(0, 0, 0, true));
            return lines;
        }
        while (start < count)
        {
            var limit = (lines.Count == 0 ? firstLineWidth : width) + 0.01;
            double used = 0;
            var lastBreak = -1;
            var end = count;
            var next = count;
            var hard = true;
            for (var i = start; i < count; i++)
            {
                var c = cps[i];
                if (c == '\n')
                {
                    end = i;
                    next = i + 1;
                    break;
                }
                if (i > start && CanBreakBetween(cps[i - 1], c))
                {
                    lastBreak = i;
                }
                if (ClassOf(c) == BreakClass.Space)
                {
                    used += advances[i];
                    continue;
                }
                if (used + advances[i] > limit && i > start)
                {
                    end = next = lastBreak > start ? lastBreak : i;
                    hard = false;
                    break;
                }
                used += advances[i];
            }
            var visibleEnd = end;
            while (visibleEnd > start && ClassOf(cps[visibleEnd - 1]) == BreakClass.Space && cps[visibleEnd - 1] != '\t')
            {
                visibleEnd--;
            }
            lines.Add(new TextLine(start, end, text.Width(start, visibleEnd), hard));
            start = next;
            if (start == count && hard && next > 0 && cps[next - 1] == '\n')
            {
                // Text ending in a line feed ends with an empty line, as it does when typed.
                lines.Add(new TextLine(count, count, 0, true));
            }
        }
        return lines;
    }
}
