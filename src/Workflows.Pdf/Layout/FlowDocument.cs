using Workflows.Pdf.Graphics;
using Workflows.Pdf.Objects;

namespace Workflows.Pdf.Layout;

/// <summary>A page as the flow starts it, for drawing running heads, page numbers and watermarks.</summary>
public sealed record PageContext(PdfPage Page, PageGeometry Geometry)
{
    public int Number => Page.Number;
    public PdfCanvas Canvas => Page.Canvas;
}

/// <summary>
/// Pours blocks into the text blocks of successive pages: each block places what fits, the
/// rest goes on the next page. Pages are drawn (and written out) as they fill, so the length
/// of a document is limited by disk, not memory.
/// </summary>
public sealed class FlowDocument
{
    public FlowDocument(PageGeometry geometry) => Geometry = geometry;

    public PageGeometry Geometry { get; }

    public List<Block> Blocks { get; } = [];

    /// <summary>Called for every new page before its content is drawn (letterheads, borders).</summary>
    public Action<PageContext>? OnPage { get; set; }

    /// <summary>
    /// Called when a page is full, after its content (page numbers, verification codes), so text
    /// extraction and screen readers meet the content first.
    /// </summary>
    public Action<PageContext>? OnPageEnd { get; set; }

    public FlowDocument Add(Block block)
    {
        Blocks.Add(block);
        return this;
    }

    /// <summary>Lays the blocks out into <paramref name="document"/>, returning the number of pages used.</summary>
    public int Render(PdfDocument document)
    {
        var pages = 0;
        var page = NewPage(document, ref pages);
        double used = 0;
        for (var index = 0; index < Blocks.Count; index++)
        {
            Block? block = Blocks[index];
            while (block is not null)
            {
                var atTop = used == 0;
                var before = atTop ? 0 : block.SpaceBefore;
                var space = new LayoutSpace(Geometry.ContentWidth, Geometry.ContentHeight - used - before, atTop);
                var result = block.Layout(space);
                if (result.Placed is not null && result.Rest is null && block.KeepWithNext && !atTop
                    && index + 1 < Blocks.Count && !NextFits(Blocks[index + 1], space.Width, space.Height - result.Placed.Height - block.SpaceAfter))
                {
                    result = LayoutResult.Nothing(block);
                }
                if (result.Placed is null)
                {
                    if (atTop)
                    {
                        throw new InvalidOperationException($"{block.GetType().Name} placed nothing on an empty page.");
                    }
                    page = NewPage(document, ref pages, page);
                    used = 0;
                    continue;
                }
                result.Placed.Draw(page.Canvas, Geometry.Left, Geometry.Top + used + before);
                used += before + result.Placed.Height + block.SpaceAfter;
                block = result.Rest;
                if (block is not null)
                {
                    page = NewPage(document, ref pages, page);
                    used = 0;
                }
            }
        }
        OnPageEnd?.Invoke(new PageContext(page, Geometry));
        return pages;
    }

    private static bool NextFits(Block next, double width, double height)
    {
        if (height <= 0)
        {
            return false;
        }
        var result = next.Layout(new LayoutSpace(width, height, false));
        return result.Placed is not null;
    }

    private PdfPage NewPage(PdfDocument document, ref int pages, PdfPage? finished = null)
    {
        if (finished is not null)
        {
            OnPageEnd?.Invoke(new PageContext(finished, Geometry));
        }
        var page = document.AddPage(Geometry.Width, Geometry.Height);
        pages++;
        OnPage?.Invoke(new PageContext(page, Geometry));
        return page;
    }
}
