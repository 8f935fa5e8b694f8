using System.Diagnostics;
using System.Text.Json.Nodes;
using Workflows.Forms.Tests.Support;
using Workflows.Forms.Validation;

namespace Workflows.Forms.Tests.Validation;

public class SubmissionValidatorTests
{
    private static readonly Workflows.Forms.Schema.FormDefinition Form = Repository.Schema("""
        {
          "id": "sample", "schemaVersion": 19, "type": "default",
          "components": [
            { "id": "name", "type": "textfield", "key": "name", "label": "名称", "validate": { "required": true, "minLength": 2, "maxLength": 10, "pattern": "^[^0-9]+$" } },
            { "id": "area", "type": "number", "key": "area", "label": "面积", "decimalDigits": 1, "validate": { "min": 0, "max": "=limit" } },
            { "id": "limit", "type": "number", "key": "limit", "label": "上限" },
            { "id": "kind", "type": "select", "key": "kind", "label": "类型", "values": [ { "label": "新建", "value": "new_build" }, { "label": "改建", "value": "renovation" } ] },
            { "id": "facility", "type": "select", "key": "facility", "label": "设施", "valuesKey": "facility_kinds" },
            { "id": "tags", "type": "checklist", "key": "tags", "label": "功能", "values": [ "a", "b" ] },
            { "id": "when", "type": "datetime", "key": "when", "subtype": "date", "dateLabel": "日期" },
            { "id": "at", "type": "datetime", "key": "at", "subtype": "time", "timeSerializingFormat": "utc_offset", "timeLabel": "时间" },
            { "id": "agree", "type": "checkbox", "key": "agree", "label": "同意" },
            { "id": "reason", "type": "textarea", "key": "reason", "label": "原因", "conditional": { "hide": "=agree = true" }, "validate": { "required": true } },
            { "id": "double", "type": "expression", "key": "double", "expression": "=area * 2" },
            { "id": "rooms", "type": "dynamiclist", "path": "rooms", "isRepeating": true, "label": "房间", "properties": { "maxRows": "5" }, "components": [
              { "id": "room", "type": "textfield", "key": "room", "label": "房间名", "validate": { "required": true } },
              { "id": "size", "type": "number", "key": "size", "label": "房间面积", "conditional": { "hide": "=this.room = \"store\"" }, "validate": { "min": 1 } }
            ] },
            { "id": "dev", "type": "group", "path": "developer", "label": "开发商", "components": [
              { "id": "devname", "type": "textfield", "key": "name", "label": "开发商名称" }
            ] }
          ]
        }
        """);

    private static SubmissionResult Submit(string json, SubmissionOptions? options = null) =>
        SubmissionValidator.Validate(Form, json, options ?? Repository.Submit());

    private static FormIssue Error(SubmissionResult result, string path, string code)
    {
        var found = result.Errors.Where(e => e.Path == path && e.Code == code).ToArray();
        Assert.True(found.Length == 1, $"expected {code} at {path}; errors: " + string.Join("\n", result.Errors));
        return found[0];
    }

    [Fact]
    public void A_correct_submission_is_valid_and_comes_back_clean()
    {
        var result = Submit("""{ "name": "社区", "area": 12.5, "limit": 100, "kind": "renovation", "agree": true, "when": "2025-07-01", "at": "09:30+08:00", "rooms": [ { "room": "hall", "size": 3 } ] }""");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal("社区", (string?)result.Data["name"]);
        Assert.Equal(25m, (decimal?)result.Data["double"]);
        Assert.Equal("hall", (string?)result.Data["rooms"]![0]!["room"]);
    }

    [Fact]
    public void A_missing_required_field_names_its_label_and_path_in_both_languages()
    {
        var error = Error(Submit("""{ "agree": true }"""), "name", "REQUIRED");

        Assert.Equal("「名称」（name）必须填写", error.MessageZh);
        Assert.Equal("\"名称\" (name): is required", error.MessageEn);
        Assert.Equal("name", error.FieldId);
    }

    [Fact]
    public void Lengths_and_patterns_are_checked()
    {
        Error(Submit("""{ "name": "a", "agree": true }"""), "name", "TOO_SHORT");
        Error(Submit("""{ "name": "abcdefghijklmnop", "agree": true }"""), "name", "TOO_LONG");
        Error(Submit("""{ "name": "abc1", "agree": true }"""), "name", "PATTERN");
    }

    [Fact]
    public void Numbers_are_checked_against_min_max_decimal_digits_and_a_max_computed_by_FEEL()
    {
        Error(Submit("""{ "name": "ok", "agree": true, "area": -1 }"""), "area", "BELOW_MIN");
        Error(Submit("""{ "name": "ok", "agree": true, "area": 1.25 }"""), "area", "TOO_MANY_DECIMALS");
        Error(Submit("""{ "name": "ok", "agree": true, "area": 60, "limit": 50 }"""), "area", "ABOVE_MAX");
        Assert.True(Submit("""{ "name": "ok", "agree": true, "area": 60, "limit": 70 }""").IsValid);
    }

    [Fact]
    public void Choices_must_be_among_the_static_options_or_the_named_server_side_list()
    {
        Error(Submit("""{ "name": "ok", "agree": true, "kind": "demolition" }"""), "kind", "NOT_AN_OPTION");
        Error(Submit("""{ "name": "ok", "agree": true, "facility": "casino" }"""), "facility", "NOT_AN_OPTION");
        Error(Submit("""{ "name": "ok", "agree": true, "tags": [ "a", "z" ] }"""), "tags", "NOT_AN_OPTION");
        Assert.True(Submit("""{ "name": "ok", "agree": true, "facility": "community_police_room", "tags": [ "b" ] }""").IsValid);
    }

    [Theory]
    [InlineData("""{ "name": 5 }""", "name")]
    [InlineData("""{ "area": "12" }""", "area")]
    [InlineData("""{ "agree": "yes" }""", "agree")]
    [InlineData("""{ "when": "2025-13-01" }""", "when")]
    [InlineData("""{ "when": "01/07/2025" }""", "when")]
    [InlineData("""{ "at": "09:30" }""", "at")]
    [InlineData("""{ "tags": "a" }""", "tags")]
    [InlineData("""{ "kind": { "value": "new_build" } }""", "kind")]
    [InlineData("""{ "rooms": { "room": "x" } }""", "rooms")]
    [InlineData("""{ "rooms": [ 5 ] }""", "rooms[0]")]
    [InlineData("""{ "developer": "acme" }""", "developer")]
    public void Values_of_the_wrong_type_are_refused(string json, string path)
    {
        var result = Submit(json);

        Assert.Contains(result.Errors, e => e.Path == path && e.Code is "WRONG_TYPE" or "LIST_NOT_ARRAY" or "ROW_NOT_OBJECT" or "VALUE_NOT_OBJECT");
    }

    [Fact]
    public void Unknown_keys_are_refused_at_any_depth()
    {
        var result = Submit("""{ "name": "ok", "agree": true, "isAdmin": true, "rooms": [ { "room": "a", "price": 1 } ], "developer": { "name": "x", "bribe": 1 } }""");

        Error(result, "isAdmin", "UNKNOWN_FIELD");
        Error(result, "rooms[0].price", "UNKNOWN_FIELD");
        Error(result, "developer.bribe", "UNKNOWN_FIELD");
    }

    [Fact]
    public void A_hidden_field_is_not_validated_and_its_value_is_dropped()
    {
        var result = Submit("""{ "name": "ok", "agree": true, "reason": "because" }""");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.False(result.Data.ContainsKey("reason"));
        Assert.Contains("reason", result.Hidden);
        Assert.Contains(result.Warnings, w => w.Path == "reason" && w.Code == "HIDDEN_DROPPED");
    }

    [Fact]
    public void A_visible_field_is_validated()
    {
        Error(Submit("""{ "name": "ok", "agree": false }"""), "reason", "REQUIRED");
    }

    [Fact]
    public void Inside_a_row_this_refers_to_the_row()
    {
        var result = Submit("""{ "name": "ok", "agree": true, "rooms": [ { "room": "store", "size": 0 }, { "room": "hall", "size": 0 } ] }""");

        Assert.Contains("rooms[0].size", result.Hidden);
        Assert.False(result.Data["rooms"]![0]!.AsObject().ContainsKey("size"));
        Error(result, "rooms[1].size", "BELOW_MIN");
        Assert.DoesNotContain(result.Errors, e => e.Path == "rooms[0].size");
    }

    [Fact]
    public void The_client_value_of_a_computed_field_is_replaced()
    {
        var result = Submit("""{ "name": "ok", "agree": true, "area": 10, "double": 999 }""");

        Assert.Equal(20m, (decimal?)result.Data["double"]);
        Assert.Contains(result.Warnings, w => w.Path == "double" && w.Code == "COMPUTED_REPLACED");
    }

    [Fact]
    public void A_script_tag_is_kept_as_plain_text()
    {
        var result = Submit("""{ "name": "<script>alert(1)</script>", "agree": true }""", Repository.Submit() with { });
        var form = Repository.Schema("""{ "id": "t", "components": [ { "id": "n", "type": "textarea", "key": "note" } ] }""");

        var kept = SubmissionValidator.Validate(form, """{ "note": "<script>alert('x')</script> & <b>bold</b>" }""", Repository.Submit());

        Assert.True(kept.IsValid);
        Assert.Equal("<script>alert('x')</script> & <b>bold</b>", (string?)kept.Data["note"]);
        Assert.Contains(result.Errors, e => e.Code == "PATTERN" || e.Code == "TOO_LONG");
    }

    [Fact]
    public void A_fifty_megabyte_submission_is_refused_by_the_size_check_quickly()
    {
        var json = "{ \"name\": \"" + new string('x', 50 * 1024 * 1024) + "\" }";
        var watch = Stopwatch.StartNew();

        var result = Submit(json);

        watch.Stop();
        Assert.Equal("SUBMISSION_TOO_LARGE", Assert.Single(result.Errors).Code);
        Assert.True(watch.ElapsedMilliseconds < 500, $"took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void A_fifty_megabyte_byte_buffer_is_refused_before_parsing()
    {
        var bytes = new byte[50 * 1024 * 1024];

        var result = SubmissionValidator.Validate(Form, bytes, Repository.Submit());

        Assert.Equal("SUBMISSION_TOO_LARGE", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void A_hundred_thousand_rows_give_a_clear_error_quickly()
    {
        var json = "{ \"name\": \"ok\", \"agree\": true, \"rooms\": [" + string.Join(",", Enumerable.Repeat("{}", 100_000)) + "] }";
        var watch = Stopwatch.StartNew();

        var result = Submit(json);

        watch.Stop();
        var error = Error(result, "rooms", "LIST_TOO_MANY_ROWS");
        Assert.Contains("100000", error.MessageEn);
        Assert.Contains("at most 5 rows", error.MessageEn);
        Assert.True(watch.ElapsedMilliseconds < 1000, $"took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void A_full_pilot_application_with_two_hundred_villages_validates_quickly()
    {
        var form = Repository.Form("pilot-application");
        var village = """{ "village_name": "村", "has_service_centre": true, "centre_area_m2": 250, "centre_functions": ["office", "service"], "uniform_logo": true, "plaza_m2": 100 }""";
        var json = $$"""{ "programme": "demo_county", "applying_unit": "县", "level": "county", "villages_total": 200, "villages_started": 150, "summary": "全县二百个村的农村社区建设情况汇总说明。", "villages": [{{string.Join(",", Enumerable.Repeat(village, 200))}}] }""";
        SubmissionValidator.Validate(form, json, Repository.Submit());
        var watch = Stopwatch.StartNew();

        var result = SubmissionValidator.Validate(form, json, Repository.Submit());

        watch.Stop();
        Assert.True(result.IsValid, string.Join("\n", result.Errors.Take(5)));
        Assert.Equal(75m, (decimal?)result.Data["coverage_rate"]);
        Assert.True(watch.ElapsedMilliseconds < 2000, $"took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void The_configured_row_limit_applies_when_the_list_sets_none()
    {
        var form = Repository.Schema("""{ "id": "t", "components": [ { "id": "l", "type": "dynamiclist", "path": "rows", "isRepeating": true, "components": [ { "id": "v", "type": "number", "key": "v" } ] } ] }""");
        var options = Repository.Submit() with { Limits = new SubmissionLimits { MaxRowsPerList = 500 } };

        var result = SubmissionValidator.Validate(form, "{ \"rows\": [" + string.Join(",", Enumerable.Repeat("{ \"v\": 1 }", 501)) + "] }", options);

        Error(result, "rows", "LIST_TOO_MANY_ROWS");
        Assert.True(SubmissionValidator.Validate(form, "{ \"rows\": [" + string.Join(",", Enumerable.Repeat("{ \"v\": 1 }", 500)) + "] }", options).IsValid);
    }

    [Fact]
    public void Deep_nesting_is_refused_before_it_is_read()
    {
        var json = "{ \"name\": " + new string('[', 5000) + new string(']', 5000) + " }";

        var result = Submit(json);

        Assert.Equal("SUBMISSION_NOT_JSON", Assert.Single(result.Errors).Code);
    }

    [Theory]
    [InlineData("""{ "name": "a", "name": "b" }""")]
    [InlineData("""{ "rooms": [ { "room": "a", "room": "b" } ] }""")]
    [InlineData("""{ "developer": { "name": 1, "name": "x" } }""")]
    public void A_key_given_twice_is_refused_rather_than_one_value_picked(string json)
    {
        var result = Submit(json);

        Assert.Equal("SUBMISSION_NOT_JSON", Assert.Single(result.Errors).Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[1,2]")]
    [InlineData("{ \"name\": ")]
    [InlineData("\"text\"")]
    public void Input_that_is_not_a_json_object_is_refused(string json)
    {
        var result = Submit(json);

        Assert.False(result.IsValid);
        Assert.Empty(result.Data);
    }

    [Fact]
    public void A_draft_checks_types_only_and_keeps_what_the_applicant_typed()
    {
        var result = SubmissionValidator.Validate(Form, """{ "name": "1", "agree": true, "reason": "kept", "area": -5, "stray": 1, "rooms": [ { "room": "", "size": 0 } ] }""", Repository.Draft());

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal("kept", (string?)result.Data["reason"]);
        Assert.Equal(-5m, (decimal?)result.Data["area"]);
        Assert.False(result.Data.ContainsKey("stray"));
        Assert.Contains(result.Warnings, w => w.Path == "stray" && w.Code == "UNKNOWN_FIELD_DROPPED");
    }

    [Fact]
    public void A_draft_still_refuses_wrong_types()
    {
        var result = SubmissionValidator.Validate(Form, """{ "area": "lots" }""", Repository.Draft());

        Error(result, "area", "WRONG_TYPE");
    }

    [Fact]
    public void Initial_data_feeds_expressions_but_is_not_submitted_unless_bound_to_a_field()
    {
        var form = Repository.Schema("""
            { "id": "t", "components": [
              { "id": "a", "type": "number", "key": "amount" },
              { "id": "c", "type": "textfield", "key": "comment", "conditional": { "hide": "=amount < threshold" } } ] }
            """);
        var options = Repository.Submit(new JsonObject { ["threshold"] = 100 });

        var low = SubmissionValidator.Validate(form, """{ "amount": 50, "comment": "x" }""", options);
        var high = SubmissionValidator.Validate(form, """{ "amount": 150, "comment": "x" }""", options);

        Assert.False(low.Data.ContainsKey("comment"));
        Assert.Equal("x", (string?)high.Data["comment"]);
        Assert.False(high.Data.ContainsKey("threshold"));
    }

    [Fact]
    public void Options_from_an_expression_are_the_ones_the_browser_offered()
    {
        var form = Repository.Schema("""
            { "id": "t", "components": [
              { "id": "k", "type": "radio", "key": "kind", "values": [ "urban", "rural" ] },
              { "id": "f", "type": "select", "key": "facility",
                "valuesExpression": "=if kind = \"rural\" then [{ label: \"农村社区服务中心\", value: \"rural_centre\" }] else [\"police_room\", \"library\"]" } ] }
            """);

        Assert.True(SubmissionValidator.Validate(form, """{ "kind": "rural", "facility": "rural_centre" }""", Repository.Submit()).IsValid);
        Assert.True(SubmissionValidator.Validate(form, """{ "kind": "urban", "facility": "library" }""", Repository.Submit()).IsValid);
        Error(SubmissionValidator.Validate(form, """{ "kind": "urban", "facility": "rural_centre" }""", Repository.Submit()), "facility", "NOT_AN_OPTION");
    }

    [Fact]
    public void A_field_computed_on_presubmit_is_computed_at_submission_and_may_feed_another()
    {
        var form = Repository.Schema("""
            { "id": "t", "components": [
              { "id": "a", "type": "number", "key": "a" },
              { "id": "b", "type": "expression", "key": "b", "expression": "=c + 1", "computeOn": "presubmit" },
              { "id": "c", "type": "expression", "key": "c", "expression": "=a * 10" } ] }
            """);

        var result = SubmissionValidator.Validate(form, """{ "a": 2 }""", Repository.Submit());

        Assert.Equal(20m, (decimal?)result.Data["c"]);
        Assert.Equal(21m, (decimal?)result.Data["b"]);
    }

    [Fact]
    public void Data_built_in_code_with_integers_and_doubles_is_read_like_parsed_json()
    {
        var submission = new JsonObject { ["name"] = "社区", ["agree"] = true, ["area"] = 12, ["limit"] = 20.5, ["rooms"] = new JsonArray(new JsonObject { ["room"] = "hall", ["size"] = 3L }) };

        var result = SubmissionValidator.Validate(Form, submission, Repository.Submit(new JsonObject { ["limit"] = 5 }));

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(24m, (decimal?)result.Data["double"]);
    }

    [Fact]
    public void A_disabled_field_is_never_submitted()
    {
        var form = Repository.Schema("""{ "id": "t", "components": [ { "id": "a", "type": "textfield", "key": "code", "disabled": true, "validate": { "required": true } } ] }""");

        var result = SubmissionValidator.Validate(form, """{ "code": "forged" }""", Repository.Submit());

        Assert.True(result.IsValid);
        Assert.False(result.Data.ContainsKey("code"));
        Assert.Contains(result.Warnings, w => w.Code == "DISABLED_DROPPED");
    }

    [Fact]
    public void Expressions_see_the_opened_value_of_a_field_the_applicant_cannot_change()
    {
        var form = Repository.Schema("""
            { "id": "t", "components": [
              { "id": "q", "type": "number", "key": "quota", "readonly": true },
              { "id": "u", "type": "number", "key": "used" },
              { "id": "l", "type": "expression", "key": "left", "expression": "=quota - used" } ] }
            """);

        var result = SubmissionValidator.Validate(form, """{ "quota": 1000, "used": 30 }""", Repository.Submit(new JsonObject { ["quota"] = 100 }));

        Assert.Equal(70m, (decimal?)result.Data["left"]);
        Assert.Equal(100m, (decimal?)result.Data["quota"]);
    }

    [Fact]
    public void A_read_only_field_keeps_the_value_the_form_was_opened_with()
    {
        var form = Repository.Schema("""{ "id": "t", "components": [ { "id": "a", "type": "textfield", "key": "unit", "readonly": true } ] }""");

        var result = SubmissionValidator.Validate(form, """{ "unit": "someone else" }""", Repository.Submit(new JsonObject { ["unit"] = "东升社区" }));

        Assert.Equal("东升社区", (string?)result.Data["unit"]);
        Assert.Contains(result.Warnings, w => w.Code == "READONLY_RESTORED");
    }

    [Fact]
    public void A_date_before_today_is_refused_when_the_picker_forbids_past_dates()
    {
        var form = Repository.Schema("""{ "id": "t", "components": [ { "id": "d", "type": "datetime", "key": "d", "subtype": "date", "disallowPassedDates": true } ] }""");

        Error(SubmissionValidator.Validate(form, """{ "d": "2025-06-14" }""", Repository.Submit()), "d", "DATE_IN_PAST");
        Assert.True(SubmissionValidator.Validate(form, """{ "d": "2025-06-15" }""", Repository.Submit()).IsValid);
    }

    [Fact]
    public void Validation_never_throws_on_odd_but_well_formed_json()
    {
        foreach (var json in new[] { "{}", """{ "rooms": [] }""", """{ "rooms": [ null ] }""", """{ "area": 1e300 }""", """{ "name": null, "tags": null }""", """{ "developer": null }""" })
        {
            var result = Submit(json);
            Assert.NotNull(result.Data);
        }
    }
}
