using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Workflows.Expressions.Evaluation;

namespace Workflows.Expressions.Functions;

internal static partial class Builtins
{
    /// <summary>A pattern that backtracks badly is stopped rather than allowed to hold a thread.</summary>
    internal static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(200);

    private static readonly ConcurrentDictionary<(string Pattern, string Flags), Regex?> RegexCache = new();

    private static void DefineStrings(Define add)
    {
        add("substring", "string, start position, length?", Substring);
        add("string length", "string", (e, a) => Arguments.String(a[0], out var s) ? Number(CodePoints.Count(s)) : Invalid(e, "string length"));
        add("upper case", "string", (e, a) => Arguments.String(a[0], out var s) ? Text(e, UpperCase(s)) : Invalid(e, "upper case"));
        add("lower case", "string", (e, a) => Arguments.String(a[0], out var s) ? new FeelString(s.ToLowerInvariant()) : Invalid(e, "lower case"));
        add("substring before", "string, match", (e, a) => TwoStrings(e, a, "substring before", (s, m) =>
        {
            var at = s.IndexOf(m, StringComparison.Ordinal);
            return new FeelString(at < 0 ? "" : s[..at]);
        }));
        add("substring after", "string, match", (e, a) => TwoStrings(e, a, "substring after", (s, m) =>
        {
            var at = s.IndexOf(m, StringComparison.Ordinal);
            return new FeelString(at < 0 ? "" : s[(at + m.Length)..]);
        }));
        add("contains", "string, match", (e, a) => TwoStrings(e, a, "contains", (s, m) => FeelBoolean.Of(s.Contains(m, StringComparison.Ordinal))));
        add("starts with", "string, match", (e, a) => TwoStrings(e, a, "starts with", (s, m) => FeelBoolean.Of(s.StartsWith(m, StringComparison.Ordinal))));
        add("ends with", "string, match", (e, a) => TwoStrings(e, a, "ends with", (s, m) => FeelBoolean.Of(s.EndsWith(m, StringComparison.Ordinal))));
        add("matches", "input, pattern, flags?", Matches);
        add("replace", "input, pattern, replacement, flags?", Replace);
        add("split", "string, delimiter", Split);
        add("string join", "list, delimiter?", StringJoin);
    }

    /// <summary>Upper case with the one-to-many mappings browsers apply (ß becomes SS, ﬁ becomes FI).</summary>
    private static string UpperCase(string s)
    {
        var upper = s.ToUpperInvariant();
        if (!upper.Any(c => c is 'ß' or >= '\uFB00' and <= '\uFB06'))
        {
            return upper;
        }

        return upper.Replace("ß", "SS", StringComparison.Ordinal)
            .Replace("\uFB00", "FF", StringComparison.Ordinal).Replace("\uFB01", "FI", StringComparison.Ordinal)
            .Replace("\uFB02", "FL", StringComparison.Ordinal).Replace("\uFB03", "FFI", StringComparison.Ordinal)
            .Replace("\uFB04", "FFL", StringComparison.Ordinal).Replace("\uFB05", "ST", StringComparison.Ordinal)
            .Replace("\uFB06", "ST", StringComparison.Ordinal);
    }

    private static FeelValue TwoStrings(EvaluationState e, FeelValue[] a, string name, Func<string, string, FeelValue> body) =>
        Arguments.String(a[0], out var s) && Arguments.String(a[1], out var m) ? body(s, m) : Invalid(e, name);

    /// <summary>Positions count characters (code points), 1-based; a negative start counts from the end.</summary>
    private static FeelValue Substring(EvaluationState e, FeelValue[] a)
    {
        // Position 0 is no position at all (the first character is 1).
        if (!Arguments.String(a[0], out var s) || !Arguments.Number(a[1], out var startNumber) || startNumber != decimal.Truncate(startNumber) || startNumber == 0)
        {
            return Invalid(e, "substring");
        }

        var points = CodePoints.Split(s);
        var start = startNumber < 0 ? points.Length + (long)startNumber : (long)startNumber - 1;
        start = Math.Max(0, start);
        long length = points.Length - start;
        if (a.Length > 2 && a[2] is not FeelNull)
        {
            if (!Arguments.Number(a[2], out var lengthNumber))
            {
                return Invalid(e, "substring");
            }

            length = Math.Min(length, (long)Math.Max(0, Math.Floor(lengthNumber)));
        }

        if (start >= points.Length || length <= 0)
        {
            return FeelString.Empty;
        }

        return new FeelString(string.Concat(points.Skip((int)start).Take((int)length)));
    }

    private static Regex? Pattern(string pattern, string flags)
    {
        if (RegexCache.Count > 256)
        {
            RegexCache.Clear();
        }

        return RegexCache.GetOrAdd((pattern, flags), key =>
        {
            var options = RegexOptions.CultureInvariant;
            foreach (var flag in key.Flags)
            {
                options |= flag switch
                {
                    'i' => RegexOptions.IgnoreCase,
                    's' => RegexOptions.Singleline,
                    'm' => RegexOptions.Multiline,
                    _ => RegexOptions.IgnorePatternWhitespace,
                };
            }

            try
            {
                return new Regex(key.Pattern, options, RegexTimeout);
            }
            catch (ArgumentException)
            {
                return null;
            }
        });
    }

    private static FeelValue WithPattern(EvaluationState e, string name, FeelValue patternArgument, FeelValue? flagsArgument, Func<Regex, FeelValue> body)
    {
        if (!Arguments.String(patternArgument, out var pattern))
        {
            return Invalid(e, name);
        }

        var flags = "";
        if (flagsArgument is not null and not FeelNull && !Arguments.String(flagsArgument, out flags))
        {
            return Invalid(e, name);
        }

        if (flags.Any(f => f is not ('i' or 's' or 'm' or 'x')))
        {
            return Invalid(e, name);
        }

        var regex = Pattern(pattern, flags);
        if (regex is null)
        {
            return e.WarnAtCall("FEEL_INVALID_PATTERN", $"{name} 的正则表达式无效：{pattern}", $"invalid regular expression in {name}: {pattern}");
        }

        try
        {
            return body(regex);
        }
        catch (RegexMatchTimeoutException)
        {
            return e.WarnAtCall("FEEL_REGEX_TIMEOUT", $"{name} 的正则表达式匹配超时", $"the regular expression in {name} took too long");
        }
    }

    private static FeelValue Matches(EvaluationState e, FeelValue[] a) =>
        Arguments.String(a[0], out var input)
            ? WithPattern(e, "matches", a[1], a.Length > 2 ? a[2] : null, regex => FeelBoolean.Of(regex.IsMatch(input)))
            : Invalid(e, "matches");

    private static FeelValue Replace(EvaluationState e, FeelValue[] a)
    {
        if (!Arguments.String(a[0], out var input) || !Arguments.String(a[2], out var replacement))
        {
            return Invalid(e, "replace");
        }

        // XPath's $0 is the whole match, which .NET spells $&.
        var dotnetReplacement = replacement.Replace("$0", "$&", StringComparison.Ordinal);
        return WithPattern(e, "replace", a[1], a.Length > 3 ? a[3] : null, regex => Text(e, regex.Replace(input, dotnetReplacement)));
    }

    private static FeelValue Split(EvaluationState e, FeelValue[] a)
    {
        if (!Arguments.String(a[0], out var input))
        {
            return Invalid(e, "split");
        }

        return WithPattern(e, "split", a[1], null, regex =>
        {
            var parts = new List<FeelValue>();
            var last = 0;
            for (var match = regex.Match(input); match.Success; match = match.NextMatch())
            {
                if (match.Length == 0)
                {
                    // An empty delimiter splits between characters, as JavaScript does.
                    if (match.Index == 0 || match.Index >= input.Length)
                    {
                        continue;
                    }
                }

                parts.Add(new FeelString(input[last..match.Index]));
                last = match.Index + match.Length;
                e.CheckListLength(e.CallOffset, parts.Count);
            }

            parts.Add(new FeelString(input[last..]));
            return new FeelList(parts);
        });
    }

    private static FeelValue StringJoin(EvaluationState e, FeelValue[] a)
    {
        if (!Arguments.List(a[0], out var items))
        {
            return Invalid(e, "string join");
        }

        var delimiter = "";
        if (a.Length > 1 && a[1] is not FeelNull && !Arguments.String(a[1], out delimiter))
        {
            return Invalid(e, "string join");
        }

        var text = new StringBuilder();
        var first = true;
        foreach (var item in items)
        {
            if (item is FeelNull)
            {
                continue;
            }

            if (item is not FeelString s)
            {
                return Invalid(e, "string join");
            }

            if (!first)
            {
                text.Append(delimiter);
            }

            text.Append(s.Value);
            first = false;
            e.CheckStringLength(e.CallOffset, text.Length);
        }

        return new FeelString(text.ToString());
    }
}

/// <summary>FEEL counts characters, not UTF-16 units: a surrogate pair is one character, a lone surrogate too.</summary>
internal static class CodePoints
{
    public static int Count(string s)
    {
        var count = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }

            count++;
        }

        return count;
    }

    public static string[] Split(string s)
    {
        var parts = new List<string>(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                parts.Add(s.Substring(i, 2));
                i++;
            }
            else
            {
                parts.Add(s[i].ToString());
            }
        }

        return [.. parts];
    }
}
