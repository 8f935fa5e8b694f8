using System.Text.Json.Nodes;

namespace Workflows.Expressions;

public sealed class FeelDate : FeelValue
{
    public FeelDate(DateOnly value) => Value = value;
    public DateOnly Value { get; }
    public override string TypeName => "date";
    public override JsonNode? ToJson() => JsonValue.Create(ValueText.Format(this));
}

/// <summary>A time of day, local (no offset) or with a UTC offset.</summary>
public sealed class FeelTime : FeelValue
{
    public FeelTime(TimeOnly value, TimeSpan? offset)
    {
        Value = value;
        Offset = offset;
    }

    public TimeOnly Value { get; }
    public TimeSpan? Offset { get; }
    public override string TypeName => "time";
    public override JsonNode? ToJson() => JsonValue.Create(ValueText.Format(this));
}

/// <summary>A date and time, local (no offset) or with a UTC offset. <see cref="Value"/> is the wall-clock time.</summary>
public sealed class FeelDateTime : FeelValue
{
    public FeelDateTime(DateTime value, TimeSpan? offset)
    {
        Value = DateTime.SpecifyKind(value, DateTimeKind.Unspecified);
        Offset = offset;
    }

    public DateTime Value { get; }
    public TimeSpan? Offset { get; }
    public override string TypeName => "date and time";
    public override JsonNode? ToJson() => JsonValue.Create(ValueText.Format(this));
}

public sealed class FeelDaysTimeDuration : FeelValue
{
    public FeelDaysTimeDuration(TimeSpan value) => Value = value;
    public TimeSpan Value { get; }
    public override string TypeName => "days and time duration";
    public override JsonNode? ToJson() => JsonValue.Create(ValueText.Format(this));
}

public sealed class FeelYearsMonthsDuration : FeelValue
{
    public FeelYearsMonthsDuration(int totalMonths) => TotalMonths = totalMonths;
    public int TotalMonths { get; }
    public override string TypeName => "years and months duration";
    public override JsonNode? ToJson() => JsonValue.Create(ValueText.Format(this));
}
