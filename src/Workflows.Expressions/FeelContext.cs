using System.Text.Json;

namespace Workflows.Expressions;

/// <summary>The variables an expression sees, and the instant that now() and today() return.</summary>
public sealed class FeelContext
{
    private FeelContext(FeelContextValue variables, DateTimeOffset now)
    {
        Variables = variables;
        Now = now;
    }

    public static FeelContext FromJson(JsonElement variables, DateTimeOffset now) =>
        new(FeelValue.FromJson(variables) as FeelContextValue ?? FeelContextValue.Empty, now);

    public static FeelContext FromDictionary(IReadOnlyDictionary<string, object?> variables, DateTimeOffset now) =>
        new(FeelContextValue.FromDictionary(variables), now);

    public DateTimeOffset Now { get; }

    /// <summary>The value unary tests compare against ('?' in FEEL).</summary>
    public FeelValue? InputValue { get; init; }

    public FeelContextValue Variables { get; }

    /// <summary>The same variables and clock with another input value, for evaluating unary tests.</summary>
    public FeelContext WithInputValue(FeelValue? input) => new(Variables, Now) { InputValue = input };

    /// <summary>Variables already converted to FEEL values (e.g. a workflow instance's state).</summary>
    public static FeelContext FromValue(FeelContextValue variables, DateTimeOffset now) => new(variables, now);

    /// <summary>Variables from a JSON object node (a null or non-object node gives no variables).</summary>
    public static FeelContext FromJson(System.Text.Json.Nodes.JsonNode? variables, DateTimeOffset now) =>
        new(JsonValues.FromNode(variables, 0) as FeelContextValue ?? FeelContextValue.Empty, now);

    /// <summary>The clock of a <see cref="TimeProvider"/>, read once: now() is the same throughout one evaluation.</summary>
    public static FeelContext FromJson(JsonElement variables, TimeProvider clock) => FromJson(variables, clock.GetUtcNow());
}
