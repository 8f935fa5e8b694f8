using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Forms;

/// <summary>A whole server with the shipped workflows, forms and rule sets deployed, and small file limits.</summary>
public sealed class FormsServer : WorkflowsServer
{
    public const int MaxFileMegabytes = 1;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Workflows:WorkflowsDirectory"] = Path.Combine(AppContext.BaseDirectory, "workflows"),
        ["Workflows:Forms:Directory"] = Path.Combine(AppContext.BaseDirectory, "forms"),
        ["Workflows:Forms:MaxFileMegabytes"] = MaxFileMegabytes.ToString(),
    };
}

/// <summary>Steps the form and application tests take through the HTTP API.</summary>
internal static class FormSteps
{
    public const string Facility = "facility-application";

    /// <summary>A complete facility application of an ordinary urban community (the site plan is uploaded separately).</summary>
    public static Dictionary<string, object?> FacilityData(double plannedPremises = 450, string communityType = "urban", string communityClass = "ordinary") => new()
    {
        ["applicant_contact"] = "刘某",
        ["applicant_phone"] = "0455-22851234",
        ["community_type"] = communityType,
        ["community_class"] = communityClass,
        ["households"] = 3100,
        ["residents"] = 9000,
        ["current_premises_m2"] = 120,
        ["premises_ownership"] = "rented",
        ["facility_kind"] = "community_service_station",
        ["project_kind"] = "new_build",
        ["planned_premises_m2"] = plannedPremises,
        ["planned_outdoor_plaza_m2"] = 0,
        ["planned_functions"] = new[] { "comprehensive_service_hall", "meeting_room" },
        ["start_date"] = "2027-03-01",
        ["is_developer_provided"] = false,
        ["total_budget"] = 900000,
        ["funding_sources"] = new object[]
        {
            new Dictionary<string, object?> { ["source"] = "county", ["amount"] = 600000, ["note"] = "" },
            new Dictionary<string, object?> { ["source"] = "street_township", ["amount"] = 300000, ["note"] = "" },
        },
    };

    public static async Task<Guid> CreateAsync(HttpClient client, string formId = Facility, object? data = null)
    {
        var created = await (await client.PostJsonAsync("/api/v1/applications", data is null ? new { formId } : new { formId, data }))
            .ExpectAsync(HttpStatusCode.Created);
        return created.GetProperty("application").GetProperty("id").GetGuid();
    }

    public static Task<HttpResponseMessage> SaveAsync(HttpClient client, Guid id, object data) =>
        client.PutAsync($"/api/v1/applications/{id}/data", new StringContent(JsonSerializer.Serialize(data), System.Text.Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> SubmitAsync(HttpClient client, Guid id) =>
        client.PostAsync($"/api/v1/applications/{id}/submit", null);

    public static Task<HttpResponseMessage> UploadAsync(HttpClient client, string url, string? field, string fileName, byte[] content, string contentType = "application/octet-stream")
    {
        var form = new MultipartFormDataContent();
        if (field is not null)
        {
            form.Add(new StringContent(field), "field");
        }
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        form.Add(file, "files", fileName);
        return client.PostAsync(url, form);
    }

    public static Task<HttpResponseMessage> UploadToApplicationAsync(HttpClient client, Guid id, string field, string fileName, byte[] content, string contentType = "application/pdf") =>
        UploadAsync(client, $"/api/v1/applications/{id}/attachments", field, fileName, content, contentType);

    public static byte[] PdfBytes(int size = 2048)
    {
        var bytes = new byte[size];
        Array.Fill(bytes, (byte)' ');
        "%PDF-1.4\n%\u00e2\u00e3\n1 0 obj << /Type /Catalog >> endobj\n"u8.CopyTo(bytes);
        "\n%%EOF\n"u8.CopyTo(bytes.AsSpan(size - 7));
        return bytes;
    }

    /// <summary>The start of a Linux executable.</summary>
    public static byte[] ElfBytes()
    {
        var bytes = new byte[4096];
        new byte[] { 0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00 }.CopyTo(bytes, 0);
        return bytes;
    }

    /// <summary>A draft of dongsheng (东升社区) with a complete facility application and its site plan: ready to submit.</summary>
    public static async Task<Guid> ReadyFacilityAsync(HttpClient applicant, Dictionary<string, object?>? data = null)
    {
        var id = await CreateAsync(applicant);
        await (await UploadToApplicationAsync(applicant, id, "site_plan", "选址平面图.pdf", PdfBytes())).ExpectAsync(HttpStatusCode.Created);
        await (await SaveAsync(applicant, id, data ?? FacilityData())).ExpectAsync(HttpStatusCode.OK);
        return id;
    }

    public static async Task<JsonElement> ApplicationAsync(HttpClient client, Guid id) =>
        await (await client.GetAsync($"/api/v1/applications/{id}")).ExpectAsync(HttpStatusCode.OK);

    public static async Task<List<JsonElement>> TodoAsync(HttpClient client)
    {
        var page = await (await client.GetAsync("/api/v1/tasks?view=todo&pageSize=100")).ExpectAsync(HttpStatusCode.OK);
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    public static async Task<Guid> TaskForAsync(HttpClient client, Guid instance) =>
        (await TodoAsync(client)).Single(t => t.GetProperty("instanceId").GetGuid() == instance).GetProperty("id").GetGuid();
}
