using Workflows.Expressions.Parsing;

namespace Workflows.Expressions.Evaluation;

/// <summary>FEEL equality and ordering. Null means "not comparable" (different kinds of value).</summary>
internal static class Comparisons
{
    /// <summary>As in feelin: null equals only null; values of different kinds are not comparable.</summary>
    public static bool? Equal(FeelValue a, FeelValue b)
    {
        if (a is FeelNull || b is FeelNull)
        {
            return a is FeelNull && b is FeelNull;
        }

        switch (a)
        {
            case FeelNumber x when b is FeelNumber y:
                return x.Value == y.Value;
            case FeelString x when b is FeelString y:
                return string.Equals(x.Value, y.Value, StringComparison.Ordinal);
            case FeelBoolean x when b is FeelBoolean y:
                return x.Value == y.Value;
            case FeelList x when b is FeelList y:
                if (x.Count != y.Count)
                {
                    return false;
                }

                for (var i = 0; i < x.Count; i++)
                {
                    if (Equal(x.Items[i], y.Items[i]) != true)
                    {
                        return false;
                    }
                }

                return true;
            case FeelContextValue x when b is FeelContextValue y:
                if (x.Entries.Count != y.Entries.Count)
                {
                    return false;
                }

                foreach (var entry in x.Entries)
                {
                    if (!y.TryGet(entry.Key, out var other) || Equal(entry.Value, other) != true)
                    {
                        return false;
                    }
                }

                return true;
            case FeelRange x when b is FeelRange y:
                return x.StartIncluded == y.StartIncluded && x.EndIncluded == y.EndIncluded
                    && Equal(x.Start, y.Start) == true && Equal(x.End, y.End) == true;
            case FeelFunction x when b is FeelFunction y:
                return ReferenceEquals(x, y);
            case FeelDaysTimeDuration or FeelYearsMonthsDuration:
                return Compare(a, b) is { } order ? order == 0 : null;
            case FeelDate or FeelTime or FeelDateTime:
                if (a.GetType() != b.GetType())
                {
                    return null;
                }

                if (Zoned(a) != Zoned(b))
                {
                    return false;
                }

                return Compare(a, b) == 0;
            default:
                return null;
        }
    }

    private static bool Zoned(FeelValue value) => value switch
    {
        FeelTime t => t.Offset is not null,
        FeelDateTime dt => dt.Offset is not null,
        _ => false,
    };

    /// <summary>Ordering of numbers, strings, dates, times, date-times and durations of one kind; otherwise null.</summary>
    public static int? Compare(FeelValue a, FeelValue b) => a switch
    {
        FeelNumber x when b is FeelNumber y => x.Value.CompareTo(y.Value),
        FeelString x when b is FeelString y => Math.Sign(string.CompareOrdinal(x.Value, y.Value)),
        FeelDate x when b is FeelDate y => x.Value.CompareTo(y.Value),
        FeelTime x when b is FeelTime y => InstantOf(x).CompareTo(InstantOf(y)),
        FeelDateTime x when b is FeelDateTime y => InstantOf(x).CompareTo(InstantOf(y)),
        FeelDaysTimeDuration x when b is FeelDaysTimeDuration y => x.Value.CompareTo(y.Value),
        FeelYearsMonthsDuration x when b is FeelYearsMonthsDuration y => x.TotalMonths.CompareTo(y.TotalMonths),
        _ => null,
    };

    /// <summary>Wall-clock values are read as UTC so that they order consistently among themselves (as feelin does).</summary>
    public static DateTime InstantOf(FeelDateTime value) => value.Offset is { } offset ? value.Value - offset : value.Value;

    public static TimeSpan InstantOf(FeelTime value) => value.Offset is { } offset ? value.Value.ToTimeSpan() - offset : value.Value.ToTimeSpan();

    public static bool? Holds(BinaryOperator op, FeelValue left, FeelValue right)
    {
        switch (op)
        {
            case BinaryOperator.Equal:
                return Equal(left, right);
            case BinaryOperator.NotEqual:
                return !Equal(left, right);
        }

        if (Compare(left, right) is not { } order)
        {
            return null;
        }

        return op switch
        {
            BinaryOperator.Less => order < 0,
            BinaryOperator.LessOrEqual => order <= 0,
            BinaryOperator.Greater => order > 0,
            _ => order >= 0,
        };
    }

    /// <summary>Whether a range contains a value; an open end (null) is unbounded.</summary>
    public static bool? Includes(FeelRange range, FeelValue value) => Includes(range, value, descendingAllowed: true);

    /// <summary>
    /// A descending range ([10..1]) is read in order, as feelin reads it; "between" does not do this,
    /// since the standard defines "a between b and c" as "a &gt;= b and a &lt;= c".
    /// </summary>
    public static bool? Includes(FeelRange range, FeelValue value, bool descendingAllowed)
    {
        if (descendingAllowed && range.Start is not FeelNull && range.End is not FeelNull && Compare(range.Start, range.End) > 0)
        {
            range = new FeelRange(range.End, range.EndIncluded, range.Start, range.StartIncluded);
        }

        // A range without either end (e.g. [a..b] over two missing fields) contains nothing known.
        if (value is FeelNull || range.Start is FeelNull && range.End is FeelNull)
        {
            return null;
        }

        if (range.Start is not FeelNull)
        {
            if (Compare(range.Start, value) is not { } order)
            {
                return null;
            }

            if (order > 0 || order == 0 && !range.StartIncluded)
            {
                return false;
            }
        }

        if (range.End is not FeelNull)
        {
            if (Compare(value, range.End) is not { } order)
            {
                return null;
            }

            if (order > 0 || order == 0 && !range.EndIncluded)
            {
                return false;
            }
        }

        return true;
    }
}
