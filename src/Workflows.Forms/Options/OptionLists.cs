using System.Reflection;
using System.Text.Json;

namespace Workflows.Forms.Options;

/// <summary>
/// A small registry of option lists: the shared lists shipped with the product (facility kinds,
/// training kinds, requirement areas, community classes, project kinds, worker roles) plus any the
/// server adds. Later registrations with the same name replace earlier ones.
/// </summary>
public sealed class OptionLists : IOptionLists
{
    private static readonly Lazy<IReadOnlyList<OptionList>> Shipped = new(LoadShipped);

    private readonly Dictionary<string, OptionList> lists = new(StringComparer.Ordinal);
    private readonly List<IOptionLists> fallbacks = [];

    /// <summary>A registry holding the shipped shared lists.</summary>
    public static OptionLists Shared()
    {
        var registry = new OptionLists();
        foreach (var list in Shipped.Value)
        {
            registry.Add(list);
        }

        return registry;
    }

    /// <summary>The shipped lists, read from the embedded data file.</summary>
    public static IReadOnlyList<OptionList> ShippedLists => Shipped.Value;

    public OptionLists Add(OptionList list)
    {
        lists[list.Name] = list;
        return this;
    }

    /// <summary>Consults another source (e.g. the applicant's unit chain) for names not registered here.</summary>
    public OptionLists AddSource(IOptionLists source)
    {
        fallbacks.Add(source);
        return this;
    }

    public IReadOnlyCollection<string> Names => lists.Keys;

    /// <summary>
    /// The option lists a form names by <c>valuesKey</c>, keyed as form-js reads them from the data
    /// the form is opened with. Give the same object to the viewer and to the validator
    /// (<c>SubmissionOptions.InitialData</c>) so both evaluate in the same context.
    /// </summary>
    public static System.Text.Json.Nodes.JsonObject InitialDataFor(Schema.FormDefinition form, IOptionLists lists)
    {
        var data = new System.Text.Json.Nodes.JsonObject();
        foreach (var key in form.AllComponents.Select(c => c.ValuesKey).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (lists.Find(key) is { } list)
            {
                data[key] = list.ToFormJsValues();
            }
        }

        return data;
    }

    public OptionList? Find(string name)
    {
        if (lists.TryGetValue(name, out var list))
        {
            return list;
        }

        foreach (var source in fallbacks)
        {
            if (source.Find(name) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private static IReadOnlyList<OptionList> LoadShipped()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Workflows.Forms.Options.shared-option-lists.json")
            ?? throw new InvalidOperationException("the shared option lists are missing from the assembly");
        using var document = JsonDocument.Parse(stream);
        var result = new List<OptionList>();
        foreach (var list in document.RootElement.GetProperty("lists").EnumerateArray())
        {
            var entries = list.GetProperty("entries").EnumerateArray()
                .Select(e => new OptionEntry(e.GetProperty("value").GetString()!, e.GetProperty("zh").GetString()!, e.GetProperty("en").GetString()!))
                .ToArray();
            result.Add(new OptionList(list.GetProperty("name").GetString()!, list.GetProperty("zh").GetString()!, list.GetProperty("en").GetString()!, entries));
        }

        return result;
    }
}
