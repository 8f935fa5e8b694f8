using Workflows.Forms.Schema;

namespace Workflows.Forms.Validation;

/// <summary>Builds issues that name the field by label and path, in both languages.</summary>
internal sealed class Issues
{
    public List<FormIssue> Errors { get; } = [];
    public List<FormIssue> Warnings { get; } = [];

    /// <summary>Paths whose value was refused while reading; later checks skip them rather than pile on.</summary>
    public HashSet<string> Refused { get; } = new(StringComparer.Ordinal);

    public void Error(DataPath path, FormComponent? field, string code, string zh, string en)
    {
        var issue = Make(path, field, code, zh, en);
        Refused.Add(issue.Path);
        Errors.Add(issue);
    }

    public void Warning(DataPath path, FormComponent? field, string code, string zh, string en) =>
        Warnings.Add(Make(path, field, code, zh, en));

    public static FormIssue Make(DataPath path, FormComponent? field, string code, string zh, string en)
    {
        var where = path.ToString();
        var name = field?.DisplayName;
        var zhPrefix = name is null ? $"{where}：" : $"「{name}」（{where}）";
        var enPrefix = name is null ? $"{where}: " : $"\"{name}\" ({where}): ";
        return new FormIssue(where, code, zhPrefix + zh, enPrefix + en, field?.Id, field?.Label);
    }
}
