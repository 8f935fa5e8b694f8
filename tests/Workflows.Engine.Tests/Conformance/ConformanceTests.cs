using Workflows.Engine.Tests.Support;

namespace Workflows.Engine.Tests.Conformance;

/// <summary>
/// Every <c>*.trace</c> file in this folder is a script for the model named by its first part
/// (<c>03-three-level.rejected.trace</c> runs <c>03-three-level.bpmn</c>) with the transcript it
/// must produce. Set WORKFLOWS_UPDATE_CONFORMANCE=1 to rewrite the transcripts after a deliberate change,
/// then read the diff.
/// </summary>
public class ConformanceTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Conformance");

    public static TheoryData<string> Scripts()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Folder, "*.trace").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Model_follows_its_expected_trace(string script)
    {
        var model = script.Split('.')[0] + ".bpmn";
        var deployment = WorkflowDeployment.Deploy(File.ReadAllText(Path.Combine(Folder, model)));
        Assert.True(deployment.Succeeded, string.Join("\n", deployment.Problems));
        var expected = File.ReadAllText(Path.Combine(Folder, script));
        var actual = new ConformanceScript(deployment.Definition!).Run(expected.Split('\n'));

        if (Environment.GetEnvironmentVariable("WORKFLOWS_UPDATE_CONFORMANCE") == "1")
        {
            var source = Path.Combine(SourceFolder(), script);
            File.WriteAllText(source, actual);
            return;
        }
        Assert.Equal(expected.ReplaceLineEndings("\n"), actual.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void The_suite_has_at_least_forty_models()
    {
        Assert.True(Directory.GetFiles(Folder, "*.bpmn").Length >= 40);
    }

    private static string SourceFolder([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
