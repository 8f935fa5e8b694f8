using Workflows.Forms.Options;
using Workflows.Forms.Tests.Support;
using Workflows.Forms.Validation;

namespace Workflows.Forms.Tests.Options;

public class OptionListsTests
{
    [Theory]
    [InlineData("facility_kinds", "社区服务中心")]
    [InlineData("training_kinds", "以会代训")]
    [InlineData("requirement_areas", "领导协调机制")]
    [InlineData("community_classes", "中心社区")]
    [InlineData("project_kinds", "扩建")]
    [InlineData("worker_roles", "居委会主任")]
    public void The_shared_lists_are_shipped_with_glossary_labels(string name, string label)
    {
        var list = OptionLists.Shared().Find(name);

        Assert.NotNull(list);
        Assert.Contains(list.Entries, e => e.LabelZh == label);
    }

    [Fact]
    public void Every_entry_has_a_stable_value_a_chinese_and_an_english_label()
    {
        foreach (var list in OptionLists.ShippedLists)
        {
            Assert.Equal(list.Entries.Count, list.Entries.Select(e => e.Value).Distinct().Count());
            Assert.All(list.Entries, e =>
            {
                Assert.Matches("^[a-z][a-z0-9_]*$", e.Value);
                Assert.Matches("\\p{IsCJKUnifiedIdeographs}", e.LabelZh);
                Assert.Matches("^[A-Z]", e.LabelEn);
            });
        }
    }

    [Fact]
    public void The_five_requirement_areas_and_three_project_kinds_are_complete()
    {
        var shared = OptionLists.Shared();

        Assert.Equal(5, shared.Find("requirement_areas")!.Entries.Count);
        Assert.Equal(new[] { "新建", "改建", "扩建" }, shared.Find("project_kinds")!.Entries.Select(e => e.LabelZh).ToArray());
        Assert.Equal(new[] { "central", "ordinary", "small" }, shared.Find("community_classes")!.Entries.Select(e => e.Value).ToArray());
    }

    [Fact]
    public void The_server_can_add_a_list_that_depends_on_the_applicant()
    {
        var units = new OptionList("applicant_units", "所属单位", "Units", [new OptionEntry("231282001001", "东升社区", "Dongsheng community")]);
        var registry = OptionLists.Shared().AddSource(new SingleList(units));
        var form = Repository.Schema("""{ "id": "t", "components": [ { "id": "u", "type": "select", "key": "unit", "valuesKey": "applicant_units" } ] }""");
        var options = Repository.Submit() with { OptionLists = registry };

        Assert.True(SubmissionValidator.Validate(form, """{ "unit": "231282001001" }""", options).IsValid);
        Assert.False(SubmissionValidator.Validate(form, """{ "unit": "999" }""", options).IsValid);
        Assert.DoesNotContain(Workflows.Forms.Schema.SchemaChecker.Check(form, registry), p => p.Severity == Workflows.Forms.Schema.Severity.Error);
    }

    [Fact]
    public void A_list_converts_to_the_values_form_js_expects_under_its_key()
    {
        var values = OptionLists.Shared().Find("project_kinds")!.ToFormJsValues();

        Assert.Equal("""[{"value":"new_build","label":"新建"},{"value":"renovation","label":"改建"},{"value":"extension","label":"扩建"}]""",
            values.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public void The_initial_data_for_a_form_holds_every_list_it_names_and_validation_agrees_with_it()
    {
        var form = Repository.Form("facility-application");
        var initial = OptionLists.InitialDataFor(form, OptionLists.Shared());

        Assert.Equal(new[] { "community_classes", "community_types", "facility_kinds", "project_kinds" }, initial.Select(p => p.Key).Order().ToArray());
        var file = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.CorpusFolder, "facility-application", "valid-urban-ordinary.json")))!;
        var result = SubmissionValidator.Validate(form, file["submission"]!.ToJsonString(), Repository.Submit(initial));
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.False(result.Data.ContainsKey("facility_kinds"));
    }

    private sealed class SingleList(OptionList list) : IOptionLists
    {
        public OptionList? Find(string name) => name == list.Name ? list : null;
    }
}
