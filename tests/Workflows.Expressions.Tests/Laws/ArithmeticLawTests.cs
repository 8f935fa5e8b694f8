using CsCheck;

namespace Workflows.Expressions.Tests.Laws;

/// <summary>Laws that decimal arithmetic keeps exactly (binary floats do not), checked on random values.</summary>
public class ArithmeticLawTests
{
    /// <summary>Decimals with up to 6 fractional digits and 12 integer digits: sums stay exact.</summary>
    private static readonly Gen<decimal> Amount = Gen.Select(Gen.Long[-1_000_000_000_000L, 1_000_000_000_000L], Gen.Int[0, 6], (n, scale) => n / Pow10(scale));

    /// <summary>Smaller values whose products stay within decimal precision.</summary>
    private static readonly Gen<decimal> Small = Gen.Select(Gen.Long[-1_000_000L, 1_000_000L], Gen.Int[0, 4], (n, scale) => n / Pow10(scale));

    private static decimal Pow10(int n) => n == 0 ? 1m : 10m * Pow10(n - 1);

    private static bool Holds(string law, decimal a, decimal b, decimal c = 0)
    {
        var context = FeelContext.FromDictionary(new Dictionary<string, object?> { ["a"] = a, ["b"] = b, ["c"] = c }, Evaluate.Now);
        return Feel.Compile(law).Expression!.Evaluate(context).Value.IsTrue;
    }

    [Fact]
    public void Addition_is_commutative()
    {
        Gen.Select(Amount, Amount).Sample((a, b) => Holds("a + b = b + a", a, b), iter: 1000);
    }

    [Fact]
    public void Addition_is_associative_on_decimals()
    {
        Gen.Select(Amount, Amount, Amount).Sample((a, b, c) => Holds("(a + b) + c = a + (b + c)", a, b, c), iter: 1000);
    }

    [Fact]
    public void Multiplication_is_commutative_and_distributes_over_addition()
    {
        Gen.Select(Small, Small, Small).Sample((a, b, c) => Holds("a * b = b * a and a * (b + c) = a * b + a * c", a, b, c), iter: 1000);
    }

    [Fact]
    public void Zero_one_and_negation_behave()
    {
        Amount.Sample(a => Holds("a + 0 = a and a * 1 = a and a - a = 0 and -(-a) = a and a + -a = 0", a, 0), iter: 1000);
    }

    [Fact]
    public void Exactly_one_of_less_equal_and_greater_holds()
    {
        Gen.Select(Amount, Amount).Sample((a, b) =>
            Holds("(if a < b then 1 else 0) + (if a = b then 1 else 0) + (if a > b then 1 else 0) = 1", a, b), iter: 1000);
    }

    [Fact]
    public void Subtraction_undoes_addition()
    {
        Gen.Select(Amount, Amount).Sample((a, b) => Holds("(a + b) - b = a", a, b), iter: 1000);
    }

    [Fact]
    public void Rounding_to_a_scale_is_idempotent()
    {
        Gen.Select(Amount, Gen.Int[0, 6]).Sample((a, scale) =>
            Holds("decimal(decimal(a, b), b) = decimal(a, b) and round half up(round half up(a, b), b) = round half up(a, b)", a, scale), iter: 1000);
    }

    [Fact]
    public void Modulo_and_integer_division_recompose_the_dividend()
    {
        Gen.Select(Gen.Int[-100000, 100000], Gen.Int[1, 1000]).Sample((a, b) =>
            Holds("floor(a / b) * b + modulo(a, b) = a", a, b), iter: 1000);
    }

    [Fact]
    public void String_concatenation_adds_lengths()
    {
        Gen.Select(Gen.String, Gen.String).Sample((x, y) =>
        {
            var context = FeelContext.FromDictionary(new Dictionary<string, object?> { ["x"] = x, ["y"] = y }, Evaluate.Now);
            return Feel.Compile("string length(x + y) = string length(x) + string length(y)").Expression!.Evaluate(context).Value.IsTrue;
        }, iter: 1000);
    }
}
