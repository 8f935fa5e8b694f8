namespace Workflows.Engine.Model;

public enum TimerKind { Date, Duration, Cycle }

/// <summary>A timer as written in the diagram: static ISO 8601 text, or FEEL when it begins with '='.</summary>
public sealed record TimerDefinition(TimerKind Kind, string Text, Expression? Expression);

/// <summary>User task settings from zeebe:assignmentDefinition, zeebe:formDefinition, zeebe:taskSchedule and headers.</summary>
public sealed record UserTaskDefinition(
    Expression? Assignee,
    Expression? CandidateGroups,
    Expression? CandidateUsers,
    string? FormKey,
    Expression? DueDate,
    Expression? FollowUpDate,
    IReadOnlyDictionary<string, string> Headers);

/// <summary>Service task settings from zeebe:taskDefinition and headers.</summary>
public sealed record ServiceTaskDefinition(string Type, int Retries, IReadOnlyDictionary<string, string> Headers);

/// <summary>bpmn:multiInstanceLoopCharacteristics with zeebe:loopCharacteristics.</summary>
public sealed record MultiInstanceDefinition(
    bool IsSequential,
    Expression? InputCollection,
    string? InputElement,
    Expression? LoopCardinality,
    string? OutputCollection,
    Expression? OutputElement,
    Expression? CompletionCondition);

/// <summary>
/// An expression from the diagram. Text starting with '=' is FEEL; anything else is a literal
/// (Zeebe's convention), so "county:approver" is the string itself.
/// </summary>
public sealed class Expression
{
    internal Expression(string text, Workflows.Expressions.FeelExpression? feel, Workflows.Expressions.FeelError? error)
    {
        Text = text;
        Feel = feel;
        CompileError = error;
        if (!IsFeel) LiteralValue = System.Text.Json.JsonSerializer.SerializeToElement(text);
    }

    public string Text { get; }
    public bool IsFeel => Text.StartsWith('=');
    internal Workflows.Expressions.FeelExpression? Feel { get; }
    public Workflows.Expressions.FeelError? CompileError { get; }

    /// <summary>A literal's value as JSON, made once: literals are evaluated on every task that opens.</summary>
    internal System.Text.Json.JsonElement LiteralValue { get; } = default;

    public override string ToString() => Text;
}
