using System.Text.Json.Nodes;
using Workflows.Forms.Options;
using Workflows.Forms.Schema;
using Workflows.Forms.Validation;

namespace Workflows.Forms.Tests.Support;

/// <summary>Finds the repository's shipped forms, rule sets and the test corpus.</summary>
public static class Repository
{
    public static readonly DateTimeOffset Now = new(2025, 6, 15, 10, 0, 0, TimeSpan.FromHours(8));

    public static string Root { get; } = FindRoot();

    public static string FormsFolder => Path.Combine(Root, "forms");

    public static string RuleSetsFolder => Path.Combine(Root, "forms", "rulesets");

    public static string TestsFolder => Path.Combine(Root, "tests", "Workflows.Forms.Tests");

    public static string CorpusFolder => Path.Combine(TestsFolder, "Corpus");

    public static IEnumerable<string> FormFiles => Directory.EnumerateFiles(FormsFolder, "*.form.json").Order(StringComparer.Ordinal);

    public static FormDefinition Form(string id)
    {
        var parsed = FormDefinition.Parse(File.ReadAllText(Path.Combine(FormsFolder, id + ".form.json")));
        Assert.True(parsed.Succeeded, string.Join("\n", parsed.Problems));
        return parsed.Definition!;
    }

    public static FormDefinition Schema(string json)
    {
        var parsed = FormDefinition.Parse(json);
        Assert.True(parsed.Succeeded, string.Join("\n", parsed.Problems));
        return parsed.Definition!;
    }

    public static SubmissionOptions Submit(JsonObject? initialData = null) => new()
    {
        Now = Now,
        OptionLists = OptionLists.Shared(),
        InitialData = initialData,
    };

    public static SubmissionOptions Draft() => Submit() with { Mode = SubmissionMode.Draft };

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Workflows.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("cannot find the repository root (Workflows.sln) above " + AppContext.BaseDirectory);
    }
}
