using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Workflows.Server.Organisation;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Organisation;

public sealed class UnitImportTests(WorkflowsServer server) : IClassFixture<WorkflowsServer>
{
    private static MultipartFormDataContent File(byte[] content, string name)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".xlsx") ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv");
        form.Add(file, "file", name);
        return form;
    }

    private static MultipartFormDataContent Csv(string text) => File(Encoding.UTF8.GetBytes(text), "units.csv");

    private Task<int> UnitCountAsync() => server.WithDbAsync(db => db.Units.CountAsync());

    [Fact]
    public async Task A_csv_with_chinese_headers_and_kinds_imports_a_new_county()
    {
        var admin = await server.SignInAsync("admin");
        var before = await UnitCountAsync();
        var csv = "编码,名称,类型,上级编码,简称\n" +
                  "231283,示例县,县,231200,示\n" +
                  "231283100,示例镇,城关镇,231283,\n" +
                  "231283100001,\"示例社区, 一\",社区,231283100,\n";
        var result = await (await admin.PostAsync("/api/v1/units/import", Csv(csv))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(3, result.GetProperty("created").GetInt32());
        Assert.Equal(before + 3, await UnitCountAsync());
        Assert.Equal("示例社区, 一", await server.WithDbAsync(db => db.Units.Where(u => u.Code == "231283100001").Select(u => u.Name).SingleAsync()));
    }

    [Fact]
    public async Task A_cycle_an_orphan_a_duplicate_and_a_wrong_level_are_each_named_by_row_and_nothing_is_saved()
    {
        var admin = await server.SignInAsync("admin");
        var before = await UnitCountAsync();
        var csv = "code,name,kind,parentCode\n" +
                  "C1,好的街道,Street,231282\n" +        // row 2: fine on its own
                  "C2,循环甲,County,C3\n" +              // row 3: cycle with row 4
                  "C3,循环乙,PrefectureCity,C2\n" +      // row 4
                  "C4,孤儿社区,Community,NOPE\n" +       // row 5: orphan
                  "C1,重复街道,Street,231282\n" +        // row 6: duplicate of row 2
                  "C6,错层社区,Community,230000\n";      // row 7: community under a province
        var problem = await (await admin.PostAsync("/api/v1/units/import", Csv(csv))).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Contains("循环", Assert.Single(problem.ErrorsFor("rows[3].parentCode")));
        Assert.NotEmpty(problem.ErrorsFor("rows[4].parentCode"));
        Assert.Contains("NOPE", Assert.Single(problem.ErrorsFor("rows[5].parentCode")));
        Assert.Contains("第 2 行", Assert.Single(problem.ErrorsFor("rows[6].code")));
        Assert.Contains("层级", Assert.Single(problem.ErrorsFor("rows[7].kind")));
        Assert.Equal(before, await UnitCountAsync());
    }

    [Fact]
    public async Task An_excel_file_imports_like_a_csv()
    {
        var admin = await server.SignInAsync("admin");
        using var xlsx = new MemoryStream();
        xlsx.SaveAs(new[]
        {
            new Dictionary<string, object> { ["code"] = 231284, ["name"] = "表格县", ["kind"] = "县", ["parentCode"] = 231200 },
            new Dictionary<string, object> { ["code"] = 231284001, ["name"] = "表格镇", ["kind"] = "镇", ["parentCode"] = 231284 },
        });
        var result = await (await admin.PostAsync("/api/v1/units/import", File(xlsx.ToArray(), "units.xlsx"))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, result.GetProperty("created").GetInt32());
        Assert.True(await server.WithDbAsync(db => db.Units.AnyAsync(u => u.Code == "231284001" && u.Parent!.Code == "231284")));
    }

    [Fact]
    public async Task A_dry_run_checks_everything_and_writes_nothing()
    {
        var admin = await server.SignInAsync("admin");
        var before = await UnitCountAsync();
        var result = await (await admin.PostAsync("/api/v1/units/import?dryRun=true", Csv("code,name,kind,parentCode\nDRY1,试运行县,County,231200\n")))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, result.GetProperty("created").GetInt32());
        Assert.True(result.GetProperty("dryRun").GetBoolean());
        Assert.Equal(before, await UnitCountAsync());
    }

    [Fact]
    public async Task Reimporting_the_same_rows_changes_only_what_differs()
    {
        var admin = await server.SignInAsync("admin");
        var csv = "code,name,kind,parentCode\n231282,肇东市,县级市,231200\n231282001,东城街道（新名）,街道,231282\n";
        var result = await (await admin.PostAsync("/api/v1/units/import", Csv(csv))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, result.GetProperty("created").GetInt32());
        Assert.Equal(1, result.GetProperty("updated").GetInt32());
        Assert.Equal(1, result.GetProperty("unchanged").GetInt32());
    }

    [Fact]
    public async Task A_county_administrator_cannot_import_into_another_county()
    {
        var countyAdmin = await server.SignInAsync("zhaodong.approver");
        var problem = await (await countyAdmin.PostAsync("/api/v1/units/import", Csv("code,name,kind,parentCode\nQA1,越权村,Village,231224101\n")))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.ErrorsFor("rows[2].parentCode"));
    }

    [Fact]
    public async Task An_applicant_may_not_import_at_all()
    {
        var applicant = await server.SignInAsync("dongsheng");
        await (await applicant.PostAsync("/api/v1/units/import", Csv("code,name,kind,parentCode\nZ1,z,Village,231224101\n"))).ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_file_that_is_not_a_spreadsheet_is_refused_with_a_reason()
    {
        var admin = await server.SignInAsync("admin");
        var problem = await (await admin.PostAsync("/api/v1/units/import", File([0x50, 0x4B, 0x03, 0x04, 1, 2, 3], "units.xlsx"))).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.ErrorsFor("file"));
        var noHeader = await (await admin.PostAsync("/api/v1/units/import", Csv("a,b,c\n1,2,3\n"))).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(noHeader.ErrorsFor("file"));
    }

    [Fact]
    public void The_csv_reader_handles_quotes_line_breaks_and_a_byte_order_mark()
    {
        var rows = CsvReader.Read("\uFEFFa,b\r\n\"x, \"\"y\"\"\",\"line\nbreak\"\r\n");
        Assert.Equal(["a", "b"], rows[0]);
        Assert.Equal(["x, \"y\"", "line\nbreak"], rows[1]);
    }
}
