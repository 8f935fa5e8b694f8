using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Runtime;

/// <summary>Small steps the runtime tests take through the HTTP API.</summary>
internal static class Cases
{
    public const string Process = "test-three-level";

    public static async Task<Guid> StartAsync(HttpClient applicant, string title, object? variables = null)
    {
        var created = await (await applicant.PostJsonAsync("/api/v1/instances", new { processId = Process, title, variables = variables ?? new { } }))
            .ExpectAsync(HttpStatusCode.Created);
        return created.GetProperty("instance").GetProperty("id").GetGuid();
    }

    public static async Task<List<JsonElement>> TodoAsync(HttpClient client, string query = "")
    {
        var page = await (await client.GetAsync("/api/v1/tasks?view=todo&pageSize=100" + query)).ExpectAsync(HttpStatusCode.OK);
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    public static async Task<Guid> TaskOfAsync(HttpClient client, Guid instance)
    {
        var tasks = await TodoAsync(client);
        return tasks.Single(t => t.GetProperty("instanceId").GetGuid() == instance).GetProperty("id").GetGuid();
    }

    public static Task<HttpResponseMessage> CompleteAsync(HttpClient client, Guid task, string outcome, string? comment = null, string? returnTo = null, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tasks/{task}/complete")
        {
            Content = JsonContent.Create(new { outcome, comment, returnTo }),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }
        return client.SendAsync(request);
    }

    public static async Task<JsonElement> CaseAsync(HttpClient client, Guid instance) =>
        await (await client.GetAsync($"/api/v1/instances/{instance}")).ExpectAsync(HttpStatusCode.OK);
}
