using System.Net;
using System.Text;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Forms;

/// <summary>Garbage sent to the form endpoints gets a 4xx problem in the caller's language, never a 500, and changes nothing.</summary>
public sealed class HostileInputTests(FormsServer server) : IClassFixture<FormsServer>
{
    public static TheoryData<string> Bodies => new()
    {
        "",
        "null",
        "[]",
        "\"text\"",
        "{",
        "{\"a\":1,\"a\":2}",
        new string('[', 5000) + new string(']', 5000),
        "{\"applicant_contact\": 42}",
        "{\"funding_sources\": {\"source\": \"city\"}}",
        "{\"developer\": [1, 2, 3]}",
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Garbage_gets_a_problem_and_never_a_500(string body)
    {
        var applicant = await server.SignInAsync("dongsheng");
        var admin = await server.SignInAsync("admin");
        var id = await FormSteps.CreateAsync(applicant);
        foreach (var (client, method, url) in new[]
        {
            (applicant, HttpMethod.Put, $"/api/v1/applications/{id}/data"),
            (applicant, HttpMethod.Post, "/api/v1/applications"),
            (admin, HttpMethod.Post, "/api/v1/forms"),
            (admin, HttpMethod.Post, "/api/v1/rulesets"),
        })
        {
            var response = await client.SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
            var status = (int)response.StatusCode;
            Assert.True(status is >= 400 and < 500, $"{method} {url} with {body[..Math.Min(body.Length, 40)]} gave {status}: {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        var data = (await FormSteps.ApplicationAsync(applicant, id)).GetProperty("data");
        Assert.Equal("{}", data.GetRawText().Replace(" ", ""));
    }

    [Fact]
    public async Task Messages_are_in_Chinese_unless_English_is_asked_for()
    {
        var chinese = await server.SignInAsync("dongsheng");
        var id = await FormSteps.CreateAsync(chinese);
        var zh = await (await FormSteps.SaveAsync(chinese, id, new { planned_premises_m2 = "很大" })).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("规划办公和服务用房面积", zh.ErrorsFor("planned_premises_m2")[0]);

        var english = await server.SignInAsync("dongsheng", "en");
        var en = await (await FormSteps.SaveAsync(english, id, new { planned_premises_m2 = "很大" })).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("planned_premises_m2", en.ErrorsFor("planned_premises_m2")[0]);
        Assert.DoesNotContain("类型", en.ErrorsFor("planned_premises_m2")[0]);
    }
}
