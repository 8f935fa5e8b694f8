using Workflows.Expressions.Evaluation;

namespace Workflows.Expressions.Functions;

internal static partial class Builtins
{
    private static void DefineLists(Define add)
    {
        add("list contains", "list, element", (e, a) => Arguments.List(a[0], out var items)
            ? FeelBoolean.Of(items.Any(i => Comparisons.Equal(i, a[1]) == true))
            : Invalid(e, "list contains"));
        add("count", "list", (e, a) => Arguments.List(a[0], out var items) ? Number(items.Count) : Invalid(e, "count"));
        add("min", "list...", (e, a) => Extreme(e, a, "min", -1));
        add("max", "list...", (e, a) => Extreme(e, a, "max", 1));
        add("sum", "list...", (e, a) => Sum(e, a, "sum") is var (total, count) && count >= 0 ? (count == 0 ? FeelValue.Null : Number(total)) : Invalid(e, "sum"));
        add("mean", "list...", (e, a) => Sum(e, a, "mean") is var (total, count) && count >= 0 ? (count == 0 ? FeelValue.Null : Number(total / count)) : Invalid(e, "mean"));
        add("product", "list...", Product);
        add("all", "list...", (e, a) => Logical(ListOrArguments(a), stopAt: false));
        add("any", "list...", (e, a) => Logical(ListOrArguments(a), stopAt: true));
        add("sublist", "list, start position, length?", Sublist);
        add("append", "list, item...", (e, a) => Arguments.List(a[0], out var items) ? List(e, [.. items, .. a.Skip(1)]) : Invalid(e, "append"));
        add("concatenate", "list...", Concatenate);
        add("insert before", "list, position, newItem", InsertBefore);
        add("remove", "list, position", Remove);
        add("reverse", "list", (e, a) => Arguments.List(a[0], out var items) ? new FeelList(items.Reverse().ToArray()) : Invalid(e, "reverse"));
        add("index of", "list, match", (e, a) => Arguments.List(a[0], out var items)
            ? new FeelList(items.Select((item, i) => (item, i)).Where(p => Comparisons.Equal(p.item, a[1]) == true).Select(p => (FeelValue)new FeelNumber(p.i + 1)).ToArray())
            : Invalid(e, "index of"));
        add("union", "list...", (e, a) => Distinct(e, a.SelectMany(l => l is FeelList list ? list.Items : [l])));
        add("distinct values", "list", (e, a) => Arguments.List(a[0], out var items) ? Distinct(e, items) : Invalid(e, "distinct values"));
        add("flatten", "list", (e, a) => Arguments.List(a[0], out var items) ? Flatten(e, items) : Invalid(e, "flatten"));
        add("sort", "list, precedes?", Sort);
    }

    private static FeelValue Extreme(EvaluationState e, FeelValue[] a, string name, int sign)
    {
        var items = ListOrArguments(a);
        if (items.Count == 0)
        {
            return FeelValue.Null;
        }

        var best = items[0];
        foreach (var item in items)
        {
            if (Comparisons.Compare(item, best) is not { } order)
            {
                return Invalid(e, name);
            }

            if (order * sign > 0)
            {
                best = item;
            }
        }

        return best;
    }

    /// <summary>The total and count of a list of numbers; count -1 when an item is not a number.</summary>
    private static (decimal Total, int Count) Sum(EvaluationState e, FeelValue[] a, string name)
    {
        var items = ListOrArguments(a);
        var total = 0m;
        try
        {
            foreach (var item in items)
            {
                if (item is not FeelNumber n)
                {
                    return (0, -1);
                }

                total += n.Value;
            }
        }
        catch (OverflowException)
        {
            return (0, -1);
        }

        return (total, items.Count);
    }

    private static FeelValue Product(EvaluationState e, FeelValue[] a)
    {
        var items = ListOrArguments(a);
        if (items.Count == 0)
        {
            return FeelValue.Null;
        }

        var product = 1m;
        try
        {
            foreach (var item in items)
            {
                if (item is not FeelNumber n)
                {
                    return Invalid(e, "product");
                }

                product *= n.Value;
            }
        }
        catch (OverflowException)
        {
            return Invalid(e, "product");
        }

        return Number(product);
    }

    /// <summary>all() and any(): the deciding value wins; otherwise a non-boolean makes the answer unknown.</summary>
    private static FeelValue Logical(IReadOnlyList<FeelValue> items, bool stopAt)
    {
        var unknown = false;
        foreach (var item in items)
        {
            if (item is FeelBoolean b)
            {
                if (b.Value == stopAt)
                {
                    return FeelBoolean.Of(stopAt);
                }
            }
            else
            {
                unknown = true;
            }
        }

        return unknown ? FeelValue.Null : FeelBoolean.Of(!stopAt);
    }

    private static FeelValue Sublist(EvaluationState e, FeelValue[] a)
    {
        // Position 0 is no position at all (the first item is 1).
        if (!Arguments.List(a[0], out var items) || !TryInt(Arguments.Single(a[1]), out var start) || start == 0)
        {
            return Invalid(e, "sublist");
        }

        long from = start < 0 ? items.Count + start : start - 1;
        from = Math.Clamp(from, 0, items.Count);
        long length = items.Count - from;
        if (a.Length > 2 && a[2] is not FeelNull)
        {
            if (!TryInt(Arguments.Single(a[2]), out var count))
            {
                return Invalid(e, "sublist");
            }

            length = Math.Clamp(count, 0, length);
        }

        return new FeelList(items.Skip((int)from).Take((int)length).ToArray());
    }

    private static FeelValue Concatenate(EvaluationState e, FeelValue[] a)
    {
        var result = new List<FeelValue>();
        foreach (var argument in a)
        {
            if (argument is FeelList list)
            {
                result.AddRange(list.Items);
            }
            else
            {
                result.Add(argument);
            }

            e.CheckListLength(e.CallOffset, result.Count);
        }

        return new FeelList(result);
    }

    private static FeelValue InsertBefore(EvaluationState e, FeelValue[] a)
    {
        if (!Arguments.List(a[0], out var items) || !TryInt(Arguments.Single(a[1]), out var position))
        {
            return Invalid(e, "insert before");
        }

        long at = position - 1L;
        at = at < 0 ? Math.Max(0, items.Count + at) : Math.Min(at, items.Count);
        var result = items.ToList();
        result.Insert((int)at, a[2]);
        return List(e, result);
    }

    private static FeelValue Remove(EvaluationState e, FeelValue[] a)
    {
        if (!Arguments.List(a[0], out var items) || !TryInt(Arguments.Single(a[1]), out var position))
        {
            return Invalid(e, "remove");
        }

        long at = position < 0 ? items.Count + (long)position : position - 1L;
        if (at < 0 || at >= items.Count)
        {
            return new FeelList(items);
        }

        var result = items.ToList();
        result.RemoveAt((int)at);
        return new FeelList(result);
    }

    private static FeelValue Distinct(EvaluationState e, IEnumerable<FeelValue> items)
    {
        var result = new List<FeelValue>();
        foreach (var item in items)
        {
            e.Spend(e.CallOffset, result.Count + 1);
            if (!result.Any(r => Comparisons.Equal(r, item) == true))
            {
                result.Add(item);
            }
        }

        return new FeelList(result);
    }

    /// <summary>Iterative, so deeply nested input lists cannot exhaust the stack.</summary>
    private static FeelValue Flatten(EvaluationState e, IReadOnlyList<FeelValue> items)
    {
        var result = new List<FeelValue>();
        var pending = new Stack<(IReadOnlyList<FeelValue> List, int Next)>();
        pending.Push((items, 0));
        while (pending.Count > 0)
        {
            var (list, next) = pending.Pop();
            if (next >= list.Count)
            {
                continue;
            }

            pending.Push((list, next + 1));
            e.Spend(e.CallOffset);
            if (list[next] is FeelList inner)
            {
                pending.Push((inner.Items, 0));
            }
            else
            {
                result.Add(list[next]);
                e.CheckListLength(e.CallOffset, result.Count);
            }
        }

        return new FeelList(result);
    }

    private static FeelValue Sort(EvaluationState e, FeelValue[] a)
    {
        if (!Arguments.List(a[0], out var items))
        {
            return Invalid(e, "sort");
        }

        var offset = e.CallOffset;
        Func<FeelValue, FeelValue, bool?> precedes;
        if (a.Length > 1 && a[1] is FeelFunction function)
        {
            precedes = (x, y) => Calls.Invoke(e, offset, function, [x, y]) == FeelBoolean.True;
        }
        else if (a.Length == 1 || a[1] is FeelNull)
        {
            precedes = (x, y) => Comparisons.Compare(x, y) is { } order ? order < 0 : null;
        }
        else
        {
            return Invalid(e, "sort");
        }

        // A merge sort: stable, and it tolerates an inconsistent precedes function.
        var sorted = items.ToArray();
        var buffer = new FeelValue[sorted.Length];
        for (var width = 1; width < sorted.Length; width *= 2)
        {
            for (var left = 0; left < sorted.Length; left += 2 * width)
            {
                int middle = Math.Min(left + width, sorted.Length), right = Math.Min(left + 2 * width, sorted.Length);
                int i = left, j = middle, k = left;
                while (i < middle && j < right)
                {
                    e.Spend(offset);
                    var takeRight = precedes(sorted[j], sorted[i]);
                    if (takeRight is null)
                    {
                        return Invalid(e, "sort");
                    }

                    buffer[k++] = takeRight.Value ? sorted[j++] : sorted[i++];
                }

                while (i < middle) buffer[k++] = sorted[i++];
                while (j < right) buffer[k++] = sorted[j++];
            }

            (sorted, buffer) = (buffer, sorted);
        }

        return new FeelList(sorted);
    }
}
