using Workflows.Expressions.Evaluation;

namespace Workflows.Expressions.Functions;

/// <summary>median, stddev and mode for statistical reports, and list replace.</summary>
internal static partial class Builtins
{
    private static void DefineStatistics(Define add)
    {
        add("median", "list...", (e, a) => Numbers(ListOrArguments(a)) is { } numbers
            ? (numbers.Length == 0 ? FeelValue.Null : Number(Median(numbers)))
            : Invalid(e, "median"));
        add("stddev", "list...", (e, a) => Numbers(ListOrArguments(a)) is { } numbers
            ? (numbers.Length < 2 ? FeelValue.Null : Number(StandardDeviation(numbers)))
            : Invalid(e, "stddev"));
        add("mode", "list...", (e, a) => Numbers(ListOrArguments(a)) is { } numbers ? Mode(numbers) : Invalid(e, "mode"));
        add("list replace", "list, position, newItem", ListReplace);
    }

    private static decimal[]? Numbers(IReadOnlyList<FeelValue> items)
    {
        var numbers = new decimal[items.Count];
        for (var i = 0; i < numbers.Length; i++)
        {
            if (items[i] is not FeelNumber n)
            {
                return null;
            }

            numbers[i] = n.Value;
        }

        return numbers;
    }

    /// <summary>Sorted by value (not as text, as the browser does): the median of [10, 2, 9] is 9.</summary>
    private static decimal Median(decimal[] numbers)
    {
        var sorted = numbers.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>The sample standard deviation (divided by n - 1), as the standard specifies.</summary>
    private static decimal StandardDeviation(decimal[] numbers)
    {
        var mean = numbers.Sum() / numbers.Length;
        var squares = numbers.Sum(n => (n - mean) * (n - mean));
        return SquareRoot(squares / (numbers.Length - 1));
    }

    /// <summary>The most frequent values, in ascending order.</summary>
    private static FeelValue Mode(decimal[] numbers)
    {
        if (numbers.Length == 0)
        {
            return FeelList.Empty;
        }

        var counts = numbers.GroupBy(n => n).Select(g => (Value: g.Key, Count: g.Count())).ToArray();
        var most = counts.Max(c => c.Count);
        return new FeelList(counts.Where(c => c.Count == most).Select(c => c.Value).Order().Select(v => (FeelValue)new FeelNumber(v)).ToArray());
    }

    /// <summary>list replace(list, position, newItem), or with a match function(item, newItem) in place of the position.</summary>
    private static FeelValue ListReplace(EvaluationState e, FeelValue[] a)
    {
        if (!Arguments.List(a[0], out var items))
        {
            return Invalid(e, "list replace");
        }

        var result = items.ToArray();
        if (a[1] is FeelFunction match)
        {
            for (var i = 0; i < result.Length; i++)
            {
                if (Calls.Invoke(e, e.CallOffset, match, [result[i], a[2]]) == FeelBoolean.True)
                {
                    result[i] = a[2];
                }
            }

            return new FeelList(result);
        }

        if (!TryInt(Arguments.Single(a[1]), out var position) || position == 0 || Math.Abs((long)position) > result.Length)
        {
            return Invalid(e, "list replace");
        }

        result[position > 0 ? position - 1 : result.Length + position] = a[2];
        return new FeelList(result);
    }
}
