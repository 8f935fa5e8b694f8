using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Workflows.Data.Accounts;
using Workflows.Expressions;
using Workflows.Server.Hosting;
using Workflows.Server.Security;

namespace Workflows.Server.Expressions;

/// <summary>Try a FEEL expression on sample data: what the designers' condition editor calls.</summary>
public static class ExpressionsApi
{
    public const int MaxRequestBytes = 1024 * 1024;
    public const int MaxExpressionLength = 64 * 1024;

    public static void MapExpressions(this IEndpointRouteBuilder api)
    {
        api.MapPost("/expressions/evaluate", Evaluate).WithTags("Expressions")
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes))
            .WithSummary("Evaluate a FEEL expression (optionally unary tests against an input value) on sample data. The answer is the value, or the error with its line and column; warnings say where FEEL gave null.");
    }

    public sealed record EvaluateRequest(string? Expression, JsonElement? Context, DateTimeOffset? Now, bool? UnaryTests, JsonElement? Input);

    public sealed record ErrorView(string Code, string Message, int Line, int Column);

    public sealed record EvaluateResult(JsonNode? Value, string Type, ErrorView? Error, IReadOnlyList<ErrorView> Warnings);

    private static async Task<Results<Ok<EvaluateResult>, ValidationProblem, ProblemHttpResult>> Evaluate(
        EvaluateRequest request, HttpContext http, CallerAccessor callers, SecurityAudit audit, TimeProvider clock)
    {
        var caller = await callers.RequireAsync();
        if (!caller.IsSystemAdministrator && !caller.GrantsOf(Role.UnitAdministrator).Any())
        {
            await audit.DeniedAsync(caller, "evaluate expression", "/expressions/evaluate");
            return Problems.Forbidden(http, new("只有管理员可以试算表达式", "Only administrators can try expressions"));
        }
        var errors = new FieldErrors();
        errors.Required("expression", request.Expression);
        errors.MaxLength("expression", request.Expression, MaxExpressionLength);
        if (request.Context is { } context && context.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
        {
            errors.Add("context", new("应为 JSON 对象", "must be a JSON object"));
        }
        if (errors.Any)
        {
            return Problems.Validation(http, errors);
        }
        var language = Languages.Of(http);
        var compilation = request.UnaryTests == true ? Feel.CompileUnaryTests(request.Expression!) : Feel.Compile(request.Expression!);
        if (!compilation.Succeeded)
        {
            return TypedResults.Ok(new EvaluateResult(null, "null", View(compilation.Error!, language), []));
        }
        var variables = request.Context is { ValueKind: JsonValueKind.Object } c ? c : JsonDocument.Parse("{}").RootElement;
        var feelContext = FeelContext.FromJson(variables, request.Now ?? clock.GetUtcNow());
        if (request.UnaryTests == true)
        {
            feelContext = feelContext.WithInputValue(request.Input is { } input ? FeelValue.FromJson(input) : FeelValue.Null);
        }
        var result = compilation.Expression!.Evaluate(feelContext);
        return TypedResults.Ok(new EvaluateResult(
            result.Value.ToJson(), result.Value.GetType().Name.Replace("Feel", "").ToLowerInvariant(),
            result.Error is null ? null : View(result.Error, language),
            result.Warnings.Select(w => View(w, language)).ToList()));
    }

    private static ErrorView View(FeelError error, Language language) =>
        new(error.Code, language == Language.English ? error.MessageEn : error.MessageZh, error.Line, error.Column);
}
