using Workflows.Pdf.Graphics;

namespace Workflows.Pdf.Layout;

/// <summary>
/// Blocks one under another, as one block. With <see cref="KeepTogether"/> it moves to the next
/// page whole rather than split (a signature block, a table with its caption), unless it would
/// not fit even on an empty page.
/// </summary>
public sealed class Stack : Block
{
    public Stack(params Block[] children) => Children = [.. children];

    public List<Block> Children { get; }

    public bool KeepTogether { get; set; }

    public override LayoutResult Layout(LayoutSpace space)
    {
        if (KeepTogether && !space.AtPageTop)
        {
            var whole = Measure(space.Width);
            if (whole > space.Height + 0.01)
            {
                return LayoutResult.Nothing(this);
            }
        }
        var placed = new List<(Fragment Fragment, double Offset)>();
        double used = 0;
        for (var i = 0; i < Children.Count; i++)
        {
            var child = Children[i];
            var before = placed.Count == 0 ? 0 : child.SpaceBefore;
            var atTop = space.AtPageTop && placed.Count == 0;
            var result = child.Layout(new LayoutSpace(space.Width, space.Height - used - before, atTop));
            if (result.Placed is null)
            {
                return Finish(placed, used, Remainder(result.Rest, i));
            }
            placed.Add((result.Placed, used + before));
            used += before + result.Placed.Height + child.SpaceAfter;
            if (result.Rest is not null)
            {
                return Finish(placed, used, Remainder(result.Rest, i));
            }
        }
        return Finish(placed, used, null);
    }

    private Stack? Remainder(Block? rest, int index)
    {
        var next = new Stack { SpaceAfter = SpaceAfter };
        if (rest is not null)
        {
            next.Children.Add(rest);
        }
        next.Children.AddRange(Children.Skip(index + 1));
        return next.Children.Count == 0 ? null : next;
    }

    private LayoutResult Finish(List<(Fragment Fragment, double Offset)> placed, double used, Stack? rest)
    {
        if (placed.Count == 0)
        {
            return LayoutResult.Nothing(rest ?? this);
        }
        return new LayoutResult(new StackFragment(placed, used), rest);
    }

    private sealed class StackFragment(List<(Fragment Fragment, double Offset)> parts, double height) : Fragment
    {
        public override double Height => height;

        public override void Draw(PdfCanvas canvas, double x, double top)
        {
            foreach (var (fragment, offset) in parts)
            {
                fragment.Draw(canvas, x, top + offset);
            }
        }
    }
}

/// <summary>Vertical white space; it does not carry over to the next page, and vanishes at the top of one unless told to stay.</summary>
public sealed class Spacer(double height) : Block
{
    /// <summary>Keep the space even at the top of a page (room for a letterhead drawn there).</summary>
    public bool KeepAtPageTop { get; init; }

    public override LayoutResult Layout(LayoutSpace space) =>
        new(new DrawnFragment(space.AtPageTop && !KeepAtPageTop ? 0 : Math.Min(height, Math.Max(0, space.Height)), static (_, _, _) => { }), null);
}

/// <summary>Ends the page here.</summary>
public sealed class PageBreak : Block
{
    public override LayoutResult Layout(LayoutSpace space) =>
        space.AtPageTop
            ? new(new DrawnFragment(0, static (_, _, _) => { }), null)
            : new(new DrawnFragment(space.Height, static (_, _, _) => { }), null);
}

/// <summary>A fixed-height block drawn by a callback (rules, charts, QR codes, seals); never split.</summary>
public sealed class Drawing(double height, Action<PdfCanvas, double, double, double> draw) : Block
{
    public double Height => height;

    public override LayoutResult Layout(LayoutSpace space)
    {
        if (height > space.Height + 0.01 && !space.AtPageTop)
        {
            return LayoutResult.Nothing(this);
        }
        var width = space.Width;
        return new(new DrawnFragment(height, (canvas, x, top) => draw(canvas, x, top, width)), null);
    }
}

/// <summary>
/// A block set at the foot of the text block rather than after the text above it: the 版记 of
/// an official document sits on the last page's bottom edge.
/// </summary>
public sealed class AtPageFoot(Block content) : Block
{
    public override LayoutResult Layout(LayoutSpace space)
    {
        var height = content.Measure(space.Width);
        if (height > space.Height + 0.01)
        {
            return space.AtPageTop ? content.Layout(space) : LayoutResult.Nothing(this);
        }
        var placed = content.Layout(new LayoutSpace(space.Width, height + 1, true)).Placed!;
        var gap = space.Height - height;
        return new(new DrawnFragment(space.Height, (canvas, x, top) => placed.Draw(canvas, x, top + gap)), null);
    }
}
