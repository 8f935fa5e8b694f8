using CsCheck;
using Workflows.Expressions.Parsing;

namespace Workflows.Expressions.Tests.Laws;

/// <summary>Random syntax trees over a few known variables, for round-trip properties of the parser and printer.</summary>
internal static class SyntaxTrees
{
    public const string Variables = """{"a": 3, "b": -2.5, "c": 0, "s": "和平", "xs": [1, 2, 3], "flag": true, "form": {"area": 350}}""";

    private static readonly Gen<Node> Leaf = Gen.OneOf(
        Gen.Decimal[0m, 1000m].Select(d => (Node)new Literal(0, new FeelNumber(Math.Round(d, 2)))),
        Gen.OneOf("", "a\"b", "社区", "x\\y", "line\nbreak").Select(s => (Node)new Literal(0, new FeelString(s))),
        Gen.OneOf<FeelValue>(FeelBoolean.True, FeelBoolean.False, FeelValue.Null).Select(v => (Node)new Literal(0, v)),
        Gen.OneOf("a", "b", "c", "s", "xs", "flag", "missing").Select(n => (Node)new NameRef(0, n)),
        Gen.Const((Node)new PathAccess(0, new NameRef(0, "form"), "area")),
        Gen.OneOf("2026-01-15", "P1D", "P1Y2M").Select(t => (Node)new TemporalLiteral(0, t)));

    private static readonly BinaryOperator[] Operators = Enum.GetValues<BinaryOperator>();

    public static Gen<Node> Expression(int depth)
    {
        if (depth == 0)
        {
            return Leaf;
        }

        var sub = Expression(depth - 1);
        return Gen.Frequency(
            (3, Leaf),
            (4, Gen.Select(Gen.OneOf(Operators), sub, sub, (op, l, r) => (Node)new Binary(0, op, l, r))),
            (1, sub.Select(n => (Node)new Negation(0, n))),
            (1, Gen.Select(sub, sub, sub, (c, t, e) => (Node)new Conditional(0, c, t, e))),
            (1, Gen.Select(sub, sub, sub, (v, l, h) => (Node)new Between(0, v, l, h))),
            // A bare test written "(...)" would read as a parenthesised list of tests (a real ambiguity of FEEL), so bare tests are leaves, lists or ranges.
            (1, Gen.Select(sub, Gen.OneOf(Leaf, sub.List[0, 2].Select(items => (Node)new ListLiteral(0, items)), Gen.Select(sub, sub, (x, y) => (Node)new RangeLiteral(0, true, x, y, true))),
                (v, t) => (Node)new InTests(0, v, [t], false))),
            (1, Gen.Select(sub, sub.List[2, 3], (v, t) => (Node)new InTests(0, v, t, true))),
            (1, sub.List[0, 3].Select(items => (Node)new ListLiteral(0, items))),
            (1, Gen.Select(sub, Gen.Int[-3, 3], (t, i) => (Node)new FilterAccess(0, t, new Literal(0, new FeelNumber(i))))),
            (1, Gen.Select(Gen.OneOf("abs", "count", "string length", "sum", "upper case", "not", "string"), sub,
                (f, x) => (Node)new Invocation(0, new NameRef(0, f), [new Argument(null, x)]))),
            (1, Gen.Select(sub, sub, (x, y) => (Node)new ContextLiteral(0, [new("k", x), new("other key", y)]))),
            (1, Gen.Select(sub, sub, (x, y) => (Node)new RangeLiteral(0, true, x, y, false))));
    }
}
