using System.Net;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Hosting;

/// <summary>Whatever arrives, the answer is never a 500 and never a half-saved change.</summary>
public sealed class GarbageInputTests(WorkflowsServer server) : IClassFixture<WorkflowsServer>
{
    private static readonly string[] Bodies =
    [
        "", "{", "}", "null", "[]", "[{}]", "0", "-1e309", "\"\\ud800\"", "{\"a\":", "{\"code\":null}", "{\"code\":[1,2]}",
        "{\"name\":{\"$gt\":\"\"}}", "{\"parentId\":\"not-a-guid\"}", "{\"version\":\"x\"}", "{\"roles\":\"Approver\"}",
        "{\"roles\":[{\"unitId\":1}]}", "{\"expiresInDays\":1e100}", "{\"text\":\"<script>alert(1)</script>\"}",
        "{\"startsOn\":\"2026-13-45\"}", "{\"unitId\":\"00000000-0000-0000-0000-000000000000\",\"kind\":\"x\",\"title\":\"t\"}",
        new string('[', 5000) + new string(']', 5000),
        "{\"name\":\"" + new string('字', 100_000) + "\"}",
    ];

    public static TheoryData<string, string> Endpoints => new()
    {
        { "POST", "/api/v1/units" },
        { "PUT", "/api/v1/units/{unit}" },
        { "POST", "/api/v1/users" },
        { "PATCH", "/api/v1/users/{user}" },
        { "POST", "/api/v1/users/{user}/roles" },
        { "POST", "/api/v1/account/tokens" },
        { "POST", "/api/v1/account/password" },
        { "POST", "/api/v1/applications" },
        { "POST", "/api/v1/applications/{application}/comments" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Garbage_bodies_get_4xx_problems_never_a_500(string method, string template)
    {
        var client = await server.SignInAsync("admin");
        var unit = await server.UnitIdAsync("230722");
        var user = await server.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Users.Where(u => u.UserName == "heping").Select(u => u.Id)));
        var application = await server.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(db.Applications.Select(a => a.Id)));
        var url = template.Replace("{unit}", unit.ToString()).Replace("{user}", user.ToString()).Replace("{application}", application.ToString());
        var unitsBefore = await server.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Units));

        foreach (var body in Bodies)
        {
            var request = new HttpRequestMessage(new HttpMethod(method), url)
            {
                Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
            };
            var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            Assert.True(status is >= 400 and < 500, $"{method} {template} with {Shorten(body)} gave {status}: {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(unitsBefore, await server.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Units)));
    }

    [Fact]
    public async Task A_wrong_content_type_is_a_415_problem()
    {
        var client = await server.SignInAsync("admin");
        var response = await client.PostAsync("/api/v1/units", new StringContent("code=1", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    private static string Shorten(string body) => body.Length > 60 ? body[..60] + "…" : body;
}
