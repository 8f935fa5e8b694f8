using Workflows.Expressions;

namespace Workflows.Forms.Schema;

/// <summary>
/// Reads the FEEL inside feelers templates (<c>{{ expression }}</c>, <c>{{#if ...}}</c>,
/// <c>{{#loop ...}}</c>) used in labels and text, to report expressions that do not parse.
/// </summary>
public static class Templates
{
    public static IEnumerable<(string Expression, FeelError Error)> Check(string template)
    {
        var at = 0;
        while (at < template.Length)
        {
            var open = template.IndexOf("{{", at, StringComparison.Ordinal);
            if (open < 0)
            {
                yield break;
            }

            var close = template.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                yield break;
            }

            var inner = template[(open + 2)..close].Trim();
            at = close + 2;
            if (inner.StartsWith("#if ", StringComparison.Ordinal))
            {
                inner = inner[4..];
            }
            else if (inner.StartsWith("#loop ", StringComparison.Ordinal))
            {
                inner = inner[6..];
            }
            else if (inner.StartsWith('/') || inner == "else" || inner.Length == 0)
            {
                continue;
            }

            if (Feel.Compile(inner) is { Succeeded: false, Error: { } error })
            {
                yield return (inner, error);
            }
        }
    }
}
