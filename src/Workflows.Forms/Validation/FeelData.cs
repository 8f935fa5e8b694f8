using System.Text.Json.Nodes;
using Workflows.Expressions;

namespace Workflows.Forms.Validation;

/// <summary>
/// JSON data as FEEL values, converted once per node (by reference) while one pass over the form
/// lasts, and the contexts form-js builds around them.
/// </summary>
internal sealed class FeelData
{
    private readonly Dictionary<JsonNode, FeelValue> converted = new(ReferenceEqualityComparer.Instance);

    public FeelValue Of(JsonNode? node)
    {
        if (node is null)
        {
            return FeelValue.Null;
        }

        if (!converted.TryGetValue(node, out var value))
        {
            value = FeelValue.FromObject(node);
            converted[node] = value;
        }

        return value;
    }

    public static FeelList Indexes(IReadOnlyList<int> oneBased) =>
        new(oneBased.Select(i => (FeelValue)new FeelNumber(i)).ToArray());

    /// <summary>
    /// form-js's buildExpressionContext: the special keys (this, parent, i), then the data's entries
    /// (which win over the special keys), then the special keys again as <c>_this_</c>, <c>_parent_</c>, <c>_i_</c>.
    /// </summary>
    public static FeelContextValue Context(FeelValue @this, FeelValue parent, FeelValue i, FeelValue data)
    {
        var entries = new List<KeyValuePair<string, FeelValue>>
        {
            new("this", @this),
            new("parent", parent),
            new("i", i),
        };
        if (data is FeelContextValue context)
        {
            entries.AddRange(context.Entries);
        }

        entries.Add(new("_this_", @this));
        entries.Add(new("_parent_", parent));
        entries.Add(new("_i_", i));
        return new FeelContextValue(entries);
    }

    /// <summary>Whether a hide condition holds: feelin's unaryTest with no input value, true only for a clean true.</summary>
    public static bool IsHidden(string? hide, FeelContextValue context, DateTimeOffset now)
    {
        if (hide is null || !hide.StartsWith('='))
        {
            return false;
        }

        var compiled = Feel.CompileUnaryTests(hide[1..]);
        if (!compiled.Succeeded)
        {
            return false;
        }

        var result = compiled.Expression!.Evaluate(FeelContext.FromValue(context, now).WithInputValue(FeelValue.Null));
        return result.Succeeded && result.Value.IsTrue;
    }

    /// <summary>Evaluates a '='-prefixed expression as form-js's expression language does; null when it fails.</summary>
    public static FeelValue? Evaluate(string expression, FeelContextValue context, DateTimeOffset now, out Expressions.FeelError? error)
    {
        error = null;
        var compiled = Feel.Compile(expression);
        if (!compiled.Succeeded)
        {
            error = compiled.Error;
            return null;
        }

        var result = compiled.Expression!.Evaluate(FeelContext.FromValue(context, now));
        error = result.Error;
        return result.Succeeded ? result.Value : null;
    }
}
