using System.Globalization;
using System.Text.Json.Nodes;
using Workflows.Expressions;
using Workflows.Forms.Schema;
using Workflows.Forms.Validation;

namespace Workflows.Forms.RuleSets;

public enum RuleStatus
{
    /// <summary>The rule's <c>when</c> did not hold.</summary>
    NotApplicable,
    Passed,
    Failed,

    /// <summary>The condition could not be decided (data missing, or not a boolean); nothing is reported.</summary>
    Undecided,
}

/// <summary>The result of one rule: its status and, for a failure, how much it weighs.</summary>
public sealed record RuleOutcome(SelectedRule Selected, RuleStatus Status, Severity? Severity, FeelError? Error);

/// <summary>All outcomes, and the failures as issues ready to show beside the form's own checks.</summary>
public sealed record RuleReport(IReadOnlyList<RuleOutcome> Outcomes, IReadOnlyList<FormIssue> Errors, IReadOnlyList<FormIssue> Warnings)
{
    public bool HasErrors => Errors.Count > 0;
}

/// <summary>Evaluates selected rules against cleaned submission data.</summary>
public static class RuleEvaluator
{
    public static RuleReport Evaluate(RuleSelection selection, JsonObject data, DateOnly date)
    {
        var variables = new JsonObject();
        foreach (var (key, value) in data)
        {
            variables[key] = value?.DeepClone();
        }

        var parameters = new JsonObject();
        foreach (var (key, value) in selection.Parameters)
        {
            parameters[key] = value?.DeepClone();
        }

        variables["parameters"] = parameters;
        var feelVariables = (FeelContextValue)FeelValue.FromObject(variables);
        var context = FeelContext.FromValue(feelVariables.With("ruleDate", new FeelDate(date)), new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

        var outcomes = new List<RuleOutcome>();
        var errors = new List<FormIssue>();
        var warnings = new List<FormIssue>();
        foreach (var selected in selection.Rules)
        {
            var rule = selected.Rule;
            if (rule.When is not null)
            {
                var applies = Run(rule.When, context);
                if (applies.Error is not null || !applies.Value.IsTrue)
                {
                    outcomes.Add(new RuleOutcome(selected, applies.Error is null ? RuleStatus.NotApplicable : RuleStatus.Undecided, null, applies.Error));
                    continue;
                }
            }

            var result = Run(rule.Condition, context);
            if (result.Error is not null || result.Value is not FeelBoolean holds)
            {
                outcomes.Add(new RuleOutcome(selected, RuleStatus.Undecided, null, result.Error));
                continue;
            }

            if (holds.Value)
            {
                outcomes.Add(new RuleOutcome(selected, RuleStatus.Passed, null, null));
                continue;
            }

            var severity = SeverityOf(rule, date);
            outcomes.Add(new RuleOutcome(selected, RuleStatus.Failed, severity, null));
            var issue = Issue(selected);
            (severity == Severity.Error ? errors : warnings).Add(issue);
        }

        return new RuleReport(outcomes, errors, warnings);
    }

    /// <summary>Binding rules are errors; the others warn unless raised to errors, or once their <c>errorFrom</c> date has come.</summary>
    public static Severity SeverityOf(Rule rule, DateOnly date) =>
        rule.Kind == RuleKind.Binding || rule.RaisedToError || (rule.ErrorFrom is { } from && date >= from) ? Severity.Error : Severity.Warning;

    private static (FeelValue Value, FeelError? Error) Run(string expression, FeelContext context)
    {
        var compiled = Feel.Compile(expression);
        if (!compiled.Succeeded)
        {
            return (FeelValue.Null, compiled.Error);
        }

        var result = compiled.Expression!.Evaluate(context);
        return (result.Value, result.Error);
    }

    private static FormIssue Issue(SelectedRule selected)
    {
        var rule = selected.Rule;
        var set = selected.From;
        var source = $"{rule.Citation.Seed}「{rule.Citation.Quote}」{rule.Citation.Section}";
        var where = set.JurisdictionName ?? set.Jurisdiction ?? "全国 / national";
        return new FormIssue(
            rule.Field ?? "",
            "RULE_" + rule.Id,
            $"{rule.Message.Zh}（{Kind(rule.Kind).Zh}，{where}，{set.Title.Zh} 第 {set.Version.ToString(CultureInfo.InvariantCulture)} 版；依据 {source}）",
            $"{rule.Message.En} ({Kind(rule.Kind).En}, {where}, {set.Title.En} v{set.Version.ToString(CultureInfo.InvariantCulture)}; source {source})");
    }

    private static (string Zh, string En) Kind(RuleKind kind) => kind switch
    {
        RuleKind.Binding => ("约束性规定", "binding"),
        RuleKind.Target => ("目标", "target"),
        RuleKind.Recommendation => ("建议", "recommendation"),
        _ => ("地方做法", "local practice"),
    };
}
