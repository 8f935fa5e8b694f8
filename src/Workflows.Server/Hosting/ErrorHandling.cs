using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Workflows.Server.Hosting;

/// <summary>
/// Turns what the framework throws into problem details: bad JSON names the field, a lost
/// concurrency race is a 409, and anything unexpected is logged and answered without internals.
/// </summary>
public sealed partial class ErrorHandling(ILogger<ErrorHandling> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        IResult result = exception switch
        {
            BadHttpRequestException bad => FromBadRequest(http, bad),
            DbUpdateConcurrencyException => Problems.Conflict(http,
                new("该记录已被他人修改，请刷新后重试", "Someone else changed this record; reload and try again")),
            Runtime.RuntimeProblem problem when problem.Field is not null => Problems.Validation(http, problem.Field, problem.Text),
            Runtime.RuntimeProblem problem => Problems.Problem(http, problem.Status, problem.Code, new("无法处理", "Cannot be done"), problem.Text),
            UnauthorizedAccessException => Problems.Unauthorized(http, new("请先登录", "Sign in first")),
            OperationCanceledException when http.RequestAborted.IsCancellationRequested => Results.Empty,
            _ => Unexpected(http, exception),
        };
        await result.ExecuteAsync(http);
        return true;
    }

    private IResult Unexpected(HttpContext http, Exception exception)
    {
        logger.LogError(exception, "Unhandled exception for {Method} {Path}", http.Request.Method, http.Request.Path);
        return Problems.Problem(http, StatusCodes.Status500InternalServerError, "internal",
            new("服务器内部错误", "Internal server error"),
            new($"服务器处理请求时出错，请联系管理员并提供请求编号 {http.TraceIdentifier}",
                $"The server could not process the request; give the administrator the request id {http.TraceIdentifier}"));
    }

    private static IResult FromBadRequest(HttpContext http, BadHttpRequestException bad)
    {
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problems.Problem(http, 413, "too-large", new("请求过大", "Request too large"),
                new("请求体超过允许的大小", "The request body is larger than allowed"));
        }
        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return Problems.Problem(http, 415, "unsupported-media-type", new("不支持的内容类型", "Unsupported media type"),
                new("请求体应为 application/json", "The request body must be application/json"));
        }
        if (bad.InnerException is JsonException json)
        {
            return Problems.Validation(http, FieldOf(json), MessageOf(json));
        }
        if (bad.Message.Contains("was not provided", StringComparison.Ordinal) || bad.Message.Contains("body was empty", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Validation(http, "$", Messages.BodyMissing);
        }
        var parameter = ParameterName().Match(bad.Message);
        return Problems.Validation(http, parameter.Success ? parameter.Groups[1].Value : "$",
            new("格式不正确", "has an invalid format"));
    }

    private static string FieldOf(JsonException json)
    {
        var unmapped = UnmappedMember().Match(json.Message);
        var path = json.Path ?? "$";
        if (unmapped.Success && !path.EndsWith("." + unmapped.Groups[1].Value, StringComparison.Ordinal))
        {
            path = path + "." + unmapped.Groups[1].Value;
        }
        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
    }

    private static Text MessageOf(JsonException json)
    {
        if (UnmappedMember().IsMatch(json.Message))
        {
            return Messages.UnknownField;
        }
        var type = ConvertType().Match(json.Message);
        if (type.Success)
        {
            return Messages.WrongType(FriendlyType(type.Groups[1].Value));
        }
        return Messages.InvalidJson;
    }

    private static string FriendlyType(string clrType) => clrType switch
    {
        var t when t.Contains("Guid") => "uuid",
        var t when t.Contains("Int") || t.Contains("Decimal") || t.Contains("Double") => "number",
        var t when t.Contains("Boolean") => "boolean",
        var t when t.Contains("DateOnly") => "date (yyyy-MM-dd)",
        var t when t.Contains("DateTime") => "date-time",
        var t when t.Contains("String") => "string",
        var t when t.Contains("List") || t.Contains("[]") || t.Contains("IReadOnlyList") => "array",
        _ => "object",
    };

    [GeneratedRegex("property '([^']+)' could not be mapped", RegexOptions.CultureInvariant)]
    private static partial Regex UnmappedMember();

    [GeneratedRegex("could not be converted to ([^.\\s]+(?:\\.[^.\\s]+)*)", RegexOptions.CultureInvariant)]
    private static partial Regex ConvertType();

    [GeneratedRegex("parameter \"(?:[^ \"]+ )?([^\" ]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterName();
}
