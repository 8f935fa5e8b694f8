using System.Text.RegularExpressions;

namespace Workflows.Forms.Schema;

/// <summary>
/// A form-js <c>validate.pattern</c>: a JavaScript regular expression tested with <c>RegExp.test</c>
/// (unanchored, no flags). .NET's ECMAScript mode is the closest match; patterns it rejects but .NET
/// accepts (lookbehind, named groups) fall back to the default engine. Every match has a timeout, so a
/// pathological pattern cannot stall the server.
/// </summary>
public static class JsPattern
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Regex?> Cache = new(StringComparer.Ordinal);

    /// <summary>A cached compilation; null when the pattern does not compile.</summary>
    public static Regex? Get(string pattern)
    {
        if (Cache.Count > 1024)
        {
            Cache.Clear();
        }

        return Cache.GetOrAdd(pattern, p => TryCompile(p, out _));
    }

    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>The compiled pattern, or null with the parser's complaint.</summary>
    public static Regex? TryCompile(string pattern, out string? error)
    {
        error = null;
        try
        {
            return new Regex(pattern, RegexOptions.ECMAScript | RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException)
        {
            // fall through: ECMAScript mode refuses some constructs JavaScript accepts.
        }

        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException e)
        {
            error = e.Message;
            return null;
        }
    }
}
