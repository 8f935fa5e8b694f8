using System.Text.Json.Nodes;

namespace Workflows.Forms.RuleSets;

/// <summary>A rule chosen for a submission, with the set it came from.</summary>
public sealed record SelectedRule(Rule Rule, RuleSet From);

/// <summary>The rules that apply to one submission and the parameters they read (most specific value wins).</summary>
public sealed record RuleSelection(IReadOnlyList<SelectedRule> Rules, IReadOnlyDictionary<string, JsonNode?> Parameters, IReadOnlyList<RuleSet> Sets);

/// <summary>
/// Picks the rule sets for a form, a date and the applicant's chain of unit codes (province first,
/// down to the applicant's own unit). National sets apply everywhere; a set keyed by a unit applies
/// to that unit and its descendants. Where two sets define the same rule id (or parameter), the
/// more specific jurisdiction wins; within one jurisdiction the later effective date, then the higher version.
/// </summary>
public static class RuleSetSelector
{
    public static RuleSelection Select(IEnumerable<RuleSet> ruleSets, string formId, DateOnly date, IReadOnlyList<string> unitChain)
    {
        var applicable = ruleSets
            .Where(set => set.AppliesToForm(formId) && set.IsEffectiveOn(date))
            .Select(set => (Set: set, Depth: Depth(set, unitChain)))
            .Where(x => x.Depth is not null)
            .ToList();

        // Of several versions of one set effective on the date, only the latest counts.
        var latest = applicable
            .GroupBy(x => x.Set.Id, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(x => x.Set.Version).First())
            .OrderBy(x => x.Depth)
            .ThenBy(x => x.Set.EffectiveFrom)
            .ThenBy(x => x.Set.Version)
            .ThenBy(x => x.Set.Id, StringComparer.Ordinal)
            .ToList();

        var rules = new Dictionary<string, SelectedRule>(StringComparer.Ordinal);
        var order = new List<string>();
        var parameters = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (set, _) in latest)
        {
            foreach (var (name, value) in set.Parameters)
            {
                parameters[name] = value?.DeepClone();
            }

            foreach (var rule in set.Rules)
            {
                if (!rules.ContainsKey(rule.Id))
                {
                    order.Add(rule.Id);
                }

                rules[rule.Id] = new SelectedRule(rule, set);
            }
        }

        return new RuleSelection(order.Select(id => rules[id]).ToArray(), parameters, latest.Select(x => x.Set).ToArray());
    }

    /// <summary>-1 for national sets, the position in the chain for unit sets, null when the set does not cover the applicant.</summary>
    private static int? Depth(RuleSet set, IReadOnlyList<string> unitChain)
    {
        if (set.IsNational)
        {
            return -1;
        }

        for (var i = 0; i < unitChain.Count; i++)
        {
            if (string.Equals(unitChain[i], set.Jurisdiction, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return null;
    }
}
