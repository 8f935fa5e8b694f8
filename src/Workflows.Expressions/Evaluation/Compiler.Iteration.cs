using Workflows.Expressions.Parsing;

namespace Workflows.Expressions.Evaluation;

internal static partial class Compiler
{
    private static Compiled CompileFilter(FilterAccess filter)
    {
        var target = Compile(filter.Target);
        var condition = Compile(filter.Filter);
        var offset = filter.Offset;
        var evaluatedOnce = filter.Filter is Literal or Negation or NameRef or PathAccess
            || filter.Filter is Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply or BinaryOperator.Divide or BinaryOperator.Power };
        return scope =>
        {
            var value = target(scope);
            if (value is FeelNull)
            {
                return FeelValue.Null;
            }

            var items = value is FeelList list ? list.Items : [value];
            if (evaluatedOnce)
            {
                // An index, a boolean, or a string to match, computed once outside the items.
                var once = condition(scope);
                switch (once)
                {
                    case FeelNumber index:
                        return Index(items, index.Value);
                    case FeelBoolean flag:
                        return flag.Value ? value : FeelList.Empty;
                    case FeelString text when filter.Filter is Literal:
                        return new FeelList(items.Where(i => Comparisons.Equal(i, text) == true).ToArray());
                }

                if (filter.Filter is Literal or Negation or Binary)
                {
                    return FeelList.Empty;
                }
            }

            return FilterItems(scope, offset, items, condition);
        };
    }

    private static FeelValue Index(IReadOnlyList<FeelValue> items, decimal index)
    {
        if (index != decimal.Truncate(index) || Math.Abs(index) > int.MaxValue)
        {
            return FeelValue.Null;
        }

        var i = (long)index;
        var at = i < 0 ? items.Count + i : i - 1;
        return at >= 0 && at < items.Count ? items[(int)at] : FeelValue.Null;
    }

    private static FeelValue FilterItems(Scope scope, int offset, IReadOnlyList<FeelValue> items, Compiled condition)
    {
        var kept = new List<FeelValue>();
        for (var i = 0; i < items.Count; i++)
        {
            scope.Evaluation.Spend(offset);
            var item = items[i];
            var inner = scope.Bind("item", item);
            if (item is FeelContextValue entries)
            {
                inner = inner.BindAll(entries);
            }

            var result = condition(inner);
            if (i == 0 && result is FeelNumber index && items.Count > 0)
            {
                return Index(items, index.Value);
            }

            if (result is FeelRange range)
            {
                result = Comparisons.Includes(range, item) is true ? FeelBoolean.True : FeelBoolean.False;
            }

            if (result == FeelBoolean.True)
            {
                kept.Add(item);
            }
        }

        return new FeelList(kept);
    }

    /// <summary>The values one iteration variable takes: a list, an integer range a..b, or a range value.</summary>
    private static IEnumerable<FeelValue>? Domain(Scope scope, int offset, FeelValue start, FeelValue? end)
    {
        if (end is null)
        {
            return start switch
            {
                FeelList list => list.Items,
                FeelRange { Start: FeelNumber s, End: FeelNumber e } range when s.Value == decimal.Truncate(s.Value) && e.Value == decimal.Truncate(e.Value) =>
                    RangeItems(scope, offset, s.Value, range.StartIncluded, e.Value, range.EndIncluded),
                _ => null,
            };
        }

        if (start is FeelNumber from && end is FeelNumber to && from.Value == decimal.Truncate(from.Value) && to.Value == decimal.Truncate(to.Value))
        {
            return Count(scope, offset, from.Value, to.Value);
        }

        return null;
    }

    /// <summary>The whole numbers of a range such as [1..3) or a descending [3..1).</summary>
    private static IEnumerable<FeelValue> RangeItems(Scope scope, int offset, decimal start, bool startIncluded, decimal end, bool endIncluded)
    {
        var step = start <= end ? 1 : -1;
        var from = startIncluded ? start : start + step;
        var to = endIncluded ? end : end - step;
        return (to - from) * step < 0 ? [] : Count(scope, offset, from, to);
    }

    /// <summary>Counts up or down lazily, spending a step per number so a huge range stops at the budget.</summary>
    private static IEnumerable<FeelValue> Count(Scope scope, int offset, decimal from, decimal to)
    {
        var step = from <= to ? 1 : -1;
        for (var i = from; step > 0 ? i <= to : i >= to; i += step)
        {
            scope.Evaluation.Spend(offset);
            yield return new FeelNumber(i);
        }
    }

    private static Compiled[] CompileDomains(IReadOnlyList<Iteration> iterations, out Compiled?[] ends)
    {
        ends = iterations.Select(i => i.RangeEnd is null ? null : Compile(i.RangeEnd)).ToArray();
        return iterations.Select(i => Compile(i.Domain)).ToArray();
    }

    private static Compiled CompileFor(ForLoop loop)
    {
        var domains = CompileDomains(loop.Iterations, out var ends);
        var names = loop.Iterations.Select(i => i.Name).ToArray();
        var body = Compile(loop.Body);
        return scope =>
        {
            var results = new List<FeelValue>();
            return Iterate(scope, loop.Offset, 0, names, domains, ends, inner =>
            {
                scope.Evaluation.CheckListLength(loop.Offset, results.Count + 1);
                results.Add(body(inner));
                return true;
            }) is { } problem ? problem : new FeelList(results);
        };
    }

    /// <summary>Nested iteration over the cartesian product; returns a value only when a domain is not iterable.</summary>
    private static FeelValue? Iterate(Scope scope, int offset, int level, string[] names, Compiled[] domains, Compiled?[] ends, Func<Scope, bool> visit)
    {
        if (level == names.Length)
        {
            return visit(scope) ? null : FeelBoolean.False;
        }

        var start = domains[level](scope);
        var end = ends[level]?.Invoke(scope);
        var values = Domain(scope, offset, start, end);
        if (values is null)
        {
            return scope.Evaluation.Warn(offset, "FEEL_NOT_ITERABLE", $"'{names[level]}' 的取值范围不是列表或整数区间", $"the domain of '{names[level]}' is not a list or an integer range");
        }

        foreach (var value in values)
        {
            scope.Evaluation.Spend(offset);
            var stop = Iterate(scope.Bind(names[level], value), offset, level + 1, names, domains, ends, visit);
            if (stop is not null)
            {
                return stop;
            }
        }

        return null;
    }

    private static Compiled CompileQuantified(Quantified quantified)
    {
        var domains = CompileDomains(quantified.Iterations, out var ends);
        var names = quantified.Iterations.Select(i => i.Name).ToArray();
        var condition = Compile(quantified.Condition);
        var every = quantified.Every;
        return scope =>
        {
            var found = false;
            var problem = Iterate(scope, quantified.Offset, 0, names, domains, ends, inner =>
            {
                // Only true satisfies the condition, as the standard says.
                var holds = condition(inner) == FeelBoolean.True;
                if (holds != every)
                {
                    found = true;
                    return false;
                }

                return true;
            });
            if (problem is not null && problem is not FeelBoolean)
            {
                return problem;
            }

            return FeelBoolean.Of(every ? !found : found);
        };
    }

    private static Compiled CompileFunction(FunctionDefinition definition)
    {
        var body = Compile(definition.Body);
        var parameters = definition.Parameters;
        return scope => new FeelFunction("anonymous", parameters, (evaluation, arguments) =>
        {
            var inner = scope;
            for (var i = 0; i < parameters.Count; i++)
            {
                inner = inner.Bind(parameters[i], i < arguments.Length ? arguments[i] : FeelValue.Null);
            }

            return body(inner);
        });
    }
}
