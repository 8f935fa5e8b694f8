using Workflows.Expressions.Evaluation;

namespace Workflows.Expressions.Functions;

internal static partial class Builtins
{
    private static void DefineNumbers(Define add)
    {
        add("decimal", "n, scale", (e, a) => Rounded(e, a, "decimal", MidpointRounding.ToEven));
        add("round half up", "n, scale", (e, a) => Rounded(e, a, "round half up", MidpointRounding.AwayFromZero));
        add("round half down", "n, scale", (e, a) => Rounded(e, a, "round half down", null));
        add("round up", "n, scale", (e, a) => Rounded(e, a, "round up", MidpointRounding.AwayFromZero, directed: true));
        add("round down", "n, scale", (e, a) => Rounded(e, a, "round down", MidpointRounding.ToZero, directed: true));
        add("floor", "n, scale?", (e, a) => Rounded(e, a, "floor", MidpointRounding.ToNegativeInfinity, directed: true));
        add("ceiling", "n, scale?", (e, a) => Rounded(e, a, "ceiling", MidpointRounding.ToPositiveInfinity, directed: true));
        add("abs", "n", (e, a) => Arguments.Single(a[0]) switch
        {
            FeelNumber n => Number(Math.Abs(n.Value)),
            FeelDaysTimeDuration d => new FeelDaysTimeDuration(d.Value.Duration()),
            FeelYearsMonthsDuration ym => new FeelYearsMonthsDuration(Math.Abs(ym.TotalMonths)),
            _ => Invalid(e, "abs"),
        });
        add("modulo", "dividend, divisor", Modulo);
        add("sqrt", "number", (e, a) => Arguments.Number(a[0], out var n) && n >= 0 ? Number(SquareRoot(n)) : Invalid(e, "sqrt"));
        add("log", "number", (e, a) => Arguments.Number(a[0], out var n) && n > 0 ? FromDouble(e, Math.Log((double)n), "log") : Invalid(e, "log"));
        add("exp", "number", (e, a) => Arguments.Number(a[0], out var n) ? FromDouble(e, Math.Exp((double)n), "exp") : Invalid(e, "exp"));
        add("odd", "number", (e, a) => Arguments.Number(a[0], out var n) ? FeelBoolean.Of(Math.Abs(n) % 2 == 1) : Invalid(e, "odd"));
        add("even", "number", (e, a) => Arguments.Number(a[0], out var n) ? FeelBoolean.Of(Math.Abs(n) % 2 == 0) : Invalid(e, "even"));
    }

    /// <summary>Rounds to a scale (digits after the point; negative scales round to tens, hundreds...).</summary>
    private static FeelValue Rounded(EvaluationState e, FeelValue[] a, string name, MidpointRounding? mode, bool directed = false)
    {
        if (!Arguments.Number(a[0], out var n))
        {
            return Invalid(e, name);
        }

        var scale = 0;
        if (a.Length > 1 && !TryInt(Arguments.Single(a[1]), out scale) || scale is < -28 or > 28)
        {
            return Invalid(e, name);
        }

        try
        {
            var factor = Pow10(Math.Abs(scale));
            var shifted = scale >= 0 ? n : n / factor;
            var digits = scale >= 0 ? scale : 0;
            decimal rounded;
            if (mode is null)
            {
                // Half down: a tie goes towards zero, anything else to the nearest.
                var scaled = shifted * Pow10(digits);
                rounded = Math.Abs(scaled - Math.Truncate(scaled)) == 0.5m
                    ? Math.Truncate(scaled) / Pow10(digits)
                    : Math.Round(shifted, digits, MidpointRounding.AwayFromZero);
            }
            else
            {
                rounded = directed ? DirectedRound(shifted, digits, mode.Value) : Math.Round(shifted, digits, mode.Value);
            }

            return Number(scale >= 0 ? rounded : rounded * factor);
        }
        catch (OverflowException)
        {
            return Invalid(e, name);
        }
    }

    private static decimal DirectedRound(decimal value, int digits, MidpointRounding mode)
    {
        var factor = Pow10(digits);
        var scaled = value * factor;
        var whole = mode switch
        {
            MidpointRounding.ToNegativeInfinity => Math.Floor(scaled),
            MidpointRounding.ToPositiveInfinity => Math.Ceiling(scaled),
            MidpointRounding.ToZero => Math.Truncate(scaled),
            _ => scaled < 0 ? Math.Floor(scaled) : Math.Ceiling(scaled),
        };
        return whole / factor;
    }

    private static decimal Pow10(int digits)
    {
        var result = 1m;
        for (var i = 0; i < digits; i++)
        {
            result *= 10;
        }

        return result;
    }

    /// <summary>Floored modulo: the result takes the divisor's sign, as the standard and feelin agree.</summary>
    private static FeelValue Modulo(EvaluationState e, FeelValue[] a)
    {
        if (!Arguments.Number(a[0], out var dividend) || !Arguments.Number(a[1], out var divisor) || divisor == 0)
        {
            return Invalid(e, "modulo");
        }

        var remainder = dividend % divisor;
        if (remainder != 0 && Math.Sign(remainder) != Math.Sign(divisor))
        {
            remainder += divisor;
        }

        return Number(remainder);
    }

    /// <summary>Newton's method in decimal, so that sqrt(16) is exactly 4.</summary>
    internal static decimal SquareRoot(decimal n)
    {
        if (n == 0)
        {
            return 0;
        }

        var x = (decimal)Math.Sqrt((double)n);
        for (var i = 0; i < 8; i++)
        {
            var next = (x + n / x) / 2;
            if (next == x)
            {
                break;
            }

            x = next;
        }

        var rounded = Math.Round(x, 20);
        return rounded * rounded == n ? rounded : x;
    }

    private static FeelValue FromDouble(EvaluationState e, double value, string name) =>
        double.IsFinite(value) && Math.Abs(value) < 7.9e28 ? Number((decimal)value) : Invalid(e, name);
}
