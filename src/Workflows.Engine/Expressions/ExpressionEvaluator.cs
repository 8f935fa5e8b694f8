using System.Text.Json;
using Workflows.Engine.Model;
using Workflows.Expressions;

namespace Workflows.Engine.Expressions;

/// <summary>The result of evaluating a diagram expression: a JSON value, or why there is none.</summary>
internal readonly record struct Evaluation(JsonElement Value, string? ErrorZh, string? ErrorEn)
{
    public bool Succeeded => ErrorEn is null;
    public bool IsTrue => Succeeded && Value.ValueKind == JsonValueKind.True;

    public string? AsText() => Value.ValueKind switch
    {
        JsonValueKind.String => Value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => Value.GetRawText(),
        _ => null,
    };
}

/// <summary>Evaluates expressions with the FEEL library; the engine has no interpreter of its own.</summary>
internal static class ExpressionEvaluator
{
    private static readonly JsonElement NullValue = JsonSerializer.SerializeToElement<object?>(null);
    private static readonly JsonElement TrueValue = JsonSerializer.SerializeToElement(true);
    private static readonly JsonElement FalseValue = JsonSerializer.SerializeToElement(false);

    public static Evaluation Evaluate(Expression expression, IReadOnlyDictionary<string, object?> variables, DateTimeOffset now)
    {
        if (!expression.IsFeel) return new Evaluation(expression.LiteralValue, null, null);
        if (expression.Feel is null)
        {
            var error = expression.CompileError;
            return new Evaluation(NullValue, $"表达式无法解析：{error?.MessageZh}", $"expression does not parse: {error?.MessageEn}");
        }
        FeelResult result;
        try
        {
            result = expression.Feel.Evaluate(FeelContext.FromDictionary(variables, now));
        }
        catch (Exception ex) when (ex is NotImplementedException or InvalidOperationException or ArgumentException)
        {
            // The library promises not to throw; if it does, the instance gets an incident rather than a crash.
            return new Evaluation(NullValue, $"表达式求值失败：{ex.Message}", $"expression evaluation failed: {ex.Message}");
        }
        if (!result.Succeeded)
        {
            var error = result.Error;
            return new Evaluation(NullValue, $"表达式 {expression.Text} 求值失败：{error?.MessageZh}", $"expression {expression.Text} failed: {error?.MessageEn}");
        }
        // FEEL turns most faults into null (a missing variable, division by zero); null that came
        // with such a warning is a failed expression, and the element gets an incident saying why.
        if (result.Value is FeelNull && result.Warnings.Count > 0)
        {
            var warning = result.Warnings[0];
            return new Evaluation(NullValue, $"表达式 {expression.Text} 的结果为空：{warning.MessageZh}", $"expression {expression.Text} gave null: {warning.MessageEn}");
        }
        // Conditions are by far the most frequent expressions; their answer needs no conversion.
        if (result.Value is FeelBoolean boolean) return new Evaluation(boolean.Value ? TrueValue : FalseValue, null, null);
        var node = result.Value.ToJson();
        return new Evaluation(node is null ? NullValue : JsonSerializer.SerializeToElement(node), null, null);
    }
}
