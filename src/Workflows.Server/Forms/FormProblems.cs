using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Forms.RuleSets;
using Workflows.Forms.Schema;
using Workflows.Forms.Validation;
using Workflows.Server.Hosting;

namespace Workflows.Server.Forms;

/// <summary>One error or warning about form data, as the API shows it: path, stable code, message in the caller's language.</summary>
public sealed record IssueView(string Path, string Code, string Message, string? FieldId, string? Label);

/// <summary>
/// Problems of forms, rule sets and uploads as RFC 9457 validation problems: <c>errors</c> keyed by the
/// field's data path (or the component's place in the schema), plus every issue with its code under
/// <c>issues</c> and the warnings under <c>warnings</c>.
/// </summary>
public static class FormProblems
{
    public static IssueView View(FormIssue issue, Language language) =>
        new(PathOf(issue.Path), issue.Code, language == Language.English ? issue.MessageEn : issue.MessageZh, issue.FieldId, issue.Label);

    public static List<IssueView> Views(IEnumerable<FormIssue> issues, Language language) => issues.Select(i => View(i, language)).ToList();

    public static ValidationProblem Validation(HttpContext http, IReadOnlyList<FormIssue> errors, IReadOnlyList<FormIssue>? warnings = null)
    {
        var language = Languages.Of(http);
        var views = Views(errors, language);
        var extensions = new Dictionary<string, object?>
        {
            ["requestId"] = http.TraceIdentifier,
            ["code"] = "validation",
            ["issues"] = views,
            ["warnings"] = Views(warnings ?? [], language),
        };
        return Build(http, views.Select(v => (v.Path, v.Message)), extensions);
    }

    /// <summary>A form definition that does not pass the deploy check: each problem keyed by the component's place, naming the component.</summary>
    public static ValidationProblem Schema(HttpContext http, IEnumerable<SchemaProblem> problems)
    {
        var language = Languages.Of(http);
        var errors = problems.Where(p => p.Severity == Severity.Error).Select(p =>
        {
            var name = p.ComponentId ?? p.Key ?? p.Label;
            var message = language == Language.English ? p.MessageEn : p.MessageZh;
            var named = name is null ? message : language == Language.English ? $"component \"{name}\": {message}" : $"组件「{name}」：{message}";
            return (p.Location, Message: $"{named} [{p.Code}]");
        }).ToList();
        return Build(http, errors, new Dictionary<string, object?> { ["requestId"] = http.TraceIdentifier, ["code"] = "invalid-form" });
    }

    public static ValidationProblem RuleSet(HttpContext http, IEnumerable<RuleSetProblem> problems)
    {
        var language = Languages.Of(http);
        return Build(http, problems.Select(p => (p.Location, language == Language.English ? p.MessageEn : p.MessageZh)),
            new Dictionary<string, object?> { ["requestId"] = http.TraceIdentifier, ["code"] = "invalid-rule-set" });
    }

    private static ValidationProblem Build(HttpContext http, IEnumerable<(string Path, string Message)> errors, Dictionary<string, object?> extensions)
    {
        var language = Languages.Of(http);
        var grouped = errors.GroupBy(e => e.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        var title = new Text("请求中有错误", "The request has errors");
        return TypedResults.ValidationProblem(grouped,
            detail: string.Join("; ", grouped.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")),
            title: title.In(language),
            type: Problems.TypeBase + "validation",
            extensions: extensions);
    }

    private static string PathOf(string path) => string.IsNullOrEmpty(path) ? "$" : path;
}
