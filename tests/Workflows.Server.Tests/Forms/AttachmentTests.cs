using System.Net;
using System.Security.Cryptography;
using Workflows.Server.Tests.Infrastructure;
using static Workflows.Server.Tests.Forms.FormSteps;

namespace Workflows.Server.Tests.Forms;

/// <summary>Files uploaded to an application's filepickers and to steps: judged by content, limited, stored apart, downloaded only by those who may see the case.</summary>
public sealed class AttachmentTests(FormsServer server) : IClassFixture<FormsServer>
{
    [Fact]
    public async Task An_executable_renamed_pdf_is_refused()
    {
        var applicant = await server.SignInAsync("dongsheng", "en");
        var id = await CreateAsync(applicant);
        var problem = await (await UploadToApplicationAsync(applicant, id, "site_plan", "site-plan.pdf", ElfBytes())).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains(problem.GetProperty("issues").EnumerateArray(), i => i.GetProperty("code").GetString() == "FILE_EXECUTABLE");
        Assert.NotEmpty(problem.ErrorsFor("site_plan"));
        var listed = await (await applicant.GetAsync($"/api/v1/applications/{id}/attachments")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, listed.GetArrayLength());
    }

    [Fact]
    public async Task A_path_in_a_file_name_is_sanitised_and_the_file_is_kept_with_its_digest()
    {
        var applicant = await server.SignInAsync("dongsheng");
        var id = await CreateAsync(applicant);
        var content = PdfBytes(5000);
        var uploaded = await (await UploadToApplicationAsync(applicant, id, "site_plan", "../../etc/选址图.pdf", content)).ExpectAsync(HttpStatusCode.Created);
        var file = uploaded.EnumerateArray().Single();
        Assert.Equal("选址图.pdf", file.GetProperty("fileName").GetString());
        Assert.Equal("application/pdf", file.GetProperty("mediaType").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), file.GetProperty("sha256").GetString());

        var data = (await ApplicationAsync(applicant, id)).GetProperty("data");
        Assert.Equal(file.GetProperty("id").GetString(), data.GetProperty("site_plan").GetString());

        var download = await applicant.GetAsync(file.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("选址图.pdf", download.Content.Headers.ContentDisposition?.FileNameStar);
    }

    [Fact]
    public async Task Count_and_size_limits_are_enforced_per_field()
    {
        var applicant = await server.SignInAsync("dongsheng");
        var id = await CreateAsync(applicant);
        await (await UploadToApplicationAsync(applicant, id, "site_plan", "one.pdf", PdfBytes())).ExpectAsync(HttpStatusCode.Created);
        var second = await (await UploadToApplicationAsync(applicant, id, "site_plan", "two.pdf", PdfBytes())).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains(second.GetProperty("issues").EnumerateArray(), i => i.GetProperty("code").GetString() == "FILE_TOO_MANY");

        var large = await (await UploadToApplicationAsync(applicant, id, "assembly_minutes", "minutes.pdf", PdfBytes(FormsServer.MaxFileMegabytes * 1024 * 1024 + 1)))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains(large.GetProperty("issues").EnumerateArray(), i => i.GetProperty("code").GetString() == "FILE_TOO_LARGE");

        var unknownField = await (await UploadToApplicationAsync(applicant, id, "applicant_phone", "x.pdf", PdfBytes())).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(unknownField.ErrorsFor("field"));
        var listed = await (await applicant.GetAsync($"/api/v1/applications/{id}/attachments")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, listed.GetArrayLength());
    }

    [Fact]
    public async Task Another_county_cannot_download_and_the_own_county_can()
    {
        var applicant = await server.SignInAsync("dongsheng");
        var id = await ReadyFacilityAsync(applicant);
        var url = (await ApplicationAsync(applicant, id)).GetProperty("attachments")[0].GetProperty("url").GetString();
        await (await SubmitAsync(applicant, id)).ExpectAsync(HttpStatusCode.OK);

        var otherCounty = await server.SignInAsync("qingan.approver");
        await (await otherCounty.GetAsync(url)).ExpectAsync(HttpStatusCode.Forbidden);
        var neighbour = await server.SignInAsync("xiangyang");
        await (await neighbour.GetAsync(url)).ExpectAsync(HttpStatusCode.Forbidden);
        var county = await server.SignInAsync("zhaodong.approver");
        Assert.Equal(HttpStatusCode.OK, (await county.GetAsync(url)).StatusCode);

        // Once submitted, the applicant's files are fixed.
        var fileId = url!.Split('/')[^1];
        await (await applicant.DeleteAsync($"/api/v1/attachments/{fileId}")).ExpectAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_reviewer_attaches_a_file_to_the_step_they_act_on()
    {
        var applicant = await server.SignInAsync("dongsheng");
        var id = await ReadyFacilityAsync(applicant);
        var instance = (await (await SubmitAsync(applicant, id)).ExpectAsync(HttpStatusCode.OK)).GetProperty("application").GetProperty("instanceId").GetGuid();
        var street = await server.SignInAsync("dongcheng.reviewer");
        var task = await TaskForAsync(street, instance);
        var county = await server.SignInAsync("zhaodong.approver");
        await (await UploadAsync(county, $"/api/v1/tasks/{task}/attachments", null, "opinion.pdf", PdfBytes(), "application/pdf")).ExpectAsync(HttpStatusCode.Forbidden);

        var uploaded = await (await UploadAsync(street, $"/api/v1/tasks/{task}/attachments", null, "审核意见.pdf", PdfBytes(), "application/pdf")).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(task, uploaded[0].GetProperty("taskId").GetGuid());
        var listed = await (await applicant.GetAsync($"/api/v1/applications/{id}/attachments")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, listed.GetArrayLength());
    }
}
