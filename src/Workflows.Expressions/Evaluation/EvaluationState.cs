namespace Workflows.Expressions.Evaluation;

/// <summary>The state of one evaluation: clock, warnings and the step budget that keeps it finite. Not shared between threads.</summary>
internal sealed class EvaluationState
{
    /// <summary>Loop iterations, list items built and function calls all spend steps.</summary>
    public const int StepBudget = 2_000_000;
    public const int MaxListLength = 100_000;
    public const int MaxStringLength = 1_000_000;
    public const int MaxCallDepth = 64;

    private List<Warning>? warnings;
    private int steps;

    public EvaluationState(FeelContext context)
    {
        Context = context;
    }

    public FeelContext Context { get; }

    /// <summary>Where the built-in function being called was written, for its warnings.</summary>
    public int CallOffset { get; set; }

    public int CallDepth { get; set; }

    public IReadOnlyList<Warning> Warnings => (IReadOnlyList<Warning>?)warnings ?? [];

    public FeelValue Warn(int offset, string code, string zh, string en)
    {
        // A loop over bad data would otherwise collect a warning per item.
        if ((warnings ??= []).Count < 100)
        {
            warnings.Add(new Warning(code, zh, en, offset));
        }

        return FeelValue.Null;
    }

    public FeelValue WarnAtCall(string code, string zh, string en) => Warn(CallOffset, code, zh, en);

    public void Spend(int offset, int count = 1)
    {
        steps += count;
        if (steps > StepBudget)
        {
            throw new FeelEvaluationException("FEEL_STEP_BUDGET", $"求值步数超出上限（{StepBudget}），表达式可能循环过多", $"evaluation exceeded its step budget ({StepBudget}); the expression iterates too much", offset);
        }
    }

    public void CheckListLength(int offset, long length)
    {
        if (length > MaxListLength)
        {
            throw new FeelEvaluationException("FEEL_LIST_TOO_LONG", $"列表长度超出上限（{MaxListLength}）", $"list longer than the limit ({MaxListLength})", offset);
        }
    }

    public void CheckStringLength(int offset, long length)
    {
        if (length > MaxStringLength)
        {
            throw new FeelEvaluationException("FEEL_STRING_TOO_LONG", $"字符串长度超出上限（{MaxStringLength}）", $"string longer than the limit ({MaxStringLength})", offset);
        }
    }
}

internal readonly record struct Warning(string Code, string MessageZh, string MessageEn, int Offset);

/// <summary>Stops an evaluation that cannot produce a value (limits exceeded); caught at the public boundary.</summary>
internal sealed class FeelEvaluationException(string code, string messageZh, string messageEn, int offset) : Exception(messageEn)
{
    public string Code { get; } = code;
    public string MessageZh { get; } = messageZh;
    public string MessageEn { get; } = messageEn;
    public int Offset { get; } = offset;
}
