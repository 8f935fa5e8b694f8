using Workflows.Expressions.Parsing;

namespace Workflows.Expressions.Evaluation;

/// <summary>+ - * / ** on decimals, strings, temporal values and durations. Anything else is null with a warning.</summary>
internal static class Arithmetic
{
    public static FeelValue Apply(EvaluationState evaluation, int offset, BinaryOperator op, FeelValue left, FeelValue right)
    {
        if (left is FeelNumber a && right is FeelNumber b)
        {
            return Numbers(evaluation, offset, op, a.Value, b.Value);
        }

        if (left is FeelNull || right is FeelNull)
        {
            return evaluation.Warn(offset, "FEEL_NULL_OPERAND", "运算数为 null，结果为 null", "an operand is null, so the result is null");
        }

        var result = op switch
        {
            BinaryOperator.Add when left is FeelString x && right is FeelString y => Concatenate(evaluation, offset, x, y),
            BinaryOperator.Add => Temporals.Add(left, right, 1) ?? Temporals.Add(right, left, 1),
            BinaryOperator.Subtract => Temporals.Add(left, right, -1) ?? Temporals.Subtract(left, right),
            _ => null,
        };
        return result ?? evaluation.Warn(
            offset,
            "FEEL_INVALID_TYPE",
            $"不能对 {left.TypeName} 和 {right.TypeName} 执行 {Symbol(op)} 运算",
            $"cannot apply {Symbol(op)} to {left.TypeName} and {right.TypeName}");
    }

    private static FeelString Concatenate(EvaluationState evaluation, int offset, FeelString x, FeelString y)
    {
        evaluation.CheckStringLength(offset, (long)x.Value.Length + y.Value.Length);
        return new FeelString(x.Value + y.Value);
    }

    public static string Symbol(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Power => "**",
        BinaryOperator.Equal => "=",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.And => "and",
        _ => "or",
    };

    private static FeelValue Numbers(EvaluationState evaluation, int offset, BinaryOperator op, decimal a, decimal b)
    {
        try
        {
            switch (op)
            {
                case BinaryOperator.Add:
                    return new FeelNumber(a + b);
                case BinaryOperator.Subtract:
                    return new FeelNumber(a - b);
                case BinaryOperator.Multiply:
                    return new FeelNumber(a * b);
                case BinaryOperator.Divide:
                    if (b == 0)
                    {
                        return evaluation.Warn(offset, "FEEL_DIVISION_BY_ZERO", "除数为零，结果为 null", "division by zero gives null");
                    }

                    return new FeelNumber(a / b);
                default:
                    return Power(a, b) is { } power
                        ? new FeelNumber(power)
                        : evaluation.Warn(offset, "FEEL_INVALID_POWER", "乘方结果无法表示，结果为 null", "the power cannot be represented, so the result is null");
            }
        }
        catch (OverflowException)
        {
            return evaluation.Warn(offset, "FEEL_NUMBER_OVERFLOW", "数值超出范围，结果为 null", "number out of range gives null");
        }
    }

    /// <summary>Whole exponents are exact (repeated squaring); others go through double precision.</summary>
    public static decimal? Power(decimal x, decimal exponent)
    {
        if (exponent == decimal.Truncate(exponent) && Math.Abs(exponent) <= 10_000)
        {
            var n = (int)Math.Abs(exponent);
            var result = 1m;
            var factor = x;
            while (n > 0)
            {
                if ((n & 1) == 1)
                {
                    result *= factor;
                }

                n >>= 1;
                if (n > 0)
                {
                    factor *= factor;
                }
            }

            if (exponent < 0)
            {
                return result == 0 ? null : 1m / result;
            }

            return result;
        }

        var value = Math.Pow((double)x, (double)exponent);
        return double.IsFinite(value) && Math.Abs(value) < 7.9e28 ? (decimal)value : null;
    }

    public static FeelValue Negate(EvaluationState evaluation, int offset, FeelValue operand) => operand switch
    {
        FeelNumber n => new FeelNumber(-n.Value),
        FeelNull => FeelValue.Null,
        _ => evaluation.Warn(offset, "FEEL_INVALID_TYPE", $"不能对 {operand.TypeName} 取负", $"cannot negate a {operand.TypeName}"),
    };
}
