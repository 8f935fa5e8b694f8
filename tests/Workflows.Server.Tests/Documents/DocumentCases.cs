using System.Net;
using System.Text.Json;
using Workflows.Server.Tests.Infrastructure;
using Workflows.Server.Tests.Runtime;

namespace Workflows.Server.Tests.Documents;

/// <summary>Steps the document tests take: a case of <c>test-document</c> started, approved at the county, and its document issued.</summary>
internal static class DocumentCases
{
    public const string Process = "test-document";

    public static readonly object FacilityData = new
    {
        facilityKind = "社区综合服务站",
        requestedArea = 650,
        address = "东升社区中心街18号",
        fundingSource = "县级财政资金",
    };

    public static async Task<Guid> StartAsync(HttpClient applicant, string title, object? variables = null)
    {
        var created = await (await applicant.PostJsonAsync("/api/v1/instances", new { processId = Process, title, variables = variables ?? FacilityData }))
            .ExpectAsync(HttpStatusCode.Created);
        return created.GetProperty("instance").GetProperty("id").GetGuid();
    }

    /// <summary>The county approver agrees; the document service then runs when the outbox is drained.</summary>
    public static async Task ApproveAtCountyAsync(WorkflowsServer server, Guid instance, string comment = "同意建设")
    {
        var county = await server.SignInAsync("zhaodong.approver");
        await (await Cases.CompleteAsync(county, await Cases.TaskOfAsync(county, instance), "approve", comment)).ExpectAsync(HttpStatusCode.OK);
    }

    public static async Task<JsonElement> OnlyDocumentAsync(HttpClient client, Guid instance)
    {
        var documents = await (await client.GetAsync($"/api/v1/instances/{instance}/documents")).ExpectAsync(HttpStatusCode.OK);
        return Assert.Single(documents.EnumerateArray());
    }
}
