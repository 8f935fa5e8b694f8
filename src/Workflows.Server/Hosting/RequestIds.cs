namespace Workflows.Server.Hosting;

/// <summary>
/// Every request carries an id, taken from <c>X-Request-Id</c> when a proxy sent a sane one,
/// echoed in the response, repeated in problem details and put in every log line of the request.
/// </summary>
public static class RequestIds
{
    public const string Header = "X-Request-Id";

    public static IApplicationBuilder UseRequestIds(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("Workflows.Requests");
        return app.Use(async (http, next) =>
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
            // The host's own scope captured the id before it could be replaced; this one has the final id.
            using (logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = http.TraceIdentifier }))
            {
                await next(http);
            }
        });
    }
}
