using System.Text;
using Workflows.Expressions.Evaluation;

namespace Workflows.Expressions.Parsing;

/// <summary>
/// Writes a syntax tree back as FEEL source, parenthesising every compound part so that reading it
/// again gives the same tree. Used to check the parser (print, parse, compare) and to show canonical forms.
/// </summary>
internal static class Printer
{
    public static string Print(Node node)
    {
        var text = new StringBuilder();
        Write(text, node);
        return text.ToString();
    }

    private static void Write(StringBuilder text, Node node)
    {
        switch (node)
        {
            case Literal { Value: FeelString s }:
                text.Append(Quote(s.Value));
                break;
            case Literal { Value: FeelNumber { Value: < 0 } negative }:
                // Source has no negative literals: "-3" reads back as a negation, so print it as one.
                text.Append("(-").Append(ValueText.Number(-negative.Value)).Append(')');
                break;
            case Literal literal:
                text.Append(literal.Value.ToString());
                break;
            case TemporalLiteral temporal:
                text.Append('@').Append(Quote(temporal.Text));
                break;
            case NameRef name:
                text.Append(name.Name);
                break;
            case InputValueRef:
                text.Append('?');
                break;
            case PathAccess path:
                Write(text, path.Target);
                text.Append('.').Append(path.Name);
                break;
            case FilterAccess filter:
                Write(text, filter.Target);
                text.Append('[');
                Write(text, filter.Filter);
                text.Append(']');
                break;
            case Invocation invocation:
                Write(text, invocation.Callee);
                text.Append('(');
                Join(text, invocation.Arguments, (t, a) =>
                {
                    if (a.Name is not null)
                    {
                        t.Append(a.Name).Append(": ");
                    }

                    Write(t, a.Value);
                });
                text.Append(')');
                break;
            case Negation negation:
                text.Append("(-");
                Write(text, negation.Operand);
                text.Append(')');
                break;
            case Binary binary:
                text.Append('(');
                Write(text, binary.Left);
                text.Append(' ').Append(Arithmetic.Symbol(binary.Operator)).Append(' ');
                Write(text, binary.Right);
                text.Append(')');
                break;
            case Between between:
                text.Append('(');
                Write(text, between.Value);
                text.Append(" between ");
                Write(text, between.Low);
                text.Append(" and ");
                Write(text, between.High);
                text.Append(')');
                break;
            case InTests inTests:
                text.Append('(');
                Write(text, inTests.Value);
                text.Append(" in ");
                if (inTests.Parenthesized)
                {
                    text.Append('(');
                    Join(text, inTests.Tests, Write);
                    text.Append(')');
                }
                else
                {
                    Write(text, inTests.Tests[0]);
                }

                text.Append(')');
                break;
            case InstanceOf instance:
                text.Append('(');
                Write(text, instance.Value);
                text.Append(" instance of ").Append(instance.TypeName).Append(')');
                break;
            case Conditional conditional:
                text.Append("(if ");
                Write(text, conditional.Condition);
                text.Append(" then ");
                Write(text, conditional.Then);
                text.Append(" else ");
                Write(text, conditional.Else);
                text.Append(')');
                break;
            case ForLoop loop:
                text.Append("(for ");
                WriteIterations(text, loop.Iterations);
                text.Append(" return ");
                Write(text, loop.Body);
                text.Append(')');
                break;
            case Quantified quantified:
                text.Append(quantified.Every ? "(every " : "(some ");
                WriteIterations(text, quantified.Iterations);
                text.Append(" satisfies ");
                Write(text, quantified.Condition);
                text.Append(')');
                break;
            case ListLiteral list:
                text.Append('[');
                Join(text, list.Items, Write);
                text.Append(']');
                break;
            case ContextLiteral context:
                text.Append('{');
                Join(text, context.Entries, (t, e) =>
                {
                    t.Append(Quote(e.Key)).Append(": ");
                    Write(t, e.Value);
                });
                text.Append('}');
                break;
            case RangeLiteral range:
                text.Append(range.StartIncluded ? '[' : '(');
                WriteOptional(text, range.Start);
                text.Append("..");
                WriteOptional(text, range.End);
                text.Append(range.EndIncluded ? ']' : ')');
                break;
            case FunctionDefinition function:
                text.Append("(function(").Append(string.Join(", ", function.Parameters)).Append(") ");
                Write(text, function.Body);
                text.Append(')');
                break;
            case UnaryComparison comparison:
                text.Append(Arithmetic.Symbol(comparison.Operator)).Append(' ');
                Write(text, comparison.Operand);
                break;
            case UnaryTestList tests:
                if (tests.Anything)
                {
                    text.Append('-');
                    break;
                }

                if (tests.Negated)
                {
                    text.Append("not(");
                }

                Join(text, tests.Tests, Write);
                if (tests.Negated)
                {
                    text.Append(')');
                }

                break;
        }
    }

    private static void WriteOptional(StringBuilder text, Node? node)
    {
        if (node is null)
        {
            text.Append("null");
        }
        else
        {
            Write(text, node);
        }
    }

    private static void WriteIterations(StringBuilder text, IReadOnlyList<Iteration> iterations) =>
        Join(text, iterations, (t, i) =>
        {
            t.Append(i.Name).Append(" in ");
            Write(t, i.Domain);
            if (i.RangeEnd is not null)
            {
                t.Append("..");
                Write(t, i.RangeEnd);
            }
        });

    private static void Join<T>(StringBuilder text, IReadOnlyList<T> items, Action<StringBuilder, T> write)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }

            write(text, items[i]);
        }
    }

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal) + "\"";
}
