using System.Text.Json;
using Workflows.Engine.Model;

namespace Workflows.Engine.Tests.Shipped;

/// <summary>The repository's own <c>workflows/</c> and <c>forms/</c> folders, found from the test's output folder.</summary>
internal static class ShippedFiles
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string RepositoryRoot => Root.Value;
    public static string WorkflowsFolder => Path.Combine(RepositoryRoot, "workflows");
    public static string FormsFolder => Path.Combine(RepositoryRoot, "forms");

    public static IEnumerable<string> WorkflowFiles =>
        Directory.EnumerateFiles(WorkflowsFolder, "*.bpmn").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    public static string Read(string fileName) => File.ReadAllText(Path.Combine(WorkflowsFolder, fileName));

    public static WorkflowDefinition Deploy(string fileName)
    {
        var deployment = WorkflowDeployment.Deploy(Read(fileName));
        Assert.True(deployment.Succeeded, string.Join("\n", deployment.Problems));
        return deployment.Definition!;
    }

    /// <summary>The <c>id</c> of every shipped form, the key a workflow's <c>formKey</c> names.</summary>
    public static IReadOnlySet<string> FormIds()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(FormsFolder, "*.form.json"))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            if (document.RootElement.TryGetProperty("id", out var id) && id.GetString() is { } text) ids.Add(text);
        }
        return ids;
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Workflows.sln"))) return folder.FullName;
        }
        throw new InvalidOperationException($"no folder above {AppContext.BaseDirectory} contains Workflows.sln");
    }
}
