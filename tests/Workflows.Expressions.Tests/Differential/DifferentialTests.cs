using System.Text;

namespace Workflows.Expressions.Tests.Differential;

public class DifferentialTests
{
    [Fact]
    public void There_are_at_least_300_cases()
    {
        Assert.True(DifferentialCases.All.Count >= 300, $"only {DifferentialCases.All.Count} cases");
    }

    [Fact]
    public void Every_case_gives_the_browsers_answer_unless_the_difference_is_intentional()
    {
        var problems = new StringBuilder();
        foreach (var c in DifferentialCases.All)
        {
            var ours = DifferentialCases.Evaluate(c);
            var expected = DifferentialCases.Intentional.TryGetValue(c.Key, out var difference) ? difference.Ours : c.Expected;
            if (!NormalisedValue.Same(expected, ours))
            {
                problems.AppendLine($"{c.Key}\n    expected {expected.ToJsonString()}\n    ours     {ours.ToJsonString()}");
            }
        }

        Assert.True(problems.Length == 0, "cases that differ:\n" + problems);
    }

    [Fact]
    public void Feelin_and_our_interpreter_agree_on_every_case_except_the_listed_differences()
    {
        var cases = DifferentialCases.All;
        var theirs = Feelin.Evaluate(cases);
        var problems = new StringBuilder();
        for (var i = 0; i < cases.Count; i++)
        {
            var c = cases[i];
            var ours = DifferentialCases.Evaluate(c);
            var same = NormalisedValue.Same(theirs[i], ours);
            var listed = DifferentialCases.Intentional.ContainsKey(c.Key);
            if (!same && !listed)
            {
                problems.AppendLine($"{c.Key}\n    feelin {theirs[i].ToJsonString()}\n    ours   {ours.ToJsonString()}");
            }
            else if (same && listed)
            {
                problems.AppendLine($"{c.Key}\n    is listed as an intentional difference but both give {ours.ToJsonString()}");
            }

            if (!NormalisedValue.Same(theirs[i], c.Expected))
            {
                problems.AppendLine($"{c.Key}\n    feelin now gives {theirs[i].ToJsonString()}, the case file says {c.Expected.ToJsonString()}");
            }
        }

        Assert.True(problems.Length == 0, "differences from feelin:\n" + problems);
    }

    [Fact]
    public void Every_intentional_difference_names_a_case_and_is_documented()
    {
        var keys = DifferentialCases.All.Select(c => c.Key).ToHashSet();
        var docs = File.ReadAllText(Path.Combine(DifferentialCases.ProjectFolder, "..", "..", "docs", "expressions.md"));
        foreach (var difference in DifferentialCases.Intentional.Values)
        {
            Assert.True(keys.Contains(difference.Case), $"no case {difference.Case}");
            Assert.False(string.IsNullOrWhiteSpace(difference.Reason), $"no reason for {difference.Case}");
            Assert.True(docs.Contains(difference.Case, StringComparison.Ordinal), $"docs/expressions.md does not list {difference.Case}");
        }
    }
}
