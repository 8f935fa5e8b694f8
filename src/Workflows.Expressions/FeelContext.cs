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
}
