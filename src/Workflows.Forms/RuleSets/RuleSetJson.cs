using System.Globalization;
using System.Text.Json.Nodes;
using Workflows.Forms.Text;

namespace Workflows.Forms.RuleSets;

/// <summary>Writes a rule set back to the JSON the loader reads, so the server can store and edit sets as documents.</summary>
public static class RuleSetJson
{
    public static JsonObject ToJson(RuleSet set)
    {
        var json = new JsonObject
        {
            ["id"] = set.Id,
            ["version"] = set.Version,
            ["title"] = Text(set.Title),
        };
        if (set.Jurisdiction is not null)
        {
            json["jurisdiction"] = set.Jurisdiction;
        }

        if (set.JurisdictionName is not null)
        {
            json["jurisdictionName"] = set.JurisdictionName;
        }

        if (set.Forms.Count > 0)
        {
            json["forms"] = new JsonArray(set.Forms.Select(f => (JsonNode)JsonValue.Create(f)).ToArray());
        }

        json["effectiveFrom"] = Date(set.EffectiveFrom);
        if (set.EffectiveTo is { } to)
        {
            json["effectiveTo"] = Date(to);
        }

        if (set.Parameters.Count > 0)
        {
            var parameters = new JsonObject();
            foreach (var (name, value) in set.Parameters)
            {
                parameters[name] = value?.DeepClone();
            }

            json["parameters"] = parameters;
        }

        json["rules"] = new JsonArray(set.Rules.Select(r => (JsonNode)Rule(r)).ToArray());
        return json;
    }

    private static JsonObject Rule(Rule rule)
    {
        var json = new JsonObject
        {
            ["id"] = rule.Id,
            ["kind"] = rule.Kind switch
            {
                RuleKind.Binding => "binding",
                RuleKind.Target => "target",
                RuleKind.Recommendation => "recommendation",
                _ => "localPractice",
            },
        };
        if (rule.RaisedToError)
        {
            json["raisedToError"] = true;
        }

        if (rule.ErrorFrom is { } from)
        {
            json["errorFrom"] = Date(from);
        }

        if (rule.Field is not null)
        {
            json["field"] = rule.Field;
        }

        if (rule.When is not null)
        {
            json["when"] = rule.When;
        }

        json["condition"] = rule.Condition;
        json["message"] = Text(rule.Message);
        json["citation"] = new JsonObject { ["seed"] = rule.Citation.Seed, ["quote"] = rule.Citation.Quote, ["section"] = rule.Citation.Section };
        return json;
    }

    private static JsonObject Text(Bilingual text) => new() { ["zh"] = text.Zh, ["en"] = text.En };

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
