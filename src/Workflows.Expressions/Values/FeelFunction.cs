using System.Text.Json.Nodes;
using Workflows.Expressions.Evaluation;

namespace Workflows.Expressions;

/// <summary>A function value: a built-in passed by name, or a function literal such as <c>function(a, b) a &lt; b</c>.</summary>
public sealed class FeelFunction : FeelValue
{
    internal FeelFunction(string name, IReadOnlyList<string> parameters, Func<EvaluationState, FeelValue[], FeelValue> body)
    {
        Name = name;
        Parameters = parameters;
        Body = body;
    }

    public string Name { get; }
    public IReadOnlyList<string> Parameters { get; }
    internal Func<EvaluationState, FeelValue[], FeelValue> Body { get; }
    public override string TypeName => "function";
    public override JsonNode? ToJson() => null;
}
