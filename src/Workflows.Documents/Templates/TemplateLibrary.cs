using System.Reflection;

namespace Workflows.Documents.Templates;

/// <summary>
/// The templates shipped with the product, embedded as JSON. The server stores edited copies
/// (new versions) in its database; these are the starting point and the fallback.
/// </summary>
public static class TemplateLibrary
{
    private const string Prefix = "Workflows.Documents.Templates.";
    private static readonly Lazy<IReadOnlyDictionary<string, DocumentTemplate>> Defaults = new(Load);

    public static IReadOnlyCollection<DocumentTemplate> All => Defaults.Value.Values.ToArray();

    public static DocumentTemplate Get(string id) =>
        Defaults.Value.TryGetValue(id, out var template)
            ? template
            : throw new TemplateException(id, null, $"no such template; shipped templates are {string.Join(", ", Defaults.Value.Keys)}");

    /// <summary>The JSON text of a shipped template, as an administrator would start editing it.</summary>
    public static string Json(string id)
    {
        using var stream = typeof(TemplateLibrary).Assembly.GetManifestResourceStream(Prefix + id + ".json")
            ?? throw new TemplateException(id, null, "no such template");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static IReadOnlyDictionary<string, DocumentTemplate> Load()
    {
        var assembly = typeof(TemplateLibrary).Assembly;
        var templates = new SortedDictionary<string, DocumentTemplate>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal)))
        {
            var id = name[Prefix.Length..^5];
            var template = DocumentTemplate.FromJson(Json(id));
            if (template.Id != id)
            {
                throw new InvalidOperationException($"Embedded template {name} declares id '{template.Id}'.");
            }
            templates[id] = template;
        }
        return templates;
    }
}
