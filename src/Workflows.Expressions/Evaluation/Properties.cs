namespace Workflows.Expressions.Evaluation;

/// <summary>Path access: context entries, the components of dates, times and durations, the ends of ranges.</summary>
internal static class Properties
{
    public static FeelValue Get(EvaluationState evaluation, int offset, FeelValue target, string name)
    {
        switch (target)
        {
            case FeelContextValue context:
                return context.TryGet(name, out var value)
                    ? value
                    : evaluation.Warn(offset, "FEEL_NO_ENTRY", $"上下文中没有 '{name}' 项", $"no entry '{name}' in the context");
            case FeelNull:
                return FeelValue.Null;
            case FeelList list:
                // A path on a list maps over its items: items.amount is the list of amounts.
                var values = new FeelValue[list.Count];
                for (var i = 0; i < values.Length; i++)
                {
                    evaluation.Spend(offset);
                    values[i] = Get(evaluation, offset, list.Items[i], name);
                }

                return new FeelList(values);
        }

        return Component(target, name) ?? evaluation.Warn(offset, "FEEL_NO_PROPERTY", $"{target.TypeName} 没有属性 '{name}'", $"{target.TypeName} has no property '{name}'");
    }

    private static FeelValue? Component(FeelValue target, string name) => (target, name) switch
    {
        (FeelDate d, "year") => Number(d.Value.Year),
        (FeelDate d, "month") => Number(d.Value.Month),
        (FeelDate d, "day") => Number(d.Value.Day),
        (FeelDate d, "weekday") => Number(IsoWeekday(d.Value.DayOfWeek)),
        (FeelDateTime dt, "year") => Number(dt.Value.Year),
        (FeelDateTime dt, "month") => Number(dt.Value.Month),
        (FeelDateTime dt, "day") => Number(dt.Value.Day),
        (FeelDateTime dt, "weekday") => Number(IsoWeekday(dt.Value.DayOfWeek)),
        (FeelDateTime dt, "hour") => Number(dt.Value.Hour),
        (FeelDateTime dt, "minute") => Number(dt.Value.Minute),
        (FeelDateTime dt, "second") => Number(dt.Value.Second),
        (FeelDateTime dt, "time offset") => dt.Offset is { } o ? new FeelDaysTimeDuration(o) : FeelValue.Null,
        (FeelDateTime dt, "timezone") => dt.Offset is { } o ? new FeelString(ValueText.Offset(o)) : FeelValue.Null,
        (FeelTime t, "hour") => Number(t.Value.Hour),
        (FeelTime t, "minute") => Number(t.Value.Minute),
        (FeelTime t, "second") => Number(t.Value.Second),
        (FeelTime t, "time offset") => t.Offset is { } o ? new FeelDaysTimeDuration(o) : FeelValue.Null,
        (FeelTime t, "timezone") => t.Offset is { } o ? new FeelString(ValueText.Offset(o)) : FeelValue.Null,
        (FeelDaysTimeDuration d, "days") => Number(d.Value.Days),
        (FeelDaysTimeDuration d, "hours") => Number(d.Value.Hours),
        (FeelDaysTimeDuration d, "minutes") => Number(d.Value.Minutes),
        (FeelDaysTimeDuration d, "seconds") => Number(d.Value.Seconds),
        (FeelYearsMonthsDuration ym, "years") => Number(ym.TotalMonths / 12),
        (FeelYearsMonthsDuration ym, "months") => Number(ym.TotalMonths % 12),
        (FeelRange r, "start") => r.Start,
        (FeelRange r, "end") => r.End,
        (FeelRange r, "start included") => FeelBoolean.Of(r.StartIncluded),
        (FeelRange r, "end included") => FeelBoolean.Of(r.EndIncluded),
        _ => null,
    };

    private static FeelNumber Number(int value) => new(value);

    private static int IsoWeekday(DayOfWeek day) => day == DayOfWeek.Sunday ? 7 : (int)day;
}
