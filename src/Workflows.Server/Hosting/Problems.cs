using Microsoft.AspNetCore.Http.HttpResults;

namespace Workflows.Server.Hosting;

/// <summary>
/// RFC 9457 problem details in the caller's language. Every error the API returns goes through here.
/// </summary>
public static class Problems
{
    public const string TypeBase = "https://workflows.local/problems/";

    public static ValidationProblem Validation(HttpContext http, FieldErrors errors)
    {
        var language = Languages.Of(http);
        var localized = errors.All.ToDictionary(e => e.Key, e => e.Value.Select(m => m.In(language)).ToArray());
        var title = new Text("请求中有错误", "The request has errors");
        return TypedResults.ValidationProblem(
            localized,
            detail: string.Join("; ", errors.All.Select(e => $"{e.Key}: {string.Join(", ", e.Value.Select(m => m.In(language)))}")),
            title: title.In(language),
            type: TypeBase + "validation",
            extensions: Extensions(http));
    }

    public static ValidationProblem Validation(HttpContext http, string field, Text message) =>
        Validation(http, new FieldErrors().Add(field, message));

    public static ProblemHttpResult NotFound(HttpContext http, Text what) =>
        Problem(http, StatusCodes.Status404NotFound, "not-found", new("未找到", "Not found"), what);

    public static ProblemHttpResult Forbidden(HttpContext http, Text why) =>
        Problem(http, StatusCodes.Status403Forbidden, "forbidden", new("没有权限", "Forbidden"), why);

    public static ProblemHttpResult Conflict(HttpContext http, Text why) =>
        Problem(http, StatusCodes.Status409Conflict, "conflict", new("冲突", "Conflict"), why);

    public static ProblemHttpResult Unauthorized(HttpContext http, Text why, string code = "unauthorized") =>
        Problem(http, StatusCodes.Status401Unauthorized, code, new("未登录或凭据无效", "Not signed in or invalid credentials"), why);

    public static ProblemHttpResult Problem(HttpContext http, int status, string code, Text title, Text detail)
    {
        var language = Languages.Of(http);
        var extensions = Extensions(http);
        extensions["code"] = code;
        return TypedResults.Problem(
            detail: detail.In(language),
            statusCode: status,
            title: title.In(language),
            type: TypeBase + code,
            extensions: extensions);
    }

    private static Dictionary<string, object?> Extensions(HttpContext http) =>
        new() { ["requestId"] = http.TraceIdentifier };
}
