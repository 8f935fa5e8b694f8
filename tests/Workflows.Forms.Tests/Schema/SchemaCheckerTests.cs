using Workflows.Forms.Options;
using Workflows.Forms.Schema;

namespace Workflows.Forms.Tests.Schema;

public class SchemaCheckerTests
{
    private static IReadOnlyList<SchemaProblem> Check(string components) =>
        SchemaChecker.Check($$"""{ "id": "f", "schemaVersion": 19, "type": "default", "components": [ {{components}} ] }""", OptionLists.Shared());

    private static SchemaProblem Single(IReadOnlyList<SchemaProblem> problems, string code)
    {
        var found = problems.Where(p => p.Code == code).ToArray();
        Assert.True(found.Length == 1, $"expected one {code}, got: " + string.Join("\n", problems));
        return found[0];
    }

    [Fact]
    public void An_unknown_component_type_is_named_with_its_id_key_and_location()
    {
        var problem = Single(Check("""{ "id": "Field_1", "type": "signature", "key": "sig", "label": "签名" }"""), "SCHEMA_UNKNOWN_TYPE");

        Assert.Equal(Severity.Error, problem.Severity);
        Assert.Equal("Field_1", problem.ComponentId);
        Assert.Equal("sig", problem.Key);
        Assert.Equal("签名", problem.Label);
        Assert.Equal("components[0]", problem.Location);
        Assert.Contains("signature", problem.MessageZh);
        Assert.Contains("unknown component type", problem.MessageEn);
    }

    [Fact]
    public void Two_fields_with_the_same_key_are_a_duplicate()
    {
        var problem = Single(Check("""
            { "id": "a", "type": "textfield", "key": "name" },
            { "id": "b", "type": "textarea", "key": "name" }
            """), "SCHEMA_DUPLICATE_KEY");

        Assert.Equal("b", problem.ComponentId);
        Assert.Contains("name", problem.MessageEn);
    }

    [Fact]
    public void The_same_key_in_two_groups_with_different_paths_is_allowed()
    {
        var problems = Check("""
            { "id": "g1", "type": "group", "path": "applicant", "components": [ { "id": "a", "type": "textfield", "key": "name" } ] },
            { "id": "g2", "type": "group", "path": "contact", "components": [ { "id": "b", "type": "textfield", "key": "name" } ] }
            """);

        Assert.Empty(problems);
    }

    [Fact]
    public void The_same_key_in_a_group_without_a_path_clashes_with_a_top_level_key()
    {
        Single(Check("""
            { "id": "a", "type": "textfield", "key": "name" },
            { "id": "g", "type": "group", "components": [ { "id": "b", "type": "textfield", "key": "name" } ] }
            """), "SCHEMA_DUPLICATE_KEY");
    }

    [Fact]
    public void Keys_inside_a_dynamic_list_are_checked_within_the_row()
    {
        var problems = Check("""
            { "id": "top", "type": "textfield", "key": "area" },
            { "id": "list", "type": "dynamiclist", "path": "rooms", "isRepeating": true, "components": [
              { "id": "a", "type": "number", "key": "area" },
              { "id": "b", "type": "number", "key": "area" } ] }
            """);

        var problem = Single(problems, "SCHEMA_DUPLICATE_KEY");
        Assert.Equal("b", problem.ComponentId);
        Assert.Contains("rooms[].area", problem.MessageEn);
    }

    [Fact]
    public void A_key_that_would_nest_under_another_fields_value_is_a_conflict()
    {
        Single(Check("""
            { "id": "a", "type": "textfield", "key": "developer" },
            { "id": "b", "type": "textfield", "key": "developer.name" }
            """), "SCHEMA_KEY_CONFLICT");
    }

    [Fact]
    public void FEEL_that_does_not_parse_is_reported_in_hide_expression_values_and_labels()
    {
        var problems = Check("""
            { "id": "a", "type": "textfield", "key": "a", "conditional": { "hide": "=x >" } },
            { "id": "b", "type": "expression", "key": "b", "expression": "=1 +" },
            { "id": "c", "type": "select", "key": "c", "valuesExpression": "=[1," },
            { "id": "d", "type": "textfield", "key": "d", "label": "=if then" }
            """).Where(p => p.Code == "SCHEMA_BAD_FEEL").ToArray();

        Assert.Equal(new[] { "a", "b", "c", "d" }, problems.Select(p => p.ComponentId).ToArray());
        Assert.All(problems, p => Assert.Contains("line 1", p.MessageEn));
    }

    [Fact]
    public void A_values_key_that_names_no_server_side_list_is_an_error()
    {
        var problem = Single(Check("""{ "id": "s", "type": "select", "key": "kind", "valuesKey": "no_such_list" }"""), "SCHEMA_UNKNOWN_OPTION_LIST");

        Assert.Contains("no_such_list", problem.MessageZh);
    }

    [Fact]
    public void A_values_key_naming_a_shared_list_is_accepted()
    {
        Assert.Empty(Check("""{ "id": "s", "type": "select", "key": "kind", "valuesKey": "facility_kinds" }"""));
    }

    [Fact]
    public void A_top_level_key_named_like_a_FEEL_function_is_a_warning()
    {
        var problem = Single(Check("""{ "id": "c", "type": "number", "key": "count" }"""), "SCHEMA_KEY_SHADOWS_FUNCTION");

        Assert.Equal(Severity.Warning, problem.Severity);
    }

    [Fact]
    public void An_invalid_regular_expression_is_an_error()
    {
        Single(Check("""{ "id": "t", "type": "textfield", "key": "t", "validate": { "pattern": "([a-z" } }"""), "SCHEMA_BAD_PATTERN");
    }

    [Fact]
    public void Inputs_without_keys_and_lists_without_paths_are_errors()
    {
        var problems = Check("""
            { "id": "t", "type": "textfield" },
            { "id": "l", "type": "dynamiclist", "isRepeating": true, "components": [] }
            """);

        Single(problems, "SCHEMA_NO_KEY");
        Single(problems, "SCHEMA_NO_PATH");
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{ \"components\": 5 }")]
    [InlineData("{ \"components\": [ 1, null, \"x\" ] }")]
    [InlineData("{ \"id\": \"f\", \"components\": [ { \"type\": \"group\", \"components\": { } } ] }")]
    [InlineData("{ \"id\": \"f\", \"id\": \"g\", \"components\": [] }")]
    public void Malformed_definitions_give_problems_and_never_throw(string json)
    {
        var problems = SchemaChecker.Check(json);

        Assert.Contains(problems, p => p.Severity == Severity.Error);
    }

    [Fact]
    public void A_definition_parsed_elsewhere_with_a_key_twice_gives_a_problem_instead_of_an_exception()
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse("""{ "id": "f", "components": [ { "id": "a", "id": "b", "type": "textfield", "key": "k" } ] }""");

        var parsed = FormDefinition.Parse(node);

        Assert.False(parsed.Succeeded);
    }

    [Fact]
    public void Deeply_nested_groups_are_refused_without_overflowing_the_stack()
    {
        var json = string.Concat(Enumerable.Repeat("""{ "type": "group", "components": [ """, 200)) + string.Concat(Enumerable.Repeat("] }", 200));

        var problems = SchemaChecker.Check($$"""{ "id": "f", "components": [ {{json}} ] }""");

        Assert.Contains(problems, p => p.Code is "SCHEMA_TOO_DEEP" or "SCHEMA_NOT_JSON");
    }

    [Fact]
    public void Every_problem_has_a_chinese_and_an_english_message()
    {
        var problems = Check("""
            { "id": "x", "type": "mystery" },
            { "id": "y", "type": "number", "key": "n", "validate": { "min": 5, "max": 1 } }
            """);

        Assert.NotEmpty(problems);
        Assert.All(problems, p =>
        {
            Assert.Matches("\\p{IsCJKUnifiedIdeographs}", p.MessageZh);
            Assert.Matches("[a-z]{3}", p.MessageEn);
        });
    }
}
