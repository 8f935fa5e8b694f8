using System.Text.Json.Nodes;
using Workflows.Forms.RuleSets;
using Workflows.Forms.Schema;
using Workflows.Forms.Tests.Support;
using Workflows.Forms.Validation;

namespace Workflows.Forms.Tests.RuleSets;

public class RuleSetTests
{
    private static readonly string[] Heilongjiang = ["230000", "231200", "231282", "231282001", "231282001001"];
    private static readonly string[] Jilin = ["220000", "220100", "220102", "220102001", "220102001001"];
    private static readonly string[] Liaoning = ["210000", "210100", "210103"];

    private static IReadOnlyList<RuleSet> Shipped()
    {
        var (sets, problems) = RuleSetLoader.LoadDirectory(Repository.RuleSetsFolder);
        Assert.Empty(problems);
        return sets;
    }

    private static JsonObject Facility(string communityType, string? communityClass, decimal premises, JsonObject? extra = null)
    {
        var data = new JsonObject
        {
            ["community_type"] = communityType,
            ["community_class"] = communityClass,
            ["planned_premises_m2"] = premises,
            ["facility_kind"] = "office_and_service_premises",
            ["is_developer_provided"] = false,
        };
        foreach (var (key, value) in extra ?? [])
        {
            data[key] = value?.DeepClone();
        }

        return data;
    }

    private static RuleReport Apply(string form, JsonObject data, DateOnly date, IReadOnlyList<string> chain) =>
        RuleEvaluator.Evaluate(RuleSetSelector.Select(Shipped(), form, date, chain), data, date);

    [Fact]
    public void The_shipped_rule_sets_load_without_problems_and_cite_their_sources()
    {
        var sets = Shipped();

        Assert.Equal(new[] { "heilongjiang", "jilin", "national" }, sets.Select(s => s.Id).Order().ToArray());
        Assert.All(sets.SelectMany(s => s.Rules), rule =>
        {
            Assert.Matches("^00[0-4]_[0-9a-f]{16}\\.txt$", rule.Citation.Seed);
            Assert.StartsWith("DOMAIN.md §", rule.Citation.Section);
            Assert.NotEmpty(rule.Citation.Quote);
        });
    }

    [Fact]
    public void The_same_premises_pass_in_Heilongjiang_and_fall_short_in_Jilin()
    {
        var data = Facility("urban", "ordinary", 450);
        var date = new DateOnly(2014, 6, 1);

        var heilongjiang = Apply("facility-application", data, date, Heilongjiang);
        var jilin = Apply("facility-application", data, date, Jilin);

        Assert.Empty(heilongjiang.Warnings);
        Assert.Contains(heilongjiang.Outcomes, o => o.Selected.Rule.Id == "HLJ-A2-ordinary-premises" && o.Status == RuleStatus.Passed);
        var warning = Assert.Single(jilin.Warnings);
        Assert.Equal("RULE_JL-A6-urban-premises-500", warning.Code);
        Assert.Equal("planned_premises_m2", warning.Path);
        Assert.Contains("500", warning.MessageZh);
        Assert.Contains("003_a57e6ec8abfa6468.txt", warning.MessageEn);
        Assert.DoesNotContain(jilin.Outcomes, o => o.Selected.From.Id == "heilongjiang");
    }

    [Fact]
    public void A_Jilin_target_with_a_deadline_becomes_an_error_after_2015()
    {
        var data = Facility("urban", null, 450);

        Assert.Single(Apply("facility-application", data, new DateOnly(2015, 12, 31), Jilin).Warnings);
        Assert.Equal("RULE_JL-A6-urban-premises-500", Assert.Single(Apply("facility-application", data, new DateOnly(2016, 1, 1), Jilin).Errors).Code);
    }

    [Theory]
    [InlineData("central", 500, "HLJ-A1-central-premises")]
    [InlineData("central", 1200, "HLJ-A1-central-premises")]
    [InlineData("ordinary", 250, "HLJ-A2-ordinary-premises")]
    [InlineData("small", 199, "HLJ-A3-small-premises")]
    public void Heilongjiang_premises_follow_the_community_class(string communityClass, int premises, string failing)
    {
        var report = Apply("facility-application", Facility("urban", communityClass, premises), new DateOnly(2012, 1, 1), Heilongjiang);

        Assert.Contains(report.Warnings, w => w.Code == "RULE_" + failing);
        Assert.Empty(report.Errors);
    }

    [Fact]
    public void A_small_community_of_200_square_metres_meets_the_standard_read_as_square_metres()
    {
        var report = Apply("facility-application", Facility("rural", "small", 200), new DateOnly(2012, 1, 1), Heilongjiang);

        Assert.Contains(report.Outcomes, o => o.Selected.Rule.Id == "HLJ-A3-small-premises" && o.Status == RuleStatus.Passed);
    }

    [Fact]
    public void A_province_without_rules_gets_only_the_national_defaults()
    {
        var selection = RuleSetSelector.Select(Shipped(), "facility-application", new DateOnly(2012, 1, 1), Liaoning);

        Assert.Equal(new[] { "national" }, selection.Sets.Select(s => s.Id).ToArray());
    }

    [Fact]
    public void Developer_premises_below_three_per_mille_are_an_error()
    {
        var data = Facility("urban", null, 450, new JsonObject
        {
            ["is_developer_provided"] = true,
            ["developer"] = new JsonObject { ["total_construction_area_m2"] = 80000, ["premises_provided_m2"] = 200 },
        });

        var report = Apply("facility-application", data, new DateOnly(2012, 1, 1), Liaoning);

        Assert.Equal("RULE_N-D3-developer-ratio", Assert.Single(report.Errors).Code);
        Data240IsEnough();

        void Data240IsEnough()
        {
            data["developer"]!["premises_provided_m2"] = 240;
            Assert.Empty(Apply("facility-application", data, new DateOnly(2012, 1, 1), Liaoning).Errors);
        }
    }

    [Fact]
    public void A_more_specific_jurisdiction_overrides_a_rule_and_a_parameter()
    {
        var county = Load("""
            { "id": "yanhe", "version": 1, "title": { "zh": "沿河县", "en": "Yanhe" }, "jurisdiction": "522228", "effectiveFrom": "2006-01-01",
              "parameters": { "developer_premises_ratio": 0.03 },
              "rules": [ { "id": "N-volunteer-registration", "kind": "target", "condition": "true",
                "message": { "zh": "本县不适用", "en": "not applied here" },
                "citation": { "seed": "004_75147285bf45155a.txt", "quote": "按照建设总面积3%编制社区建设用房", "section": "DOMAIN.md §2.2 A8" } } ] }
            """);
        var sets = Shipped().Append(county).ToArray();

        var selection = RuleSetSelector.Select(sets, "facility-application", new DateOnly(2012, 1, 1), ["520000", "522200", "522228"]);

        Assert.Equal(0.03m, (decimal?)selection.Parameters["developer_premises_ratio"]);
        Assert.Equal("yanhe", selection.Rules.Single(r => r.Rule.Id == "N-volunteer-registration").From.Id);
    }

    [Fact]
    public void Rule_sets_outside_their_effective_dates_or_for_other_forms_are_not_selected()
    {
        var selection = RuleSetSelector.Select(Shipped(), "facility-application", new DateOnly(2009, 1, 1), Heilongjiang);
        Assert.Empty(selection.Sets);

        var pilot = RuleSetSelector.Select(Shipped(), "pilot-application", new DateOnly(2012, 1, 1), Heilongjiang);
        Assert.Empty(pilot.Rules);
    }

    [Fact]
    public void Of_two_versions_effective_on_a_date_the_later_version_wins()
    {
        var v1 = Load(VersionedSet(1, "2020-01-01", "x >= 1"));
        var v2 = Load(VersionedSet(2, "2022-01-01", "x >= 2"));

        var selection = RuleSetSelector.Select([v1, v2], "any", new DateOnly(2023, 1, 1), ["110000"]);
        var before = RuleSetSelector.Select([v1, v2], "any", new DateOnly(2021, 1, 1), ["110000"]);

        Assert.Equal(2, selection.Rules.Single().From.Version);
        Assert.Equal(1, before.Rules.Single().From.Version);
    }

    [Fact]
    public void Targets_warn_binding_rules_block_and_an_administrator_can_raise_a_target()
    {
        var raised = Load(VersionedSet(1, "2020-01-01", "x >= 1").Replace("\"kind\": \"target\"", "\"kind\": \"target\", \"raisedToError\": true", StringComparison.Ordinal));
        var target = Load(VersionedSet(1, "2020-01-01", "x >= 1"));
        var data = new JsonObject { ["x"] = 0 };
        var date = new DateOnly(2023, 1, 1);

        Assert.Single(RuleEvaluator.Evaluate(RuleSetSelector.Select([target], "f", date, ["110000"]), data, date).Warnings);
        Assert.Single(RuleEvaluator.Evaluate(RuleSetSelector.Select([raised], "f", date, ["110000"]), data, date).Errors);
        Assert.Equal(Severity.Error, RuleEvaluator.SeverityOf(target.Rules[0] with { Kind = RuleKind.Binding }, date));
    }

    [Fact]
    public void Missing_data_leaves_a_rule_undecided_rather_than_failed()
    {
        var report = Apply("facility-application", new JsonObject { ["community_type"] = "urban" }, new DateOnly(2014, 1, 1), Jilin);

        Assert.Empty(report.Warnings);
        Assert.Contains(report.Outcomes, o => o.Selected.Rule.Id == "JL-A6-urban-premises-500" && o.Status == RuleStatus.Undecided);
    }

    [Fact]
    public void Training_rules_differ_between_provinces_for_the_same_record()
    {
        var record = new JsonObject
        {
            ["role"] = "rc_member", ["year"] = 2025, ["sessions_count"] = 1, ["hours_total"] = 12,
            ["newly_elected_or_appointed"] = false, ["sessions"] = new JsonArray(),
        };
        var date = new DateOnly(2025, 12, 31);

        var heilongjiang = Apply("training-record", record, date, Heilongjiang).Warnings.Select(w => w.Code).Order().ToArray();
        var jilin = Apply("training-record", record, date, Jilin).Warnings.Select(w => w.Code).Order().ToArray();

        Assert.Equal(new[] { "RULE_HLJ-T1-two-sessions", "RULE_N-T7-hours" }, heilongjiang);
        Assert.Equal(new[] { "RULE_N-T7-hours" }, jilin);
    }

    [Fact]
    public void A_Jilin_member_trained_last_year_meets_the_two_year_rule_but_a_director_does_not()
    {
        var member = new JsonObject { ["role"] = "rc_member", ["year"] = 2025, ["sessions_count"] = 0, ["hours_total"] = 20, ["last_training_before_year"] = "2024-11-02" };
        var director = (JsonObject)member.DeepClone();
        director["role"] = "rc_director";
        var date = new DateOnly(2025, 12, 31);

        Assert.Empty(Apply("training-record", member, date, Jilin).Warnings);
        Assert.Equal("RULE_JL-T11-director-yearly", Assert.Single(Apply("training-record", director, date, Jilin).Warnings).Code);
    }

    [Fact]
    public void Rules_run_on_the_data_the_validator_returns()
    {
        var form = Repository.Form("facility-application");
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.CorpusFolder, "facility-application", "valid-urban-ordinary.json")))!;
        var result = SubmissionValidator.Validate(form, file["submission"]!.ToJsonString(), Repository.Submit());

        var report = Apply("facility-application", result.Data, new DateOnly(2025, 6, 15), Jilin);

        Assert.True(result.IsValid);
        Assert.Contains(report.Errors, e => e.Code == "RULE_JL-A6-urban-premises-500");
        Assert.DoesNotContain(report.Errors, e => e.Code == "RULE_N-F14-funding-total");
    }

    [Fact]
    public void A_rule_set_written_back_to_JSON_loads_to_the_same_set()
    {
        foreach (var set in Shipped())
        {
            var again = Load(RuleSetJson.ToJson(set).ToJsonString());

            Assert.Equal(RuleSetJson.ToJson(set).ToJsonString(), RuleSetJson.ToJson(again).ToJsonString());
            Assert.Equal(set.Rules, again.Rules);
        }
    }

    [Theory]
    [InlineData("""{ "id": "x" }""", "version")]
    [InlineData("""{ "id": "x", "version": 1, "title": { "zh": "甲" }, "effectiveFrom": "2020-01-01", "rules": [] }""", "title")]
    [InlineData("""{ "id": "x", "version": 1, "title": { "zh": "甲", "en": "A" }, "effectiveFrom": "1/1/2020", "rules": [] }""", "effectiveFrom")]
    [InlineData("""{ "id": "x", "version": 1, "title": { "zh": "甲", "en": "A" }, "effectiveFrom": "2020-01-01", "effectiveTo": "2019-01-01", "rules": [] }""", "effectiveTo")]
    [InlineData("not json", "$")]
    public void A_malformed_rule_set_is_refused_with_the_place_of_each_problem(string json, string location)
    {
        var result = RuleSetLoader.Load(json);

        Assert.Null(result.RuleSet);
        Assert.Contains(result.Problems, p => p.Location == location);
    }

    [Fact]
    public void Each_rule_is_checked_for_kind_FEEL_message_citation_and_unique_id()
    {
        var result = RuleSetLoader.Load("""
            { "id": "x", "version": 1, "title": { "zh": "甲", "en": "A" }, "effectiveFrom": "2020-01-01",
              "rules": [
                { "id": "r1", "kind": "law", "condition": "a >", "message": { "zh": "甲", "en": "A" } },
                { "id": "r2", "kind": "target", "condition": "true", "when": "(", "message": { "en": "A" },
                  "citation": { "seed": "000_3465d492407515f2.txt", "quote": "引文" } },
                { "id": "r2", "kind": "target", "condition": "true", "message": { "zh": "甲", "en": "A" },
                  "citation": { "seed": "s", "quote": "q", "section": "§1" } } ] }
            """);

        var locations = result.Problems.Select(p => p.Location).ToArray();
        Assert.Contains("rules[0].kind", locations);
        Assert.Contains("rules[0].condition", locations);
        Assert.Contains("rules[0].citation", locations);
        Assert.Contains("rules[1].when", locations);
        Assert.Contains("rules[1].message", locations);
        Assert.Contains("rules[1].citation.section", locations);
        Assert.Contains("rules[2].id", locations);
        Assert.All(result.Problems, p => Assert.Matches("\\p{IsCJKUnifiedIdeographs}", p.MessageZh));
    }

    private static RuleSet Load(string json)
    {
        var result = RuleSetLoader.Load(json);
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        return result.RuleSet!;
    }

    private static string VersionedSet(int version, string from, string condition) => $$"""
        { "id": "versioned", "version": {{version}}, "title": { "zh": "测试", "en": "Test" }, "jurisdiction": "110000", "effectiveFrom": "{{from}}",
          "rules": [ { "id": "r", "kind": "target", "condition": "{{condition}}", "message": { "zh": "甲", "en": "A" },
            "citation": { "seed": "002_bab3ae71ddf0fce4.txt", "quote": "引文", "section": "DOMAIN.md §0.3" } } ] }
        """;
}
