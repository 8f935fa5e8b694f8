using System.Text.RegularExpressions;
using Workflows.Engine.Execution;
using Workflows.Engine.Tests.Support;

namespace Workflows.Engine.Tests.Parsing;

public class DocumentationExampleTests
{
    private static string ExampleProcess([System.Runtime.CompilerServices.CallerFilePath] string here = "")
    {
        var doc = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "docs", "workflow-format.md"));
        var blocks = Regex.Matches(File.ReadAllText(doc), "```xml\n(.*?)```", RegexOptions.Singleline);
        return blocks.Select(b => b.Groups[1].Value).Single(b => b.Contains("<bpmn:process"));
    }

    [Fact]
    public void The_example_in_the_format_documentation_deploys_and_runs()
    {
        var xml = Bpmn.Header + "\n" + ExampleProcess() + "\n</bpmn:definitions>";
        var s = new Scenario(xml);
        var task = Assert.Single(s.Start(new { applicant = "五一社区" }).Effects.OfType<UserTaskCreated>());
        Assert.Equal(("county", "approver", "facility-county-review"), (task.Assignment.Level, task.Assignment.Role, task.FormKey));
        s.Fire("overdue");
        Assert.Contains("remind", s.ActiveElements);
        s.Complete("countyReview", "approve");
        s.CompleteService("letter", new { documentNumber = "民社〔2026〕3号" });
        s.CompleteService("remind");
        Assert.Equal(InstanceStatus.Completed, s.State!.Status);
        Assert.Equal("民社〔2026〕3号", s.Variable("approvalNumber").GetString());
    }
}
