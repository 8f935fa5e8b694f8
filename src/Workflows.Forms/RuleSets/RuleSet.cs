using System.Text.Json.Nodes;
using Workflows.Forms.Text;

namespace Workflows.Forms.RuleSets;

/// <summary>
/// The normative weight of a rule (DOMAIN.md §0.3): binding rules block; targets, recommendations
/// and local practice warn unless an administrator raises them to errors.
/// </summary>
public enum RuleKind
{
    Binding,
    Target,
    Recommendation,
    LocalPractice,
}

/// <summary>Where a rule comes from: the seed file, a verbatim quote, and the DOMAIN.md section that cites it.</summary>
public sealed record Citation(string Seed, string Quote, string Section);

/// <summary>
/// One rule: when <see cref="When"/> holds (or is absent), <see cref="Condition"/> must hold.
/// Both are FEEL over the submission data plus <c>parameters</c> (the rule set's parameters) and
/// <c>ruleDate</c> (the date the rules are applied for).
/// </summary>
public sealed record Rule(
    string Id,
    RuleKind Kind,
    string Condition,
    string? When,
    Bilingual Message,
    string? Field,
    Citation Citation,
    bool RaisedToError = false,
    DateOnly? ErrorFrom = null);

/// <summary>
/// A versioned set of rules for one jurisdiction (a unit code, applying to that unit and its
/// descendants; none means national), for some forms, over an effective date range (inclusive).
/// </summary>
public sealed record RuleSet(
    string Id,
    int Version,
    Bilingual Title,
    string? Jurisdiction,
    string? JurisdictionName,
    IReadOnlyList<string> Forms,
    DateOnly EffectiveFrom,
    DateOnly? EffectiveTo,
    IReadOnlyDictionary<string, JsonNode?> Parameters,
    IReadOnlyList<Rule> Rules)
{
    public bool IsNational => string.IsNullOrEmpty(Jurisdiction);

    public bool IsEffectiveOn(DateOnly date) => date >= EffectiveFrom && (EffectiveTo is null || date <= EffectiveTo);

    /// <summary>An empty form list means the set applies to every form.</summary>
    public bool AppliesToForm(string formId) => Forms.Count == 0 || Forms.Contains(formId, StringComparer.Ordinal);
}
