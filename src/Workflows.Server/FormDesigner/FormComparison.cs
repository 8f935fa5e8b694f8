using System.Text.Json.Nodes;
using Workflows.Forms.Schema;

namespace Workflows.Server.FormDesigner;

/// <summary>One property of a component that differs between two versions, as compact JSON (null when absent).</summary>
public sealed record PropertyChange(string Property, string? From, string? To);

/// <summary>A component as the comparison names it: by key (or path, or id for components without a key), with its label and type.</summary>
public sealed record ComparedField(string Name, string? Label, string Type, string Location);

public sealed record ChangedField(string Name, string? Label, string Type, string Location, IReadOnlyList<PropertyChange> Changes);

/// <summary>What changed from one schema to another, field by field.</summary>
public sealed record FormDifference(string From, string To, IReadOnlyList<ComparedField> Added, IReadOnlyList<ComparedField> Removed, IReadOnlyList<ChangedField> Changed)
{
    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0;
}

/// <summary>
/// Compares two form schemas by field key: a field is the same field in both when its key is the same
/// (groups and lists by path, texts and buttons by id, since form-js keeps ids when a schema is edited).
/// The <c>id</c> itself, the nesting and the editor's generated layout rows are not changes; every other
/// property is compared as JSON.
/// </summary>
public static class FormComparison
{
    private const int MaxValueChars = 300;

    public static FormDifference Compare(FormDefinition from, FormDefinition to, string fromName, string toName)
    {
        var before = Index(from);
        var after = Index(to);
        var added = after.Where(a => !before.ContainsKey(a.Key)).Select(a => Field(a.Key, a.Value)).ToList();
        var removed = before.Where(b => !after.ContainsKey(b.Key)).Select(b => Field(b.Key, b.Value)).ToList();
        var changed = new List<ChangedField>();
        foreach (var (name, component) in after)
        {
            if (before.TryGetValue(name, out var old) && Changes(old.Raw, component.Raw) is { Count: > 0 } changes)
            {
                changed.Add(new ChangedField(name, component.Label ?? old.Label, component.Type, component.Location, changes));
            }
        }
        return new FormDifference(fromName, toName, added, removed, changed);
    }

    private static ComparedField Field(string name, FormComponent component) => new(name, component.Label, component.Type, component.Location);

    /// <summary>Components by the name they are compared under, in document order; a name met twice keeps the first.</summary>
    private static Dictionary<string, FormComponent> Index(FormDefinition definition)
    {
        var index = new Dictionary<string, FormComponent>(StringComparer.Ordinal);
        foreach (var component in definition.AllComponents)
        {
            index.TryAdd(NameOf(component), component);
        }
        return index;
    }

    public static string NameOf(FormComponent component) =>
        !string.IsNullOrEmpty(component.Key) && component.IsKeyed ? component.Key!
        : !string.IsNullOrEmpty(component.Path) ? component.Path!
        : component.Id ?? component.Location;

    private static List<PropertyChange> Changes(JsonObject before, JsonObject after)
    {
        var changes = new List<PropertyChange>();
        var names = before.Select(p => p.Key).Concat(after.Select(p => p.Key)).Where(n => n is not ("id" or "components")).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var old = name == "layout" ? WithoutRow(before[name]) : before[name];
            var now = name == "layout" ? WithoutRow(after[name]) : after[name];
            if (!JsonNode.DeepEquals(old, now))
            {
                changes.Add(new PropertyChange(name, Show(old), Show(now)));
            }
        }
        return changes;
    }

    /// <summary>
    /// The layout without its row id: the editor gives every component a generated row when it saves
    /// (<c>"layout": {"row": "Row_0abc"}</c>), which says nothing about the field; columns do.
    /// </summary>
    private static JsonNode? WithoutRow(JsonNode? layout)
    {
        if (layout is not JsonObject obj)
        {
            return layout;
        }
        var copy = (JsonObject)obj.DeepClone();
        copy.Remove("row");
        return copy.Count == 0 ? null : copy;
    }

    private static string? Show(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }
        var text = node is JsonValue value && value.TryGetValue<string>(out var s) ? s : node.ToJsonString();
        return text.Length <= MaxValueChars ? text : text[..MaxValueChars] + "…";
    }
}
