using System.Net;
using System.Text;
using Workflows.Server.Tests.Infrastructure;
using static Workflows.Server.Tests.Runtime.Cases;

namespace Workflows.Server.Tests.Runtime;

public sealed class DeploymentTests(WorkflowsServer server) : IClassFixture<WorkflowsServer>
{
    private static StringContent Xml(string xml) => new(xml, Encoding.UTF8, "application/xml");

    [Fact]
    public async Task The_workflows_folder_is_deployed_at_start_up()
    {
        var client = await server.SignInAsync("dongsheng");
        var list = await (await client.GetAsync("/api/v1/workflows")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(list.EnumerateArray(), w => w.GetProperty("processId").GetString() == Process);
    }

    [Fact]
    public async Task A_new_version_never_changes_running_cases_and_the_same_file_makes_no_new_version()
    {
        var admin = await server.SignInAsync("admin");
        var applicant = await server.SignInAsync("dongsheng");
        var running = await StartAsync(applicant, "版本测试");
        var original = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Workflows", "test-three-level.bpmn"));

        var same = await (await admin.PostAsync("/api/v1/workflows", Xml(original))).ExpectAsync(HttpStatusCode.OK);
        Assert.False(same.GetProperty("created").GetBoolean());

        var changed = original.Replace("name=\"县级审核\"", "name=\"县级初审\"");
        var deployed = await (await admin.PostAsync("/api/v1/workflows", Xml(changed))).ExpectAsync(HttpStatusCode.Created);
        var version = deployed.GetProperty("version").GetProperty("version").GetInt32();
        Assert.True(version >= 2);

        var detail = await CaseAsync(applicant, running);
        Assert.Equal(version - 1, detail.GetProperty("instance").GetProperty("version").GetInt32());
        var fresh = await StartAsync(applicant, "新版本测试");
        Assert.Equal(version, (await CaseAsync(applicant, fresh)).GetProperty("instance").GetProperty("version").GetInt32());
        var versions = await (await admin.GetAsync($"/api/v1/workflows/{Process}/versions")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(version, versions.EnumerateArray().First().GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_broken_definition_is_refused_with_problems_naming_elements_and_nothing_is_stored()
    {
        var admin = await server.SignInAsync("admin");
        var before = await (await admin.GetAsync("/api/v1/workflows")).ExpectAsync(HttpStatusCode.OK);
        var broken = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
              <bpmn:process id="broken" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="nowhere" />
              </bpmn:process>
            </bpmn:definitions>
            """;
        var problem = await (await admin.PostAsync("/api/v1/workflows", Xml(broken))).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains(problem.GetProperty("errors").EnumerateObject(), e => e.Name.StartsWith("elements["));
        var malformed = await (await admin.PostAsync("/api/v1/workflows", Xml("<not-xml"))).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.True(malformed.GetProperty("errors").EnumerateObject().Any());
        var after = await (await admin.GetAsync("/api/v1/workflows")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(before.GetArrayLength(), after.GetArrayLength());
    }

    [Fact]
    public async Task Only_system_administrators_deploy()
    {
        var approver = await server.SignInAsync("hlj.approver");
        await (await approver.PostAsync("/api/v1/workflows", Xml("<x/>"))).ExpectAsync(HttpStatusCode.Forbidden);
    }
}
