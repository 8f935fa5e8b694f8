namespace Workflows.Expressions.Evaluation;

/// <summary>Calling a function value: every call spends a step and the call depth is bounded, so recursion cannot overflow the stack.</summary>
internal static class Calls
{
    public static FeelValue Invoke(EvaluationState evaluation, int offset, FeelFunction function, FeelValue[] arguments)
    {
        evaluation.Spend(offset);
        if (evaluation.CallDepth >= EvaluationState.MaxCallDepth || !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new FeelEvaluationException("FEEL_CALL_TOO_DEEP", $"函数调用嵌套过深（最多 {EvaluationState.MaxCallDepth} 层）", $"function calls nested too deeply (at most {EvaluationState.MaxCallDepth})", offset);
        }

        evaluation.CallDepth++;
        var saved = evaluation.CallOffset;
        evaluation.CallOffset = offset;
        try
        {
            return function.Body(evaluation, arguments);
        }
        finally
        {
            evaluation.CallDepth--;
            evaluation.CallOffset = saved;
        }
    }

    /// <summary>Named arguments for a function value are placed by its parameter names; unknown names give null.</summary>
    public static FeelValue[]? Arrange(FeelFunction function, FeelValue[] values, string[]? names)
    {
        if (names is null)
        {
            return values;
        }

        var arranged = new FeelValue[function.Parameters.Count];
        Array.Fill(arranged, FeelValue.Null);
        for (var i = 0; i < names.Length; i++)
        {
            var at = -1;
            for (var p = 0; p < function.Parameters.Count; p++)
            {
                if (function.Parameters[p] == names[i])
                {
                    at = p;
                }
            }

            if (at < 0)
            {
                return null;
            }

            arranged[at] = values[i];
        }

        return arranged;
    }
}
