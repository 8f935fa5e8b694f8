using System.Text.Json.Nodes;
using Workflows.Forms.Tests.Support;
using Workflows.Forms.Validation;

namespace Workflows.Forms.Tests.Validation;

/// <summary>
/// Valid and invalid submissions for every shipped form, one file each under
/// <c>Corpus/&lt;form id&gt;/</c>: the submission, the errors expected (path and code, exactly),
/// and optionally the paths hidden and values the cleaned data must hold.
/// </summary>
public class CorpusTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var formFile in Repository.FormFiles)
        {
            var id = Path.GetFileName(formFile)[..^".form.json".Length];
            var folder = Path.Combine(Repository.CorpusFolder, id);
            foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
            {
                data.Add(id, Path.GetFileNameWithoutExtension(file));
            }
        }

        return data;
    }

    [Fact]
    public void Every_shipped_form_has_valid_and_invalid_submissions_in_the_corpus()
    {
        foreach (var formFile in Repository.FormFiles)
        {
            var id = Path.GetFileName(formFile)[..^".form.json".Length];
            var names = Directory.EnumerateFiles(Path.Combine(Repository.CorpusFolder, id), "*.json").Select(Path.GetFileName).ToArray();
            Assert.Contains(names, n => n!.StartsWith("valid-", StringComparison.Ordinal));
            Assert.Contains(names, n => n!.StartsWith("invalid-", StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_corpus_submission_gives_exactly_the_expected_errors(string form, string name)
    {
        var (result, expected) = Run(form, name);

        var actual = result.Errors.Select(e => $"{e.Path} {e.Code}").Order(StringComparer.Ordinal).ToArray();
        var wanted = expected["expectErrors"]!.AsArray().Select(e => $"{e!["path"]} {e["code"]}").Order(StringComparer.Ordinal).ToArray();
        Assert.True(wanted.SequenceEqual(actual), $"expected:\n{string.Join("\n", wanted)}\nactual:\n{string.Join("\n", result.Errors)}");
        Assert.Equal(name.StartsWith("valid-", StringComparison.Ordinal), result.IsValid);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_corpus_submission_hides_and_computes_as_expected(string form, string name)
    {
        var (result, expected) = Run(form, name);

        if (expected["expectHidden"] is JsonArray hidden)
        {
            Assert.Equal(hidden.Select(h => (string)h!).Order(StringComparer.Ordinal), result.Hidden.Order(StringComparer.Ordinal));
            foreach (var path in hidden)
            {
                Assert.Null(Lookup(result.Data, (string)path!));
            }
        }

        if (expected["expectData"] is JsonObject data)
        {
            foreach (var (key, value) in data)
            {
                Assert.True(SubmissionValidator.SameJson(value, result.Data[key]), $"{key}: expected {value?.ToJsonString()}, got {result.Data[key]?.ToJsonString()}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_corpus_error_says_what_is_wrong_in_both_languages(string form, string name)
    {
        var (result, _) = Run(form, name);

        Assert.All(result.Errors, e =>
        {
            Assert.Contains(e.Path, e.MessageZh);
            Assert.Contains(e.Path, e.MessageEn);
        });
    }

    private static (SubmissionResult Result, JsonObject Expected) Run(string form, string name)
    {
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.CorpusFolder, form, name + ".json")))!.AsObject();
        var options = Repository.Submit(file["initialData"]?.DeepClone().AsObject());
        var result = SubmissionValidator.Validate(Repository.Form(form), file["submission"]!.ToJsonString(), options);
        return (result, file);
    }

    private static JsonNode? Lookup(JsonObject data, string path)
    {
        JsonNode? node = data;
        foreach (var part in path.Split('.'))
        {
            node = (node as JsonObject)?[part];
        }

        return node;
    }
}
