using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Organisation;

public sealed class UnitsApiTests(WorkflowsServer server) : IClassFixture<WorkflowsServer>
{
    [Fact]
    public async Task The_demo_tree_has_every_level_from_province_to_community()
    {
        var client = await server.SignInAsync("dongsheng");
        var community = await server.UnitIdAsync("231282001001");
        var detail = await (await client.GetAsync($"/api/v1/units/{community}")).ExpectAsync(HttpStatusCode.OK);
        var chain = detail.GetProperty("ancestors").EnumerateArray().Select(a => a.GetProperty("name").GetString()).ToList();
        Assert.Equal(["黑龙江省", "绥化市", "肇东市", "东城街道"], chain);
        Assert.Equal("社区", detail.GetProperty("unit").GetProperty("kindLabel").GetString());
    }

    [Fact]
    public async Task A_unit_administrator_adds_a_community_under_their_county()
    {
        var client = await server.SignInAsync("zhaodong.approver");
        var street = await server.UnitIdAsync("231282002");
        var created = await (await client.PostJsonAsync("/api/v1/units", new { code = "231282002009", name = "新建社区", kind = "社区", parentId = street }))
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("Community", created.GetProperty("level").GetString());
        var children = await (await client.GetAsync($"/api/v1/units/{street}/children")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(children.EnumerateArray(), c => c.GetProperty("code").GetString() == "231282002009");
    }

    [Fact]
    public async Task A_unit_administrator_cannot_add_units_in_another_county()
    {
        var client = await server.SignInAsync("zhaodong.approver");
        var otherCounty = await server.UnitIdAsync("231224101");
        await (await client.PostJsonAsync("/api/v1/units", new { code = "X-OTHER-1", name = "越权村", kind = "村", parentId = otherCounty }))
            .ExpectAsync(HttpStatusCode.Forbidden);
        Assert.False(await server.WithDbAsync(db => db.Units.AnyAsync(u => u.Code == "X-OTHER-1")));
    }

    [Fact]
    public async Task A_second_unit_with_an_existing_code_is_refused_naming_the_code_field()
    {
        var client = await server.SignInAsync("admin");
        var county = await server.UnitIdAsync("231282");
        var problem = await (await client.PostJsonAsync("/api/v1/units", new { code = "231282001", name = "重复", kind = "街道", parentId = county }))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("231282001", Assert.Single(problem.ErrorsFor("code")));
        Assert.Equal("application/problem+json", (await client.PostJsonAsync("/api/v1/units", new { code = "231282001", name = "重复", kind = "街道", parentId = county })).Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Bad_fields_are_each_named_in_one_answer()
    {
        var client = await server.SignInAsync("admin");
        var problem = await (await client.PostJsonAsync("/api/v1/units", new { code = "bad code!", name = new string('长', 101), kind = "星球", parentId = Guid.NewGuid() }))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.ErrorsFor("code"));
        Assert.NotEmpty(problem.ErrorsFor("name"));
        Assert.NotEmpty(problem.ErrorsFor("kind"));
        Assert.NotEmpty(problem.ErrorsFor("parentId"));
    }

    [Fact]
    public async Task A_community_directly_under_a_province_is_a_wrong_level_order()
    {
        var client = await server.SignInAsync("admin");
        var province = await server.UnitIdAsync("230000");
        var problem = await (await client.PostJsonAsync("/api/v1/units", new { code = "LEVEL-1", name = "错层社区", kind = "Community", parentId = province }))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("层级", Assert.Single(problem.ErrorsFor("kind")));
    }

    [Fact]
    public async Task Malformed_json_and_unknown_fields_are_400s_that_name_the_field()
    {
        var client = await server.SignInAsync("admin", "en");
        var malformed = await (await client.PostRawJsonAsync("/api/v1/units", "{\"code\": \"A1\", \"name\": ")).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(400, malformed.GetProperty("status").GetInt32());

        var unknown = await (await client.PostRawJsonAsync("/api/v1/units", "{\"code\":\"A2\",\"name\":\"n\",\"kind\":\"Province\",\"colour\":\"red\"}"))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["is not a known field"], unknown.ErrorsFor("colour"));

        var wrongType = await (await client.PostRawJsonAsync("/api/v1/units", "{\"code\":\"A3\",\"name\":\"n\",\"kind\":\"Province\",\"parentId\":42}"))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(wrongType.ErrorsFor("parentId"));
    }

    [Fact]
    public async Task Moving_a_unit_under_its_own_descendant_is_refused_as_a_cycle()
    {
        var client = await server.SignInAsync("admin");
        var county = await (await client.GetAsync($"/api/v1/units/{await server.UnitIdAsync("230229")}")).ExpectAsync(HttpStatusCode.OK);
        var town = await server.UnitIdAsync("230229100");
        var problem = await (await client.PutAsJsonAsync($"/api/v1/units/{county.GetProperty("unit").GetProperty("id").GetGuid()}",
                new { name = "克山县", parentId = town, version = county.GetProperty("unit").GetProperty("version").GetInt32() }))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("循环", Assert.Single(problem.ErrorsFor("parentId")));
    }

    [Fact]
    public async Task Moving_a_county_to_another_city_moves_its_whole_subtree_and_the_access_that_follows()
    {
        var admin = await server.SignInAsync("admin");
        var acheng = (await (await admin.GetAsync($"/api/v1/units/{await server.UnitIdAsync("230112")}")).ExpectAsync(HttpStatusCode.OK)).GetProperty("unit");
        var daqing = await server.UnitIdAsync("230600");
        await (await admin.PutAsJsonAsync($"/api/v1/units/{acheng.GetProperty("id").GetGuid()}",
            new { name = "阿城区", parentId = daqing, version = acheng.GetProperty("version").GetInt32() })).ExpectAsync(HttpStatusCode.OK);

        var communityPath = await server.WithDbAsync(db => db.Units.Where(u => u.Code == "230112001001").Select(u => u.Path).SingleAsync());
        var daqingPath = await server.WithDbAsync(db => db.Units.Where(u => u.Code == "230600").Select(u => u.Path).SingleAsync());
        Assert.StartsWith(daqingPath, communityPath);
    }

    [Fact]
    public async Task A_stale_version_is_a_conflict_and_changes_nothing()
    {
        var admin = await server.SignInAsync("admin");
        var id = await server.UnitIdAsync("230722");
        var current = (await (await admin.GetAsync($"/api/v1/units/{id}")).ExpectAsync(HttpStatusCode.OK)).GetProperty("unit");
        var version = current.GetProperty("version").GetInt32();
        await (await admin.PutAsJsonAsync($"/api/v1/units/{id}", new { name = "嘉荫县（改）", parentId = current.GetProperty("parentId").GetGuid(), version })).ExpectAsync(HttpStatusCode.OK);
        await (await admin.PutAsJsonAsync($"/api/v1/units/{id}", new { name = "嘉荫县（旧）", parentId = current.GetProperty("parentId").GetGuid(), version })).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("嘉荫县（改）", await server.WithDbAsync(db => db.Units.Where(u => u.Id == id).Select(u => u.Name).SingleAsync()));
    }

    [Fact]
    public async Task A_unit_with_children_or_people_cannot_be_deleted_but_an_empty_one_can()
    {
        var admin = await server.SignInAsync("admin");
        await (await admin.DeleteAsync($"/api/v1/units/{await server.UnitIdAsync("231282")}")).ExpectAsync(HttpStatusCode.Conflict);
        await (await admin.DeleteAsync($"/api/v1/units/{await server.UnitIdAsync("230800")}")).ExpectAsync(HttpStatusCode.NoContent);
        Assert.False(await server.WithDbAsync(db => db.Units.AnyAsync(u => u.Code == "230800")));
    }

    [Fact]
    public async Task An_unknown_unit_id_is_a_404_problem()
    {
        var client = await server.SignInAsync("dongsheng");
        var problem = await (await client.GetAsync($"/api/v1/units/{Guid.NewGuid()}")).ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal("not-found", problem.GetProperty("code").GetString());
    }
}
