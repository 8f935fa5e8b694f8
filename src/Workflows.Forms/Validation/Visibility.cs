using System.Text.Json.Nodes;
using Workflows.Expressions;
using Workflows.Forms.Schema;

namespace Workflows.Forms.Validation;

/// <summary>One row of a dynamic list that an instance sits in.</summary>
internal sealed record RowStep(FormComponent List, int Index, DataPath RowPath);

/// <summary>An input field (or a dynamic list) at one place in the data: inside which rows, at which path.</summary>
internal sealed record FieldInstance(FormComponent Field, DataPath Path, IReadOnlyList<RowStep> Rows);

/// <summary>The outcome of the visibility walk: the visible input fields, and the paths to clear, in order.</summary>
internal sealed record VisibilityResult(IReadOnlyList<FieldInstance> Visible, IReadOnlyList<DataPath> Hidden)
{
    /// <summary>A copy of <paramref name="data"/> without the hidden values (form-js's applyConditions).</summary>
    public JsonObject Filter(JsonObject data)
    {
        var copy = (JsonObject)data.DeepClone();
        foreach (var path in Hidden)
        {
            path.RemoveAndPrune(copy);
        }

        return copy;
    }
}

/// <summary>
/// Decides which components are hidden the way form-js's ConditionChecker does at submit time:
/// <c>conditional.hide</c> is a unary test (feelin's <c>unaryTest</c> with no input) over the form
/// data; a hidden group hides its children; inside a dynamic list row, <c>this</c> is the row,
/// <c>parent</c> the enclosing scope's data and <c>i</c> the 1-based row numbers, while bare names
/// still refer to the whole form's data.
/// </summary>
internal sealed class Visibility
{
    private readonly JsonObject contextData;
    private readonly DateTimeOffset now;
    private readonly FeelData feel = new();
    private readonly List<FieldInstance> visible = [];
    private readonly List<DataPath> hidden = [];
    private readonly FeelValue root;

    private Visibility(JsonObject contextData, DateTimeOffset now)
    {
        this.contextData = contextData;
        this.now = now;
        root = feel.Of(contextData);
    }

    public static VisibilityResult Walk(FormDefinition form, JsonObject contextData, DateTimeOffset now)
    {
        var walker = new Visibility(contextData, now);
        var scope = new Scope(DataPath.Root, [], [], walker.root, FeelValue.Null);
        foreach (var component in form.Root.Components)
        {
            walker.Visit(component, scope, inheritedHidden: false);
        }

        return new VisibilityResult(walker.visible, walker.hidden);
    }

    /// <summary>The segments from the enclosing scope (form or row) down to the component's own key or path.</summary>
    public static IReadOnlyList<string> RelativeSegments(FormComponent component)
    {
        var segments = new List<string>(component.OwnSegments);
        for (var parent = component.Parent; parent is not null && parent.Parent is not null && !parent.IsRepeatingList; parent = parent.Parent)
        {
            segments.InsertRange(0, parent.OwnSegments);
        }

        return segments;
    }

    private void Visit(FormComponent component, Scope scope, bool inheritedHidden)
    {
        if (component.Kind is null)
        {
            return;
        }

        var isClosed = component.IsKeyed;
        var isPathed = component.Kind.Pathed;
        if (!isClosed && !isPathed)
        {
            foreach (var child in component.Components)
            {
                Visit(child, scope, inheritedHidden);
            }

            return;
        }

        var path = scope.Base.Keys(RelativeSegments(component));
        var isHidden = inheritedHidden || (component.Hide is not null && FeelData.IsHidden(component.Hide, Context(scope), now));

        if (isClosed)
        {
            if (isHidden)
            {
                hidden.Add(path);
            }
            else
            {
                visible.Add(new FieldInstance(component, path, scope.Rows));
            }

            return;
        }

        if (component.IsRepeatingList)
        {
            if (isHidden)
            {
                hidden.Add(path);
                return;
            }

            visible.Add(new FieldInstance(component, path, scope.Rows));
            if (path.Get(contextData) is not JsonArray rows || rows.Count == 0)
            {
                return;
            }

            for (var i = 0; i < rows.Count; i++)
            {
                var rowPath = path.Index(i);
                var row = new Scope(rowPath, [.. scope.Rows, new RowStep(component, i, rowPath)], [.. scope.OneBased, i + 1], feel.Of(rows[i]), scope.ScopeData);
                foreach (var child in component.Components)
                {
                    Visit(child, row, inheritedHidden: false);
                }
            }

            return;
        }

        foreach (var child in component.Components)
        {
            Visit(child, scope, isHidden);
        }
    }

    private FeelContextValue Context(Scope scope) =>
        FeelData.Context(scope.ScopeData, scope.ParentScopeData, FeelData.Indexes(scope.OneBased), root);

    private sealed record Scope(DataPath Base, IReadOnlyList<RowStep> Rows, IReadOnlyList<int> OneBased, FeelValue ScopeData, FeelValue ParentScopeData);
}
