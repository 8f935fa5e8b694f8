using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Server.Hosting;

namespace Workflows.Server.Forms;

/// <summary>Reads a request body up to a limit, refusing a larger one by its declared length before reading anything.</summary>
public static class FormBodies
{
    public static async Task<byte[]?> ReadAsync(HttpContext http, int maxBytes)
    {
        if (http.Request.ContentLength > maxBytes)
        {
            return null;
        }
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    public static ProblemHttpResult TooLarge(HttpContext http, int maxBytes) =>
        Problems.Problem(http, StatusCodes.Status413PayloadTooLarge, "too-large", new("请求过大", "Request too large"),
            new($"请求体不能超过 {maxBytes / 1024 / 1024} MB", $"the request body must be at most {maxBytes / 1024 / 1024} MB"));
}
