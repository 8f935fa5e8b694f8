using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Runtime;
using Workflows.Server.Hosting;

namespace Workflows.Server.Inbox;

/// <summary>
/// <c>Idempotency-Key</c>: the first answer to a key is stored in the same transaction as the
/// action, and a retry with the same key and request gets that answer again instead of acting twice.
/// </summary>
public static partial class Idempotency
{
    public const string Header = "Idempotency-Key";

    public sealed record Key(string Value, string RequestHash);

    /// <summary>Reads the header; a malformed key is a field error, no key is fine.</summary>
    public static Key? Read(HttpContext http, object request, FieldErrors errors)
    {
        var value = http.Request.Headers[Header].ToString();
        if (value.Length == 0)
        {
            return null;
        }
        if (!KeyPattern().IsMatch(value))
        {
            errors.Add(Header, new("应为 1 到 100 个字母、数字或 -_.: 字符", "must be 1 to 100 letters, digits or -_.: characters"));
            return null;
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            http.Request.Method + " " + http.Request.Path + " " + JsonSerializer.Serialize(request))));
        return new Key(value, hash);
    }

    /// <summary>The stored answer for this key, or null when the key is new.</summary>
    public static async Task<IResult?> ReplayAsync(HttpContext http, WorkflowsDbContext db, Guid userId, Key? key)
    {
        if (key is null)
        {
            return null;
        }
        var record = await db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.UserId == userId && r.Key == key.Value);
        if (record is null)
        {
            return null;
        }
        if (record.RequestHash != key.RequestHash)
        {
            return Problems.Problem(http, StatusCodes.Status422UnprocessableEntity, "idempotency-key-reused",
                new("幂等键已用于另一个请求", "Idempotency key reused"),
                new("这个 Idempotency-Key 已用于内容不同的请求，请换一个键", "This Idempotency-Key was used for a different request; use a new key"));
        }
        http.Response.Headers["Idempotent-Replayed"] = "true";
        return Results.Text(record.Body, "application/json", Encoding.UTF8, record.StatusCode);
    }

    public static void Remember(WorkflowsDbContext db, Guid userId, Key? key, int status, object body, DateTime now)
    {
        if (key is null)
        {
            return;
        }
        db.IdempotencyRecords.Add(new IdempotencyRecord
        {
            Key = key.Value, UserId = userId, RequestHash = key.RequestHash, StatusCode = status,
            Body = JsonSerializer.Serialize(body, JsonSerializerOptions.Web), CreatedAt = now,
        });
    }

    [GeneratedRegex("^[A-Za-z0-9_.:-]{1,100}$")]
    private static partial Regex KeyPattern();
}
