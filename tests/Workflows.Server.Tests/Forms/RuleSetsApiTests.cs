using System.Net;
using System.Text.Json.Nodes;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Forms;

/// <summary>Rule sets in the database: seeded, listed, read, and published by those who manage the jurisdiction.</summary>
public sealed class RuleSetsApiTests(FormsServer server) : IClassFixture<FormsServer>
{
    private static string ShippedSet(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "forms", "rulesets", file));

    private static string NextVersion(string file, int version, Action<JsonObject>? change = null)
    {
        var set = JsonNode.Parse(ShippedSet(file))!.AsObject();
        set["version"] = version;
        change?.Invoke(set);
        return set.ToJsonString();
    }

    [Fact]
    public async Task The_shipped_rule_sets_are_seeded_and_readable()
    {
        var client = await server.SignInAsync("dongsheng");
        var sets = await (await client.GetAsync("/api/v1/rulesets")).ExpectAsync(HttpStatusCode.OK);
        var byId = sets.EnumerateArray().ToDictionary(s => s.GetProperty("setId").GetString()!);
        Assert.Equal("230000", byId["heilongjiang"].GetProperty("jurisdiction").GetString());
        Assert.Equal("220000", byId["jilin"].GetProperty("jurisdiction").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, byId["national"].GetProperty("jurisdiction").ValueKind);
        var document = await (await client.GetAsync("/api/v1/rulesets/jilin/versions/1")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("JL-A6-urban-premises-500", document.GetProperty("rules")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_unit_administrator_publishes_only_for_their_subtree()
    {
        var provinceAdmin = await server.SignInAsync("hlj.admin");
        var published = await (await provinceAdmin.PostRawJsonAsync("/api/v1/rulesets", NextVersion("heilongjiang.json", 2, s => s["effectiveFrom"] = "2027-01-01")))
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(2, published.GetProperty("version").GetInt32());
        var versions = await (await provinceAdmin.GetAsync("/api/v1/rulesets/heilongjiang/versions")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, versions.GetArrayLength());

        await (await provinceAdmin.PostRawJsonAsync("/api/v1/rulesets", NextVersion("jilin.json", 2))).ExpectAsync(HttpStatusCode.Forbidden);
        await (await provinceAdmin.PostRawJsonAsync("/api/v1/rulesets", NextVersion("national.json", 2))).ExpectAsync(HttpStatusCode.Forbidden);
        // A county's administrator manages the county, not the province.
        var countyAdmin = await server.SignInAsync("zhaodong.approver");
        await (await countyAdmin.PostRawJsonAsync("/api/v1/rulesets", NextVersion("heilongjiang.json", 3))).ExpectAsync(HttpStatusCode.Forbidden);
        var countySet = NextVersion("heilongjiang.json", 1, s => { s["id"] = "zhaodong"; s["jurisdiction"] = "231282"; });
        await (await countyAdmin.PostRawJsonAsync("/api/v1/rulesets", countySet)).ExpectAsync(HttpStatusCode.Created);

        var admin = await server.SignInAsync("admin");
        await (await admin.PostRawJsonAsync("/api/v1/rulesets", NextVersion("national.json", 2))).ExpectAsync(HttpStatusCode.Created);
        // An older version number, or a different document under a version that exists, is a conflict.
        await (await admin.PostRawJsonAsync("/api/v1/rulesets", NextVersion("jilin.json", 1, s => s["effectiveFrom"] = "2011-01-01"))).ExpectAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_invalid_rule_set_is_refused_naming_the_place()
    {
        var admin = await server.SignInAsync("admin", "en");
        var broken = NextVersion("jilin.json", 5, s => s["rules"]![0]!["condition"] = "planned_premises_m2 >=");
        var problem = await (await admin.PostRawJsonAsync("/api/v1/rulesets", broken)).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.ErrorsFor("rules[0].condition"));
        await (await admin.GetAsync("/api/v1/rulesets/jilin/versions/5")).ExpectAsync(HttpStatusCode.NotFound);
    }
}
