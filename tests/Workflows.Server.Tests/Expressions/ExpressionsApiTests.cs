using System.Net;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Expressions;

public sealed class ExpressionsApiTests(WorkflowsServer server) : IClassFixture<WorkflowsServer>
{
    [Fact]
    public async Task An_administrator_evaluates_a_condition_on_sample_data()
    {
        var admin = await server.SignInAsync("admin");
        var result = await (await admin.PostJsonAsync("/api/v1/expressions/evaluate", new
        {
            expression = "=form.requestedArea >= 300 and applicant.level = \"county\"",
            context = new { form = new { requestedArea = 320 }, applicant = new { level = "county" } },
        })).ExpectAsync(HttpStatusCode.OK);
        Assert.True(result.GetProperty("value").GetBoolean());
        Assert.Equal("boolean", result.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Decimal_arithmetic_and_the_clock_of_the_request_are_used()
    {
        var admin = await server.SignInAsync("admin");
        var sum = await (await admin.PostJsonAsync("/api/v1/expressions/evaluate", new { expression = "0.1 + 0.2 = 0.3" })).ExpectAsync(HttpStatusCode.OK);
        Assert.True(sum.GetProperty("value").GetBoolean());
        var today = await (await admin.PostJsonAsync("/api/v1/expressions/evaluate", new { expression = "string(today())", now = "2026-10-01T02:00:00+08:00" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("2026-10-01", today.GetProperty("value").GetString());
    }

    [Fact]
    public async Task A_parse_error_comes_back_with_line_and_column_in_the_callers_language()
    {
        var admin = await server.SignInAsync("admin", "en");
        var result = await (await admin.PostJsonAsync("/api/v1/expressions/evaluate", new { expression = "1 +\n  * 2" })).ExpectAsync(HttpStatusCode.OK);
        var error = result.GetProperty("error");
        Assert.Equal(2, error.GetProperty("line").GetInt32());
        Assert.True(error.GetProperty("column").GetInt32() >= 1);
        Assert.DoesNotMatch("[\u4e00-\u9fff]", error.GetProperty("message").GetString()!);
    }

    [Fact]
    public async Task Unary_tests_are_checked_against_an_input_value()
    {
        var admin = await server.SignInAsync("admin");
        var result = await (await admin.PostJsonAsync("/api/v1/expressions/evaluate", new { expression = "[300..500]", unaryTests = true, input = 420 })).ExpectAsync(HttpStatusCode.OK);
        Assert.True(result.GetProperty("value").GetBoolean());
    }

    [Fact]
    public async Task Division_by_zero_is_null_with_a_warning()
    {
        var admin = await server.SignInAsync("admin");
        var result = await (await admin.PostJsonAsync("/api/v1/expressions/evaluate", new { expression = "1 / 0" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, result.GetProperty("value").ValueKind);
        Assert.NotEmpty(result.GetProperty("warnings").EnumerateArray());
    }

    [Fact]
    public async Task Applicants_may_not_use_it_and_oversized_input_is_refused()
    {
        var applicant = await server.SignInAsync("dongsheng");
        await (await applicant.PostJsonAsync("/api/v1/expressions/evaluate", new { expression = "1" })).ExpectAsync(HttpStatusCode.Forbidden);
        var admin = await server.SignInAsync("admin");
        var tooLong = await (await admin.PostJsonAsync("/api/v1/expressions/evaluate", new { expression = new string('1', 70_000) })).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(tooLong.ErrorsFor("expression"));
        var badContext = await (await admin.PostJsonAsync("/api/v1/expressions/evaluate", new { expression = "1", context = new[] { 1, 2 } })).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(badContext.ErrorsFor("context"));
        var nested = await (await admin.PostJsonAsync("/api/v1/expressions/evaluate", new { expression = new string('(', 10_000) + "1" + new string(')', 10_000) })).ExpectAsync(HttpStatusCode.OK);
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, nested.GetProperty("error").ValueKind);
    }
}
