using System.Net;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Hosting;

public sealed class ApiConventionsTests(WorkflowsServer server) : IClassFixture<WorkflowsServer>
{
    [Fact]
    public async Task Problems_are_in_chinese_by_default_and_in_english_on_request()
    {
        var zh = await server.SignInAsync("admin");
        var en = await server.SignInAsync("admin", "en-GB,en;q=0.9");
        var body = new { code = "", name = "", kind = "Province" };
        var chinese = await (await zh.PostJsonAsync("/api/v1/units", body)).ExpectAsync(HttpStatusCode.BadRequest);
        var english = await (await en.PostJsonAsync("/api/v1/units", body)).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("必填", chinese.ErrorsFor("name")[0]);
        Assert.Equal("is required", english.ErrorsFor("name")[0]);
        Assert.Equal("请求中有错误", chinese.GetProperty("title").GetString());
        Assert.Equal("The request has errors", english.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Every_answer_carries_a_request_id_and_problems_repeat_it()
    {
        var client = server.CreateClient();
        client.DefaultRequestHeaders.Add("X-Request-Id", "trace-abc-123");
        var response = await client.GetAsync("/api/v1/units");
        var problem = await response.ExpectAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("trace-abc-123", response.Headers.GetValues("X-Request-Id").Single());
        Assert.Equal("trace-abc-123", problem.GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task Health_endpoints_answer_without_signing_in()
    {
        var client = server.CreateClient();
        await (await client.GetAsync("/health/live")).ExpectAsyncText(HttpStatusCode.OK);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_v1_api_and_the_reference_page_is_served()
    {
        var client = server.CreateClient();
        var document = await (await client.GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/units", paths);
        Assert.Contains("/api/v1/units/import", paths);
        Assert.Contains("/api/v1/account/sign-in", paths);
        Assert.Contains("/api/v1/applications/{id}", paths);
        Assert.All(paths.Where(p => p.StartsWith("/api/")), p => Assert.StartsWith("/api/v1/", p));
        var scalar = await client.GetAsync("/scalar");
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_problem()
    {
        var client = await server.SignInAsync("admin");
        var response = await client.GetAsync("/api/v1/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("{\"userName\": {\"nested\": true}}")]
    [InlineData("{\"userName\": \"a\", \"password\": \"b\", \"extra\": 1}")]
    [InlineData("")]
    public async Task No_malformed_body_gets_a_500(string json)
    {
        var client = server.CreateClient();
        var response = await client.PostRawJsonAsync("/api/v1/account/sign-in", json);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_overlong_string_is_refused_naming_the_field()
    {
        var client = await server.SignInAsync("dongsheng");
        var problem = await (await client.PostJsonAsync("/api/v1/applications", new { formId = new string('题', 5000) }))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("100", problem.ErrorsFor("formId")[0]);
    }
}

internal static class TextResponses
{
    public static async Task<string> ExpectAsyncText(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status} but got {(int)response.StatusCode}: {body}");
        return body;
    }
}
