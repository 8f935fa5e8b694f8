using Workflows.Pdf.Graphics;
using Workflows.Pdf.Text;

namespace Workflows.Pdf.Layout;

/// <summary>One cell: a paragraph, optionally spanning several columns, with an optional shading.</summary>
public sealed class TableCell
{
    public TableCell(Paragraph content, int columnSpan = 1)
    {
        Content = content;
        ColumnSpan = Math.Max(1, columnSpan);
    }

    public TableCell(string text, TextStyle style, TextAlignment alignment = TextAlignment.Left, int columnSpan = 1)
        : this(new Paragraph(text, style) { Alignment = alignment, LineHeight = style.Size * 1.4 }, columnSpan)
    {
    }

    public Paragraph Content { get; }
    public int ColumnSpan { get; }
    public PdfColor? Background { get; set; }
}

/// <summary>A row of cells; rows are where a table normally breaks between pages.</summary>
public sealed class TableRow(IReadOnlyList<TableCell> cells)
{
    public IReadOnlyList<TableCell> Cells { get; } = cells;

    /// <summary>The paragraph pieces still to draw when a row taller than a page was split.</summary>
    internal Block?[]? Pending { get; init; }
}

/// <summary>
/// A ruled table. Rows flow across pages and the header rows are drawn again at the top of each
/// page; a single row taller than a whole page (a very long field value) is split between
/// its lines so nothing is ever cut off.
/// </summary>
public sealed class Table : Block
{
    private readonly double[] _weights;
    private readonly int _start;

    public Table(params double[] columnWeights)
    {
        if (columnWeights.Length == 0)
        {
            throw new ArgumentException("A table needs at least one column.", nameof(columnWeights));
        }
        _weights = columnWeights;
    }

    private Table(Table source, int start, List<TableRow> rows) : this(source._weights)
    {
        _start = start;
        HeaderRows = source.HeaderRows;
        Rows = rows;
        CellPadding = source.CellPadding;
        BorderWidth = source.BorderWidth;
        BorderColor = source.BorderColor;
        SpaceAfter = source.SpaceAfter;
    }

    /// <summary>Header rows are the first rows of <see cref="Rows"/>; they repeat on every page.</summary>
    public int HeaderRows { get; set; }
    public List<TableRow> Rows { get; private set; } = [];
    public double CellPadding { get; set; } = 4;
    public double BorderWidth { get; set; } = 0.5;
    public PdfColor BorderColor { get; set; } = PdfColor.Black;

    public Table Add(params TableCell[] cells)
    {
        Rows.Add(new TableRow(cells));
        return this;
    }

    private double[] ColumnWidths(double width)
    {
        var total = _weights.Sum();
        return [.. _weights.Select(w => w / total * width)];
    }

    private double CellWidth(double[] columns, int column, int span)
    {
        double width = 0;
        for (var i = column; i < Math.Min(columns.Length, column + span); i++)
        {
            width += columns[i];
        }
        return width;
    }

    private double RowHeight(TableRow row, double[] columns)
    {
        double height = 0;
        var column = 0;
        for (var c = 0; c < row.Cells.Count; c++)
        {
            var cell = row.Cells[c];
            var content = row.Pending is null ? cell.Content : row.Pending[c];
            var inner = CellWidth(columns, column, cell.ColumnSpan) - 2 * CellPadding;
            if (content is not null)
            {
                height = Math.Max(height, content.Measure(inner));
            }
            column += cell.ColumnSpan;
        }
        return height + 2 * CellPadding;
    }

    public override LayoutResult Layout(LayoutSpace space)
    {
        var columns = ColumnWidths(space.Width);
        var placed = new List<(TableRow Row, Block?[]? Contents, double Height)>();
        double used = 0;
        for (var h = 0; h < HeaderRows && h < Rows.Count; h++)
        {
            var height = RowHeight(Rows[h], columns);
            placed.Add((Rows[h], null, height));
            used += height;
        }
        var headerCount = placed.Count;
        var first = Math.Max(_start, HeaderRows);
        for (var r = first; r < Rows.Count; r++)
        {
            var row = Rows[r];
            var height = RowHeight(row, columns);
            if (used + height <= space.Height + 0.01)
            {
                placed.Add((row, row.Pending, height));
                used += height;
                continue;
            }
            var bodyPlaced = placed.Count - headerCount;
            if (bodyPlaced > 0)
            {
                return Result(placed, columns, r, null);
            }
            if (!space.AtPageTop)
            {
                return LayoutResult.Nothing(this);
            }
            // The row alone is taller than an empty page: split every cell at the same height.
            var (part, partHeight, rest) = SplitRow(row, columns, space.Height - used);
            placed.Add((row, part, partHeight));
            return Result(placed, columns, r, rest);
        }
        return Result(placed, columns, Rows.Count, null);
    }

    private (Block?[] Part, double Height, TableRow Remainder) SplitRow(TableRow row, double[] columns, double available)
    {
        var part = new Block?[row.Cells.Count];
        var rest = new Block?[row.Cells.Count];
        var column = 0;
        double height = 0;
        var inner = Math.Max(available - 2 * CellPadding, 1);
        for (var c = 0; c < row.Cells.Count; c++)
        {
            var cell = row.Cells[c];
            var content = row.Pending is null ? cell.Content : row.Pending[c];
            if (content is not null)
            {
                var result = content.Layout(new LayoutSpace(CellWidth(columns, column, cell.ColumnSpan) - 2 * CellPadding, inner, true));
                part[c] = new PlacedBlock(result.Placed);
                rest[c] = result.Rest;
                height = Math.Max(height, result.Placed?.Height ?? 0);
            }
            column += cell.ColumnSpan;
        }
        return (part, height + 2 * CellPadding, new TableRow(row.Cells) { Pending = rest });
    }

    private LayoutResult Result(List<(TableRow Row, Block?[]? Contents, double Height)> placed, double[] columns, int next, TableRow? splitRest)
    {
        Table? rest = null;
        if (splitRest is not null || next < Rows.Count)
        {
            var rows = Rows;
            var start = next;
            if (splitRest is not null)
            {
                rows = [.. Rows];
                rows[next] = splitRest;
            }
            rest = new Table(this, start, rows);
        }
        var height = placed.Sum(p => p.Height);
        return new LayoutResult(new DrawnFragment(height, (canvas, x, top) => DrawRows(canvas, x, top, placed, columns)), rest);
    }

    private void DrawRows(PdfCanvas canvas, double x, double top, List<(TableRow Row, Block?[]? Contents, double Height)> rows, double[] columns)
    {
        var y = top;
        foreach (var (row, contents, height) in rows)
        {
            var cellX = x;
            var column = 0;
            for (var c = 0; c < row.Cells.Count; c++)
            {
                var cell = row.Cells[c];
                var width = CellWidth(columns, column, cell.ColumnSpan);
                if (cell.Background is { } background)
                {
                    canvas.FillRectangle(cellX, y, width, height, background);
                }
                Block? content = contents is null ? cell.Content : contents[c];
                var placed = content?.Layout(new LayoutSpace(width - 2 * CellPadding, height, true)).Placed;
                placed?.Draw(canvas, cellX + CellPadding, y + CellPadding);
                if (BorderWidth > 0)
                {
                    canvas.StrokeRectangle(cellX, y, width, height, BorderWidth, BorderColor);
                }
                cellX += width;
                column += cell.ColumnSpan;
            }
            y += height;
        }
    }

    /// <summary>A fragment already laid out, standing in for the part of a split cell.</summary>
    private sealed class PlacedBlock(Fragment? fragment) : Block
    {
        public override LayoutResult Layout(LayoutSpace space) =>
            new(fragment ?? new DrawnFragment(0, static (_, _, _) => { }), null);
    }
}
