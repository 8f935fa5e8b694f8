using System.Text.Json.Nodes;
using Workflows.Forms.Options;
using Workflows.Forms.Schema;
using Workflows.Forms.Tests.Support;
using Workflows.Forms.Validation;

namespace Workflows.Forms.Tests.Validation;

/// <summary>
/// Hostile or broken input never makes the library throw: submissions and definitions are
/// mutated at random (with fixed seeds, so runs repeat) and every outcome must be a plain result.
/// </summary>
public class RobustnessTests
{
    private static readonly JsonNode?[] Oddities =
    [
        null, true, false, 0, -1, 1e27m, 0.000001m, "", "x", "<script>alert(1)</script>", "=1/0", "2025-02-30", "files::a",
        new JsonArray(), new JsonArray(1, "a", null), new JsonObject(), new JsonObject { ["a"] = new JsonObject { ["b"] = 1 } },
    ];

    public static TheoryData<string> Forms => new(Repository.FormFiles.Select(f => Path.GetFileName(f)[..^".form.json".Length]));

    [Theory]
    [MemberData(nameof(Forms))]
    public void Randomly_mutated_submissions_never_make_validation_throw(string formId)
    {
        var form = Repository.Form(formId);
        var seeds = Directory.EnumerateFiles(Path.Combine(Repository.CorpusFolder, formId), "*.json")
            .Select(f => JsonNode.Parse(File.ReadAllText(f))!["submission"]!.AsObject()).ToArray();
        var random = new Random(formId.Length * 7919);

        for (var round = 0; round < 150; round++)
        {
            var submission = (JsonObject)seeds[round % seeds.Length].DeepClone();
            for (var m = 0; m < 1 + random.Next(4); m++)
            {
                Mutate(submission, random);
            }

            foreach (var mode in new[] { SubmissionMode.Submit, SubmissionMode.Draft })
            {
                var result = SubmissionValidator.Validate(form, submission.ToJsonString(), Repository.Submit() with { Mode = mode });
                Assert.NotNull(result.Data);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Randomly_mutated_definitions_never_make_the_check_or_validation_throw(string formId)
    {
        var original = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.FormsFolder, formId + ".form.json")))!.AsObject();
        var submission = JsonNode.Parse(File.ReadAllText(Directory.EnumerateFiles(Path.Combine(Repository.CorpusFolder, formId), "valid-*.json").First()))!["submission"]!.ToJsonString();
        var random = new Random(formId.Length * 104729);

        for (var round = 0; round < 100; round++)
        {
            var schema = (JsonObject)original.DeepClone();
            for (var m = 0; m < 1 + random.Next(3); m++)
            {
                Mutate(schema, random);
            }

            var json = schema.ToJsonString();
            _ = SchemaChecker.Check(json, OptionLists.Shared());
            if (FormDefinition.Parse(json).Definition is { } form)
            {
                Assert.NotNull(SubmissionValidator.Validate(form, submission, Repository.Submit()).Data);
            }
        }
    }

    private static void Mutate(JsonNode root, Random random)
    {
        var containers = new List<JsonNode>();
        Collect(root, containers);
        var target = containers[random.Next(containers.Count)];
        var replacement = Oddities[random.Next(Oddities.Length)]?.DeepClone();
        switch (target)
        {
            case JsonObject obj when obj.Count > 0:
                var key = obj.ElementAt(random.Next(obj.Count)).Key;
                switch (random.Next(3))
                {
                    case 0:
                        obj[key] = replacement;
                        break;
                    case 1:
                        obj.Remove(key);
                        break;
                    default:
                        obj["extra" + random.Next(10)] = replacement;
                        break;
                }

                break;
            case JsonArray array when array.Count > 0:
                var index = random.Next(array.Count);
                if (random.Next(2) == 0)
                {
                    array[index] = replacement;
                }
                else
                {
                    array.Add(array[index]?.DeepClone());
                }

                break;
            case JsonObject empty:
                empty["extra"] = replacement;
                break;
        }
    }

    private static void Collect(JsonNode? node, List<JsonNode> into)
    {
        if (node is JsonObject obj)
        {
            into.Add(obj);
            foreach (var (_, value) in obj)
            {
                Collect(value, into);
            }
        }
        else if (node is JsonArray array)
        {
            into.Add(array);
            foreach (var item in array)
            {
                Collect(item, into);
            }
        }
    }
}
