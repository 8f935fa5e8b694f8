using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Forms.Schema;
using Workflows.Forms.Tests.Support;
using Workflows.Forms.Validation;

namespace Workflows.Forms.Tests.Agreement;

/// <summary>
/// The server must hide and compute exactly what the browser does. Each case in
/// <c>Corpus/agreement</c> is validated on the server and run through a model of the viewer under
/// feelin; the hidden paths and the computed values must be the same.
/// </summary>
public class BrowserAgreementTests
{
    private static readonly Lazy<IReadOnlyDictionary<string, JsonObject>> BrowserResults = new(RunAll);

    public static TheoryData<string> Cases => new(CaseFiles().Select(Path.GetFileNameWithoutExtension)!);

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_server_hides_the_same_fields_as_the_browser(string name)
    {
        var (_, result) = Server(name);
        var browser = BrowserResults.Value[name];
        Assert.True(browser["error"] is null, (string?)browser["error"]);

        var expected = browser["hidden"]!.AsArray().Select(h => (string)h!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, result.Hidden.Order(StringComparer.Ordinal).ToArray());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_server_computes_the_same_values_as_the_browser(string name)
    {
        var (_, result) = Server(name);
        var computed = BrowserResults.Value[name]["computed"]!.AsObject();
        Assert.NotEmpty(computed);

        foreach (var (path, browserValue) in computed)
        {
            var serverValue = Find(result.Data, path);
            Assert.True(Same(browserValue, serverValue), $"{name} {path}: browser {browserValue?.ToJsonString() ?? "null"}, server {serverValue?.ToJsonString() ?? "null"}");
        }
    }

    [Fact]
    public void A_missing_feelin_installation_fails_with_a_clear_instruction()
    {
        var folder = Feelin.Folder;
        Assert.True(Directory.Exists(Path.Combine(folder, "node_modules", "feelin")), $"feelin is not installed: run `npm ci` in {folder}");
    }

    private static IEnumerable<string> CaseFiles() => Directory.EnumerateFiles(Path.Combine(Repository.CorpusFolder, "agreement"), "*.json").Order(StringComparer.Ordinal);

    private static (FormDefinition Form, SubmissionOptions Options, JsonObject Submission) Load(string name)
    {
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.CorpusFolder, "agreement", name + ".json")))!.AsObject();
        var form = file["form"] is JsonValue id ? Repository.Form((string)id!) : Repository.Schema(file["schema"]!.ToJsonString());
        var options = Repository.Submit(file["initialData"]?.DeepClone().AsObject());
        return (form, options, file["submission"]!.AsObject());
    }

    private static (FormDefinition Form, SubmissionResult Result) Server(string name)
    {
        var (form, options, submission) = Load(name);
        return (form, SubmissionValidator.Validate(form, (JsonObject)submission.DeepClone(), options));
    }

    private static IReadOnlyDictionary<string, JsonObject> RunAll()
    {
        var names = CaseFiles().Select(f => Path.GetFileNameWithoutExtension(f)!).ToArray();
        var cases = names.Select(name =>
        {
            var (form, options, submission) = Load(name);
            var (state, opened) = SubmissionValidator.Prepare(form, (JsonObject)submission.DeepClone(), options, read: true);
            return new JsonObject { ["id"] = name, ["schema"] = form.Raw.DeepClone(), ["state"] = state, ["opened"] = opened };
        }).ToArray();
        var results = Feelin.Run(Repository.Now, cases);
        return results.ToDictionary(r => (string)r["id"]!, r => r);
    }

    private static JsonNode? Find(JsonObject data, string path)
    {
        JsonNode? node = data;
        foreach (var part in System.Text.RegularExpressions.Regex.Matches(path, "[^.\\[\\]]+|\\[\\d+\\]").Select(m => m.Value))
        {
            node = part.StartsWith('[') ? (node as JsonArray)?[int.Parse(part[1..^1], System.Globalization.CultureInfo.InvariantCulture)] : (node as JsonObject)?[part];
        }

        return node;
    }

    /// <summary>Equal as JSON, numbers compared as numbers (feelin uses binary floats, the server decimals).</summary>
    private static bool Same(JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (a.GetValueKind() == JsonValueKind.Number && b.GetValueKind() == JsonValueKind.Number)
        {
            var x = double.Parse(a.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
            var y = double.Parse(b.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
            return Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Abs(x));
        }

        return JsonNode.DeepEquals(a, b);
    }
}
