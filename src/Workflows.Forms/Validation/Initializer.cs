using System.Text.Json.Nodes;
using Workflows.Forms.Schema;

namespace Workflows.Forms.Validation;

/// <summary>
/// Fills in what form-js fills in when a form opens: every input without a value gets its
/// <c>defaultValue</c> or its type's empty value ('' for text, false for a checkbox, [] for a
/// checklist, null otherwise), and every row of a dynamic list is an object.
/// </summary>
internal static class Initializer
{
    /// <param name="defaultRows">
    /// True when opening a form (an absent list gets <c>defaultRepetitions</c> rows, 1 unless set);
    /// false for submitted data, where an absent list means the applicant removed every row.
    /// </param>
    public static void Initialize(FormDefinition form, JsonObject data, bool defaultRows)
    {
        InitializeScope(form.Root.Components, data, DataPath.Root, defaultRows);
    }

    private static void InitializeScope(IEnumerable<FormComponent> components, JsonObject data, DataPath scopeBase, bool defaultRows)
    {
        foreach (var component in components)
        {
            if (component.Kind is null)
            {
                continue;
            }

            if (component.IsKeyed)
            {
                if (string.IsNullOrEmpty(component.Key))
                {
                    continue;
                }

                var path = scopeBase.Keys(Visibility.RelativeSegments(component));
                if (!path.Exists(data))
                {
                    var initial = component.Raw.ContainsKey("defaultValue") ? component.Raw["defaultValue"]?.DeepClone() : component.Kind.EmptyValue?.Invoke();
                    path.Set(data, initial);
                }

                continue;
            }

            if (component.IsRepeatingList)
            {
                if (string.IsNullOrEmpty(component.Path))
                {
                    continue;
                }

                var path = scopeBase.Keys(Visibility.RelativeSegments(component));
                if (path.Get(data) is not JsonArray rows)
                {
                    rows = new JsonArray();
                    var count = defaultRows ? (int)Math.Clamp(FormComponent.Number(component.Raw["defaultRepetitions"]) ?? 1, 0m, 100m) : 0;
                    for (var i = 0; i < count; i++)
                    {
                        rows.Add(new JsonObject());
                    }

                    path.Set(data, rows);
                }

                for (var i = 0; i < rows.Count; i++)
                {
                    if (rows[i] is not JsonObject)
                    {
                        rows[i] = new JsonObject();
                    }

                    InitializeScope(component.Components, data, path.Index(i), defaultRows);
                }

                continue;
            }

            InitializeScope(component.Components, data, scopeBase, defaultRows);
        }
    }

    /// <summary>
    /// The values the browser submits: every enabled input at its path, over every row of every
    /// list (form-js's _getSubmitData, before hidden values are cleared).
    /// </summary>
    public static JsonObject Collect(FormDefinition form, JsonObject state)
    {
        var submit = new JsonObject();
        CollectScope(form.Root.Components, state, submit, DataPath.Root);
        return submit;
    }

    private static void CollectScope(IEnumerable<FormComponent> components, JsonObject state, JsonObject submit, DataPath scopeBase)
    {
        foreach (var component in components)
        {
            if (component.Kind is null)
            {
                continue;
            }

            if (component.IsKeyed)
            {
                var path = scopeBase.Keys(Visibility.RelativeSegments(component));
                if (!component.Disabled && !string.IsNullOrEmpty(component.Key) && path.Exists(state))
                {
                    path.Set(submit, path.Get(state)?.DeepClone());
                }

                continue;
            }

            if (component.IsRepeatingList)
            {
                var path = scopeBase.Keys(Visibility.RelativeSegments(component));
                if (path.Get(state) is JsonArray rows)
                {
                    for (var i = 0; i < rows.Count; i++)
                    {
                        CollectScope(component.Components, state, submit, path.Index(i));
                    }
                }

                continue;
            }

            CollectScope(component.Components, state, submit, scopeBase);
        }
    }
}
