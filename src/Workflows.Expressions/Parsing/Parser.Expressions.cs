namespace Workflows.Expressions.Parsing;

internal sealed partial class Parser
{
    private const int OrPrecedence = 1;
    private const int AndPrecedence = 2;
    private const int ComparisonPrecedence = 3;
    private const int AdditivePrecedence = 4;
    private const int MultiplicativePrecedence = 5;
    private const int PowerPrecedence = 6;

    private Node Expression()
    {
        Enter(Current.Offset);
        try
        {
            return Binary(OrPrecedence);
        }
        finally
        {
            Leave();
        }
    }

    /// <summary>Precedence climbing: a loop per level instead of a function per level keeps the stack shallow.</summary>
    private Node Binary(int minimum) => BinaryFrom(Unary(), minimum);

    private Node BinaryFrom(Node left, int minimum)
    {
        while (true)
        {
            var token = Current;
            var (precedence, op) = BinaryOperatorOf(token);
            if (precedence < minimum || precedence == 0)
            {
                return left;
            }

            if (precedence == ComparisonPrecedence)
            {
                left = Comparison(left, minimum);
                continue;
            }

            Advance();
            // ** is left-associative in feelin as well, so every level climbs by one.
            var right = Binary(precedence + 1);
            left = Make(new Binary(token.Offset, op, left, right), left, right);
        }
    }

    private static (int Precedence, BinaryOperator Operator) BinaryOperatorOf(Token token)
    {
        if (token.Kind == TokenKind.Word)
        {
            return token.Text switch
            {
                "or" => (OrPrecedence, BinaryOperator.Or),
                "and" => (AndPrecedence, BinaryOperator.And),
                "between" or "in" or "instance" => (ComparisonPrecedence, BinaryOperator.Equal),
                _ => (0, default),
            };
        }

        if (token.Kind != TokenKind.Symbol)
        {
            return (0, default);
        }

        return token.Text switch
        {
            "=" => (ComparisonPrecedence, BinaryOperator.Equal),
            "!=" => (ComparisonPrecedence, BinaryOperator.NotEqual),
            "<" => (ComparisonPrecedence, BinaryOperator.Less),
            "<=" => (ComparisonPrecedence, BinaryOperator.LessOrEqual),
            ">" => (ComparisonPrecedence, BinaryOperator.Greater),
            ">=" => (ComparisonPrecedence, BinaryOperator.GreaterOrEqual),
            "+" => (AdditivePrecedence, BinaryOperator.Add),
            "-" => (AdditivePrecedence, BinaryOperator.Subtract),
            "*" => (MultiplicativePrecedence, BinaryOperator.Multiply),
            "/" => (MultiplicativePrecedence, BinaryOperator.Divide),
            "**" => (PowerPrecedence, BinaryOperator.Power),
            _ => (0, default),
        };
    }

    private Node Comparison(Node left, int minimum)
    {
        var token = Advance();
        if (token.IsWord("between"))
        {
            var low = Binary(AdditivePrecedence);
            ExpectWord("and");
            var high = Binary(AdditivePrecedence);
            return Make(new Between(token.Offset, left, low, high), left, low, high);
        }

        if (token.IsWord("in"))
        {
            var parenthesized = Current.Is("(");
            var tests = InTestsRightSide();
            if (parenthesized && tests.Count == 1 && tests[0] is not (UnaryComparison or RangeLiteral) && ContinuesOperand())
            {
                // "x in (a + b) * 2": the parentheses grouped part of one expression, not a list of tests.
                var operand = BinaryFrom(UnaryFrom(PostfixFrom(tests[0])), AdditivePrecedence);
                return Make(new InTests(token.Offset, left, [operand], false), left, operand);
            }

            // One parenthesised test is a grouped expression, as in feelin: "x in ([1, 2])" asks for membership.
            return MakeAll(new InTests(token.Offset, left, tests, parenthesized && tests.Count > 1), [left, .. tests]);
        }

        if (token.IsWord("instance"))
        {
            ExpectWord("of");
            return Make(new InstanceOf(token.Offset, left, TypeName()), left);
        }

        var (_, op) = BinaryOperatorOf(token);
        var right = Binary(AdditivePrecedence);
        return Make(new Binary(token.Offset, op, left, right), left, right);
    }

    private string TypeName()
    {
        var words = new List<string>();
        // "date and time", "days and time duration", "years and months duration" contain the keyword "and".
        while (Current.Kind == TokenKind.Word
            && (words.Count == 0 || !IsReservedAt(position) || Current.Text == "and" && words.Count == 1 && words[0] is "date" or "days" or "years"))
        {
            words.Add(Advance().Text);
        }

        if (words.Count == 0)
        {
            throw Unexpected();
        }

        // list<number>, context<...>: the element type is not checked, only the outer kind.
        if (Current.Is("<"))
        {
            var depth = 0;
            do
            {
                if (Current.Is("<")) depth++;
                else if (Current.Is(">")) depth--;
                else if (Current.Kind == TokenKind.End) throw Unexpected();
                Advance();
            }
            while (depth > 0);
        }

        return string.Join(' ', words);
    }

    private List<Node> InTestsRightSide()
    {
        if (!Current.Is("("))
        {
            return [PositiveUnaryTest(AdditivePrecedence)];
        }

        // "(a..b)" is an interval; "(a, b, c)" a list of tests.
        var open = Advance();
        Enter(open.Offset);
        try
        {
            var tests = new List<Node>();
            if (Current.Is(")"))
            {
                Advance();
                return tests;
            }

            var first = PositiveUnaryTest(OrPrecedence);
            if (Current.Is("..") && first is not UnaryComparison)
            {
                Advance();
                var end = Binary(OrPrecedence);
                var endIncluded = Current.Is("]");
                if (!Current.Is("]") && !Current.Is(")") && !Current.Is("["))
                {
                    throw Unexpected();
                }

                Advance();
                return [Make(new RangeLiteral(open.Offset, false, first, end, endIncluded), first, end)];
            }

            tests.Add(first);
            while (Current.Is(","))
            {
                Advance();
                tests.Add(PositiveUnaryTest(OrPrecedence));
            }

            Expect(")");
            return tests;
        }
        finally
        {
            Leave();
        }
    }

    private Node PositiveUnaryTest(int precedence)
    {
        var token = Current;
        if (token.Kind == TokenKind.Symbol && token.Text is "<" or "<=" or ">" or ">=" or "=" or "!=")
        {
            Advance();
            var operand = Binary(AdditivePrecedence);
            var (_, op) = BinaryOperatorOf(token);
            return Make(new UnaryComparison(token.Offset, op, operand), operand);
        }

        return Binary(precedence);
    }

    private Node UnaryTests()
    {
        var start = Current;
        if (start.Is("-") && Peek().Kind == TokenKind.End)
        {
            Advance();
            return new UnaryTestList(start.Offset, false, true, []);
        }

        var negated = false;
        if (start.IsWord("not") && Peek().Is("("))
        {
            // "not(1, 2)" negates the tests; "not(x) = y" would be an expression, which unary tests do not allow.
            negated = true;
            Advance();
            Advance();
        }

        var tests = new List<Node> { PositiveUnaryTest(OrPrecedence) };
        while (Current.Is(","))
        {
            Advance();
            tests.Add(PositiveUnaryTest(OrPrecedence));
        }

        if (negated)
        {
            Expect(")");
        }

        return MakeAll(new UnaryTestList(start.Offset, negated, false, tests), tests);
    }

    /// <summary>Negation binds tighter than power, as in feelin: -2 ** 2 is (-2) ** 2 = 4.</summary>
    private bool ContinuesOperand() =>
        Current.Kind == TokenKind.Symbol && Current.Text is "." or "**" or "*" or "/" or "+" or "-"
        || Current.Is("[") && !ClosesRange(Peek());

    private Node Unary() => UnaryFrom(Prefix());

    private Node UnaryFrom(Node value)
    {
        while (Current.Is("**"))
        {
            var op = Advance();
            var right = Prefix();
            value = Make(new Binary(op.Offset, BinaryOperator.Power, value, right), value, right);
        }

        return value;
    }

    private Node Prefix()
    {
        var token = Current;
        if (!token.Is("-"))
        {
            return Postfix();
        }

        Advance();
        Enter(token.Offset);
        try
        {
            var operand = Prefix();
            return Make(new Negation(token.Offset, operand), operand);
        }
        finally
        {
            Leave();
        }
    }
}
