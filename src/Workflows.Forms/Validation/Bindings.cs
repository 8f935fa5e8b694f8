using Workflows.Forms.Schema;

namespace Workflows.Forms.Validation;

/// <summary>
/// Which data keys a scope (the form, or one row of a dynamic list) may hold: a trie of key segments
/// built from keys and group paths, ending at an input field or at a repeating list with its own row scope.
/// </summary>
internal sealed class BindingScope
{
    private BindingScope()
    {
    }

    public Dictionary<string, Binding> Children { get; } = new(StringComparer.Ordinal);

    public static BindingScope For(FormComponent scopeRoot)
    {
        var scope = new BindingScope();
        Add(scope, scopeRoot.Components, []);
        return scope;
    }

    private static void Add(BindingScope scope, IEnumerable<FormComponent> components, IReadOnlyList<string> prefix)
    {
        foreach (var component in components)
        {
            if (component.Kind is null)
            {
                continue;
            }

            if (component.IsKeyed)
            {
                if (!string.IsNullOrEmpty(component.Key))
                {
                    Leaf(scope, [.. prefix, .. component.OwnSegments]).Field ??= component;
                }
            }
            else if (component.IsRepeatingList)
            {
                if (!string.IsNullOrEmpty(component.Path))
                {
                    var binding = Leaf(scope, [.. prefix, .. component.OwnSegments]);
                    binding.List ??= component;
                    binding.RowScope ??= For(component);
                }
            }
            else
            {
                Add(scope, component.Components, [.. prefix, .. component.OwnSegments]);
            }
        }
    }

    private static Binding Leaf(BindingScope scope, IReadOnlyList<string> segments)
    {
        var current = scope;
        Binding? binding = null;
        for (var i = 0; i < segments.Count; i++)
        {
            if (!current.Children.TryGetValue(segments[i], out binding))
            {
                binding = new Binding();
                current.Children[segments[i]] = binding;
            }

            if (i < segments.Count - 1)
            {
                binding.Nested ??= new BindingScope();
                current = binding.Nested;
            }
        }

        return binding!;
    }
}

internal sealed class Binding
{
    /// <summary>The input field bound here, if any.</summary>
    public FormComponent? Field { get; set; }

    /// <summary>The repeating dynamic list bound here, if any.</summary>
    public FormComponent? List { get; set; }

    public BindingScope? RowScope { get; set; }

    /// <summary>Deeper keys (from a group path or a dotted key).</summary>
    public BindingScope? Nested { get; set; }
}
