using Workflows.Pdf.Graphics;

namespace Workflows.Pdf.Layout;

/// <summary>Where a block is being laid out: the width of the column and the height left on the page.</summary>
public readonly record struct LayoutSpace(double Width, double Height, bool AtPageTop);

/// <summary>What a block placed on this page, and what is left for the next (null when it all fitted).</summary>
public readonly record struct LayoutResult(Fragment? Placed, Block? Rest)
{
    public static LayoutResult Nothing(Block rest) => new(null, rest);
}

/// <summary>
/// Something that flows down the page and may be split across pages. A block asked to lay out
/// at the top of a page must place something, so a flow always moves forward.
/// </summary>
public abstract class Block
{
    public double SpaceBefore { get; set; }
    public double SpaceAfter { get; set; }

    /// <summary>Move to the next page with the following block rather than be left alone at a page's foot (headings).</summary>
    public bool KeepWithNext { get; set; }

    public abstract LayoutResult Layout(LayoutSpace space);

    /// <summary>The height the whole block takes in a column of <paramref name="width"/> when nothing splits it.</summary>
    public double Measure(double width)
    {
        var result = Layout(new LayoutSpace(width, double.MaxValue / 4, true));
        return result.Placed?.Height ?? 0;
    }
}

/// <summary>The placed part of a block: a height and a way to draw it.</summary>
public abstract class Fragment
{
    public abstract double Height { get; }

    public abstract void Draw(PdfCanvas canvas, double x, double top);
}

/// <summary>A fragment drawn by a callback, for rules, charts and anything else drawn freely.</summary>
public sealed class DrawnFragment(double height, Action<PdfCanvas, double, double> draw) : Fragment
{
    public override double Height => height;

    public override void Draw(PdfCanvas canvas, double x, double top) => draw(canvas, x, top);
}
