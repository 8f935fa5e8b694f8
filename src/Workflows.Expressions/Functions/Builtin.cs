using Workflows.Expressions.Evaluation;

namespace Workflows.Expressions.Functions;

/// <summary>One signature of a built-in function, with the parameter names used by named arguments.</summary>
internal sealed class BuiltinOverload
{
    public BuiltinOverload(string signature, Func<EvaluationState, FeelValue[], FeelValue> body)
    {
        // "string, start position, length?" or "list..."
        var parts = signature.Length == 0 ? [] : signature.Split(", ");
        Variadic = parts.Length > 0 && parts[^1].EndsWith("...", StringComparison.Ordinal);
        Parameters = parts.Select(p => p.TrimEnd('?', '.')).ToArray();
        Required = parts.Count(p => !p.EndsWith('?') && !p.EndsWith("...", StringComparison.Ordinal)) + (Variadic ? 1 : 0);
        Body = body;
    }

    public string[] Parameters { get; }
    public int Required { get; }
    public bool Variadic { get; }
    public Func<EvaluationState, FeelValue[], FeelValue> Body { get; }

    public bool AcceptsCount(int count) => count >= Required && (Variadic || count <= Parameters.Length);

    /// <summary>Places named arguments by parameter name; null when a name is unknown or a required one is missing.</summary>
    public FeelValue[]? Arrange(FeelValue[] values, string[] names)
    {
        var arranged = new FeelValue[Parameters.Length];
        var last = -1;
        for (var i = 0; i < names.Length; i++)
        {
            var at = Array.IndexOf(Parameters, names[i]);
            if (at < 0)
            {
                return null;
            }

            arranged[at] = values[i];
            last = Math.Max(last, at);
        }

        for (var i = 0; i < Required && i < arranged.Length; i++)
        {
            if (arranged[i] is null)
            {
                return null;
            }
        }

        var result = arranged.Take(last + 1).Select(v => v ?? FeelValue.Null).ToArray();
        return result.Length >= Required ? result : null;
    }
}

/// <summary>A built-in function: its overloads, and the function value it is when passed by name.</summary>
internal sealed class Builtin
{
    public Builtin(string name, IReadOnlyList<BuiltinOverload> overloads)
    {
        Name = name;
        Overloads = overloads;
        var widest = overloads.MaxBy(o => o.Parameters.Length)!;
        AsValue = new FeelFunction(name, widest.Parameters, (evaluation, arguments) => Invoke(evaluation, evaluation.CallOffset, arguments, null));
    }

    public string Name { get; }
    public IReadOnlyList<BuiltinOverload> Overloads { get; }
    public FeelFunction AsValue { get; }

    public FeelValue Invoke(EvaluationState evaluation, int offset, FeelValue[] values, string[]? names)
    {
        foreach (var overload in Overloads)
        {
            var arguments = names is null ? (overload.AcceptsCount(values.Length) ? values : null) : overload.Arrange(values, names);
            if (arguments is null)
            {
                continue;
            }

            var saved = evaluation.CallOffset;
            evaluation.CallOffset = offset;
            try
            {
                return overload.Body(evaluation, arguments);
            }
            finally
            {
                evaluation.CallOffset = saved;
            }
        }

        return evaluation.Warn(
            offset,
            "FEEL_INVALID_ARGUMENTS",
            $"函数 {Name} 的参数个数或名称不正确",
            $"wrong number or names of arguments for {Name}");
    }
}
