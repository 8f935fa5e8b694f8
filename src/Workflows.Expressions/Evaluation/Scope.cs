namespace Workflows.Expressions.Evaluation;

/// <summary>
/// Name bindings, innermost first: a loop variable, a function parameter, a filter item's entries,
/// a context literal's earlier entries, and finally the caller's variables.
/// </summary>
internal sealed class Scope
{
    private readonly string? name;
    private readonly FeelValue? value;
    private readonly FeelContextValue? entries;

    private Scope(EvaluationState evaluation, Scope? parent, string? name, FeelValue? value, FeelContextValue? entries)
    {
        Evaluation = evaluation;
        Parent = parent;
        this.name = name;
        this.value = value;
        this.entries = entries;
    }

    public EvaluationState Evaluation { get; }
    public Scope? Parent { get; }

    public static Scope Global(EvaluationState evaluation) => new(evaluation, null, null, null, evaluation.Context.Variables);

    public Scope Bind(string bindingName, FeelValue bindingValue) => new(Evaluation, this, bindingName, bindingValue, null);

    public Scope BindAll(FeelContextValue bindings) => new(Evaluation, this, null, null, bindings);

    public bool TryLookup(string key, out FeelValue found)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope.entries is not null)
            {
                if (scope.entries.TryGet(key, out found))
                {
                    return true;
                }
            }
            else if (string.Equals(scope.name, key, StringComparison.Ordinal))
            {
                found = scope.value!;
                return true;
            }
        }

        found = FeelValue.Null;
        return false;
    }
}
