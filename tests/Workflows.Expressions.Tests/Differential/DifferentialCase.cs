using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflows.Expressions.Tests.Differential;

/// <summary>One case: an expression (or unary tests with an input), its variables, and the browser's answer.</summary>
public sealed record DifferentialCase(string File, string Expression, JsonNode? Context, bool UnaryTests, JsonNode? Input, JsonNode Expected)
{
    /// <summary>How the intentional-differences list refers to a case.</summary>
    public string Key => File + ": " + Expression + (UnaryTests ? " ?= " + (Input?.ToJsonString() ?? "null") : "");

    public override string ToString() => Key;
}

public sealed record IntentionalDifference(string Case, string Reason, JsonNode Ours);

/// <summary>Reads the case files from the test project's source folder (not copied to the output).</summary>
public static class DifferentialCases
{
    public static readonly DateTimeOffset Now = new(2026, 3, 15, 10, 30, 0, TimeSpan.Zero);

    private static readonly Lazy<IReadOnlyList<DifferentialCase>> Loaded = new(Load);
    private static readonly Lazy<IReadOnlyDictionary<string, IntentionalDifference>> Differences = new(LoadDifferences);

    public static IReadOnlyList<DifferentialCase> All => Loaded.Value;

    public static IReadOnlyDictionary<string, IntentionalDifference> Intentional => Differences.Value;

    public static string ProjectFolder { get; } = FindProjectFolder();

    public static string Folder => Path.Combine(ProjectFolder, "Differential");

    private static string FindProjectFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "Workflows.Expressions.Tests.csproj");
            if (File.Exists(candidate))
            {
                return dir.FullName;
            }

            var nested = Path.Combine(dir.FullName, "tests", "Workflows.Expressions.Tests");
            if (File.Exists(Path.Combine(nested, "Workflows.Expressions.Tests.csproj")))
            {
                return nested;
            }
        }

        throw new InvalidOperationException("cannot find the Workflows.Expressions.Tests project folder from " + AppContext.BaseDirectory);
    }

    private static IReadOnlyList<DifferentialCase> Load()
    {
        var contexts = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "contexts.json")))!.AsObject();
        var cases = new List<DifferentialCase>();
        foreach (var path in Directory.GetFiles(Path.Combine(Folder, "Cases"), "*.json").Order(StringComparer.Ordinal))
        {
            var file = Path.GetFileNameWithoutExtension(path);
            foreach (var item in JsonNode.Parse(File.ReadAllText(path))!.AsArray())
            {
                var context = item!["context"];
                if (context is JsonValue named && named.GetValueKind() == JsonValueKind.String)
                {
                    context = contexts[named.GetValue<string>()];
                }

                cases.Add(new DifferentialCase(
                    file,
                    item["expression"]!.GetValue<string>(),
                    context?.DeepClone(),
                    item["unaryTests"]?.GetValue<bool>() ?? false,
                    item["input"]?.DeepClone(),
                    item["expected"]!.DeepClone()));
            }
        }

        return cases;
    }

    private static IReadOnlyDictionary<string, IntentionalDifference> LoadDifferences()
    {
        var list = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "intentional-differences.json")))!.AsArray();
        return list.Select(item => new IntentionalDifference(
                item!["case"]!.GetValue<string>(),
                item["reason"]!.GetValue<string>(),
                item["ours"]!.DeepClone()))
            .ToDictionary(d => d.Case, StringComparer.Ordinal);
    }

    /// <summary>Our answer for a case, in the same normalised form the Node script writes.</summary>
    public static JsonNode Evaluate(DifferentialCase c)
    {
        var compilation = c.UnaryTests ? Feel.CompileUnaryTests(c.Expression) : Feel.Compile(c.Expression);
        if (!compilation.Succeeded)
        {
            return new JsonObject { ["error"] = true };
        }

        using var variables = JsonDocument.Parse(c.Context?.ToJsonString() ?? "{}");
        var context = FeelContext.FromJson(variables.RootElement, Now);
        if (c.UnaryTests)
        {
            using var input = JsonDocument.Parse(c.Input?.ToJsonString() ?? "null");
            context = context.WithInputValue(FeelValue.FromJson(input.RootElement));
        }

        var result = compilation.Expression!.Evaluate(context);
        return result.Succeeded ? NormalisedValue.Of(result.Value) : new JsonObject { ["error"] = true };
    }
}
