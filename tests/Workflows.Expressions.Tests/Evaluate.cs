using System.Text.Json;

namespace Workflows.Expressions.Tests;

/// <summary>Short helpers: compile, evaluate against JSON variables at a fixed instant, and read the result.</summary>
internal static class Evaluate
{
    public static readonly DateTimeOffset Now = new(2026, 3, 15, 10, 30, 0, TimeSpan.FromHours(8));

    public static FeelResult Result(string expression, string variablesJson = "{}")
    {
        var compilation = Feel.Compile(expression);
        Assert.True(compilation.Succeeded, $"{expression}: {compilation.Error}");
        using var variables = JsonDocument.Parse(variablesJson);
        return compilation.Expression!.Evaluate(FeelContext.FromJson(variables.RootElement, Now));
    }

    public static FeelValue Value(string expression, string variablesJson = "{}")
    {
        var result = Result(expression, variablesJson);
        Assert.True(result.Succeeded, $"{expression}: {result.Error}");
        return result.Value;
    }

    public static string Text(string expression, string variablesJson = "{}") => Value(expression, variablesJson).ToString();

    public static decimal Number(string expression, string variablesJson = "{}") =>
        Assert.IsType<FeelNumber>(Value(expression, variablesJson)).Value;

    public static bool? Boolean(string expression, string variablesJson = "{}") => Value(expression, variablesJson) switch
    {
        FeelBoolean b => b.Value,
        FeelNull => null,
        var other => throw new Xunit.Sdk.XunitException($"{expression} gave {other.TypeName} {other}"),
    };

    public static FeelError ParseError(string expression)
    {
        var compilation = Feel.Compile(expression);
        Assert.False(compilation.Succeeded, $"{expression} should not compile");
        return compilation.Error!;
    }
}
