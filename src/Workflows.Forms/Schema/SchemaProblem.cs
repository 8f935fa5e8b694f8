namespace Workflows.Forms.Schema;

/// <summary>One problem found in a form definition, naming the component by id, key, label and place in the tree.</summary>
/// <param name="Code">Stable code, e.g. <c>SCHEMA_DUPLICATE_KEY</c>.</param>
/// <param name="Location">Where in the JSON the component sits, e.g. <c>components[3].components[0]</c>.</param>
public sealed record SchemaProblem(
    Severity Severity,
    string Code,
    string? ComponentId,
    string? Key,
    string? Label,
    string Location,
    string MessageZh,
    string MessageEn)
{
    public override string ToString() => $"{Severity} {Code} at {Location}: {MessageEn}";
}
