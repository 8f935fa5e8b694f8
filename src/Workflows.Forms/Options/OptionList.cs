using System.Text.Json.Nodes;
using Workflows.Forms.Schema;

namespace Workflows.Forms.Options;

/// <summary>One entry of a shared option list: the stored value and its labels in both languages.</summary>
public sealed record OptionEntry(string Value, string LabelZh, string LabelEn)
{
    /// <summary>As form-js options: the value and the zh-CN label (the UI language).</summary>
    public FormOption ToFormOption() => new(JsonValue.Create(Value), LabelZh);
}

/// <summary>A named list of options that forms refer to by <c>valuesKey</c>.</summary>
public sealed record OptionList(string Name, string TitleZh, string TitleEn, IReadOnlyList<OptionEntry> Entries)
{
    public bool Contains(string value) => Entries.Any(e => string.Equals(e.Value, value, StringComparison.Ordinal));

    public IReadOnlyList<FormOption> ToFormOptions() => Entries.Select(e => e.ToFormOption()).ToArray();

    /// <summary>The list as form-js expects it in the form's initial data under the valuesKey.</summary>
    public JsonArray ToFormJsValues() => new(Entries.Select(e => (JsonNode)new JsonObject { ["value"] = e.Value, ["label"] = e.LabelZh }).ToArray());
}

/// <summary>
/// Option lists known on the server, looked up by the name a form gives in <c>valuesKey</c>.
/// The server passes its own implementation to add lists that depend on the applicant (e.g. the unit chain).
/// </summary>
public interface IOptionLists
{
    /// <summary>The list with this name, or null when there is none.</summary>
    OptionList? Find(string name);
}
