namespace Workflows.Forms.Schema;

/// <summary>Data paths of components, the way form-js's path registry builds them from keys and group/list paths.</summary>
public static class FieldPaths
{
    /// <summary>
    /// The path a component binds, with <c>[]</c> after each repeating list it sits in,
    /// e.g. <c>facilities[].area</c>; empty for components that bind nothing themselves.
    /// </summary>
    public static string SchemaPath(FormComponent component)
    {
        var parts = new List<string>();
        var chain = new List<FormComponent>();
        for (var c = component; c is not null && c.Parent is not null; c = c.Parent)
        {
            chain.Add(c);
        }

        chain.Reverse();
        foreach (var c in chain)
        {
            var own = c.OwnSegments;
            if (own.Count > 0)
            {
                parts.Add(string.Join('.', own));
            }

            if (c.IsRepeatingList && c != component)
            {
                if (parts.Count == 0)
                {
                    parts.Add("");
                }

                parts[^1] += "[]";
            }
        }

        return string.Join('.', parts);
    }

    /// <summary>Appends a key or index to a display path: <c>facilities[2].area</c>.</summary>
    public static string Join(string prefix, string segment) => prefix.Length == 0 ? segment : prefix + "." + segment;

    public static string Index(string prefix, int index) => prefix + "[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
}
