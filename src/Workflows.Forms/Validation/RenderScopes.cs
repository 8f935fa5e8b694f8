using System.Text.Json.Nodes;
using Workflows.Expressions;

namespace Workflows.Forms.Validation;

/// <summary>
/// The contexts form-js's viewer evaluates computed fields, validation limits and option
/// expressions in: the form data with hidden values removed, shallow-merged over the data the form
/// was opened with; inside a row, <c>this</c> is the row, <c>parent</c> the enclosing scope (its
/// fields plus its own this/parent/i) and <c>i</c> the 1-based row numbers.
/// </summary>
internal sealed class RenderScopes
{
    private readonly JsonObject stateData;
    private readonly FeelData feel = new();
    private readonly Level top;

    public RenderScopes(JsonObject stateData, JsonObject filteredData)
    {
        this.stateData = stateData;
        var data = feel.Of(filteredData);
        top = new Level(data, data, FeelValue.Null, []);
    }

    public FeelContextValue For(IReadOnlyList<RowStep> rows)
    {
        var level = top;
        foreach (var row in rows)
        {
            var parent = FeelData.Context(level.This, level.Parent, FeelData.Indexes(level.OneBased), level.This);
            level = new Level(level.Data, feel.Of(row.RowPath.Get(stateData)), parent, [.. level.OneBased, row.Index + 1]);
        }

        return FeelData.Context(level.This, level.Parent, FeelData.Indexes(level.OneBased), level.Data);
    }

    private sealed record Level(FeelValue Data, FeelValue This, FeelValue Parent, IReadOnlyList<int> OneBased);
}
