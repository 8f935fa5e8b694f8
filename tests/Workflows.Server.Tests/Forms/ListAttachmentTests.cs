using System.Net;
using System.Text.Json.Nodes;
using Workflows.Server.Tests.Infrastructure;
using static Workflows.Server.Tests.Forms.FormSteps;

namespace Workflows.Server.Tests.Forms;

/// <summary>Files of filepickers inside a dynamic list: bound to the row the data puts them in, never to someone else's file.</summary>
public sealed class ListAttachmentTests(FormsServer server) : IClassFixture<FormsServer>
{
    private const string FormId = "list-files-test";

    [Fact]
    public async Task Files_in_list_rows_follow_their_rows_when_a_row_is_removed_and_foreign_ids_are_dropped()
    {
        var admin = await server.SignInAsync("admin", "en");
        var form = new JsonObject
        {
            ["id"] = FormId, ["type"] = "default", ["schemaVersion"] = 19,
            ["components"] = new JsonArray(new JsonObject
            {
                ["id"] = "List_rows", ["type"] = "dynamiclist", ["label"] = "证明材料", ["path"] = "rows", ["isRepeating"] = true, ["allowAddRemove"] = true,
                ["components"] = new JsonArray(
                    new JsonObject { ["id"] = "Row_name", ["type"] = "textfield", ["key"] = "name", ["label"] = "名称" },
                    new JsonObject { ["id"] = "Row_proof", ["type"] = "filepicker", ["key"] = "proof", ["label"] = "证明", ["accept"] = ".pdf" }),
            }),
        };
        await (await admin.PostRawJsonAsync("/api/v1/forms", form.ToJsonString())).ExpectAsync(HttpStatusCode.Created);

        var applicant = await server.SignInAsync("dongsheng", "en");
        var id = await CreateAsync(applicant, FormId);
        var first = await UploadedIdAsync(applicant, id, "rows.0.proof");
        var second = await UploadedIdAsync(applicant, id, "rows.1.proof");
        // A file of another application cannot be smuggled into a row.
        var other = await CreateAsync(applicant, FormId);
        var foreign = await UploadedIdAsync(applicant, other, "rows.0.proof");
        await (await UploadToApplicationAsync(applicant, id, "rows.x.proof", "x.pdf", PdfBytes())).ExpectAsync(HttpStatusCode.BadRequest);

        await (await SaveAsync(applicant, id, new
        {
            rows = new object[] { new { name = "甲", proof = first }, new { name = "乙", proof = second }, new { name = "丙", proof = foreign } },
        })).ExpectAsync(HttpStatusCode.OK);
        var rows = (await ApplicationAsync(applicant, id)).GetProperty("data").GetProperty("rows");
        Assert.Equal(first, rows[0].GetProperty("proof").GetString());
        Assert.Equal(second, rows[1].GetProperty("proof").GetString());
        Assert.False(rows[2].TryGetProperty("proof", out _));

        // The first row is removed: the second row's file moves up with it.
        await (await SaveAsync(applicant, id, new { rows = new object[] { new { name = "乙", proof = second } } })).ExpectAsync(HttpStatusCode.OK);
        rows = (await ApplicationAsync(applicant, id)).GetProperty("data").GetProperty("rows");
        Assert.Equal(second, rows[0].GetProperty("proof").GetString());
        var files = await (await applicant.GetAsync($"/api/v1/applications/{id}/attachments")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("rows.0.proof", files.EnumerateArray().Single(f => f.GetProperty("id").GetString() == second).GetProperty("fieldPath").GetString());
    }

    private static async Task<string> UploadedIdAsync(HttpClient applicant, Guid id, string field)
    {
        var uploaded = await (await UploadToApplicationAsync(applicant, id, field, "证明.pdf", PdfBytes())).ExpectAsync(HttpStatusCode.Created);
        return uploaded.EnumerateArray().Single().GetProperty("id").GetString()!;
    }
}
