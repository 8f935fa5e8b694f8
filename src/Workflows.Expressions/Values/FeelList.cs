using System.Text.Json.Nodes;

namespace Workflows.Expressions;

public sealed class FeelList : FeelValue
{
    internal static readonly FeelList Empty = new([]);

    public FeelList(IReadOnlyList<FeelValue> items) => Items = items;

    public IReadOnlyList<FeelValue> Items { get; }
    public int Count => Items.Count;
    public override string TypeName => "list";

    public override JsonNode? ToJson()
    {
        var array = new JsonArray();
        foreach (var item in Items)
        {
            array.Add(item.ToJson());
        }

        return array;
    }
}

/// <summary>A range such as [1..10] or (a..b]; an open end is null (as in "&gt; 5").</summary>
public sealed class FeelRange : FeelValue
{
    public FeelRange(FeelValue start, bool startIncluded, FeelValue end, bool endIncluded)
    {
        Start = start;
        StartIncluded = startIncluded;
        End = end;
        EndIncluded = endIncluded;
    }

    public FeelValue Start { get; }
    public bool StartIncluded { get; }
    public FeelValue End { get; }
    public bool EndIncluded { get; }
    public override string TypeName => "range";
    public override JsonNode? ToJson() => JsonValue.Create(ValueText.Format(this));
}
