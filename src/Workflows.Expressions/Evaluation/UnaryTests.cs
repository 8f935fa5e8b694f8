using Workflows.Expressions.Parsing;

namespace Workflows.Expressions.Evaluation;

/// <summary>
/// Unary tests: "&lt; 5", "[1..10]", "\"a\", \"b\"", "not(1, 2)", "-". Each test is compiled to a
/// closure answering true, false or null for the input value.
/// </summary>
internal static class UnaryTests
{
    internal delegate bool? Test(Scope scope, FeelValue input);

    /// <summary>A whole unary tests list; the input is <see cref="FeelContext.InputValue"/>.</summary>
    public static Compiled CompileList(UnaryTestList list)
    {
        if (list.Anything)
        {
            return _ => FeelBoolean.True;
        }

        var tests = list.Tests.Select(CompileStandalone).ToArray();
        var negated = list.Negated;
        return scope =>
        {
            var input = scope.Evaluation.Context.InputValue ?? FeelValue.Null;
            var inner = scope.Bind("?", input);
            var matched = false;
            foreach (var test in tests)
            {
                if (test(inner, input) == true)
                {
                    matched = true;
                    break;
                }
            }

            return FeelBoolean.Of(negated ? !matched : matched);
        };
    }

    /// <summary>"!= x" on its own: the input compared with x.</summary>
    public static Compiled CompileAgainstInput(UnaryComparison comparison)
    {
        var test = CompileComparison(comparison);
        return scope =>
        {
            var input = scope.Evaluation.Context.InputValue ?? FeelValue.Null;
            return test(scope, input) is { } holds ? FeelBoolean.Of(holds) : FeelValue.Null;
        };
    }

    private static Test CompileComparison(UnaryComparison comparison)
    {
        var operand = Compiler.Compile(comparison.Operand);
        var op = comparison.Operator;
        return (scope, input) => Comparisons.Holds(op, input, operand(scope));
    }

    /// <summary>In a unary tests list, an expression that yields a boolean is the answer itself (e.g. "? &gt; 5").</summary>
    private static Test CompileStandalone(Node node)
    {
        if (node is UnaryComparison comparison)
        {
            return CompileComparison(comparison);
        }

        var value = Compiler.Compile(node);
        var literalBoolean = node is Literal { Value: FeelBoolean };
        return (scope, input) =>
        {
            var result = value(scope);
            return result switch
            {
                FeelBoolean b when !literalBoolean => b.Value,
                FeelList list => list.Items.Any(i => Comparisons.Equal(i, input) == true),
                FeelRange range => Comparisons.Includes(range, input),
                _ => Comparisons.Equal(result, input),
            };
        };
    }

    /// <summary>
    /// The right side of "x in ...": each test matches by range, by comparison or by equality; a list
    /// value is a list of tests. A match wins; otherwise an unknown range comparison makes the answer null.
    /// </summary>
    public static Compiled CompileIn(InTests node)
    {
        var value = Compiler.Compile(node.Value);
        var tests = node.Tests.Select(t => t is UnaryComparison c ? (Compiled?)null : Compiler.Compile(t)).ToArray();
        var comparisons = node.Tests.Select(t => t is UnaryComparison c ? CompileComparison(c) : null).ToArray();
        var parenthesized = node.Parenthesized;
        return scope =>
        {
            var input = value(scope);
            var unknown = false;
            for (var i = 0; i < tests.Length; i++)
            {
                bool? result;
                if (comparisons[i] is { } comparison)
                {
                    result = comparison(scope, input);
                }
                else
                {
                    var test = tests[i]!(scope);
                    if (test is FeelNull && tests.Length == 1)
                    {
                        return FeelValue.Null;
                    }

                    // "x in [1, 2]" asks for membership; "x in ([1, 2], [3])" compares x with each list.
                    result = test is FeelList list && !parenthesized ? Member(list, input, ref unknown) : Matches(test, input);
                }

                if (result == true)
                {
                    return FeelBoolean.True;
                }

                unknown |= result is null;
            }

            return unknown ? FeelValue.Null : FeelBoolean.False;
        };
    }

    private static bool? Member(FeelList list, FeelValue input, ref bool unknown)
    {
        foreach (var item in list.Items)
        {
            var result = Matches(item, input);
            if (result == true)
            {
                return true;
            }

            unknown |= result is null;
        }

        return false;
    }

    /// <summary>Plain values compare two-valued (different kinds are simply not equal); ranges may be unknown.</summary>
    private static bool? Matches(FeelValue test, FeelValue input) => test switch
    {
        FeelRange range => Comparisons.Includes(range, input),
        _ => Comparisons.Equal(test, input) ?? false,
    };
}
