namespace Workflows.Engine.Validation;

public enum ProblemSeverity { Error, Warning }

/// <summary>One finding about a definition, in Chinese and English, tied to the element it concerns.</summary>
public sealed record ValidationProblem(
    ProblemSeverity Severity,
    string Code,
    string? ElementId,
    string? ElementName,
    string MessageZh,
    string MessageEn)
{
    public override string ToString() =>
        $"{Severity} {Code} [{ElementId ?? "-"}{(ElementName is null ? "" : " " + ElementName)}]: {MessageEn}";
}

/// <summary>Collects problems while a definition is read and checked.</summary>
internal sealed class ProblemList
{
    private readonly List<ValidationProblem> _items = [];

    public IReadOnlyList<ValidationProblem> Items => _items;
    public bool HasErrors => _items.Any(p => p.Severity == ProblemSeverity.Error);

    public void Error(string code, string? id, string? name, string zh, string en) =>
        _items.Add(new ValidationProblem(ProblemSeverity.Error, code, id, name, zh, en));

    public void Warning(string code, string? id, string? name, string zh, string en) =>
        _items.Add(new ValidationProblem(ProblemSeverity.Warning, code, id, name, zh, en));
}
