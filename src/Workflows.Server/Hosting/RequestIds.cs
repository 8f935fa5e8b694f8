namespace Workflows.Server.Hosting;

/// <summary>
/// Every request carries an id, taken from <c>X-Request-Id</c> when a proxy sent a sane one,
/// echoed in the response and in every log line (the hosting log scope uses TraceIdentifier).
/// </summary>
public static class RequestIds
{
    public const string Header = "X-Request-Id";

    public static IApplicationBuilder UseRequestIds(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var incoming = http.Request.Headers[Header].ToString();
        if (incoming.Length is > 0 and <= 64 && incoming.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
        {
            http.TraceIdentifier = incoming;
        }
        http.Response.OnStarting(() =>
        {
            http.Response.Headers[Header] = http.TraceIdentifier;
            return Task.CompletedTask;
        });
        await next(http);
    });
}
