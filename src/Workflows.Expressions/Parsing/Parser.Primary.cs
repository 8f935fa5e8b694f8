namespace Workflows.Expressions.Parsing;

internal sealed partial class Parser
{
    private Node Postfix() => PostfixFrom(Primary());

    private Node PostfixFrom(Node value)
    {
        while (true)
        {
            var token = Current;
            if (token.Is("."))
            {
                Advance();
                if (Current.Kind != TokenKind.Word)
                {
                    throw Unexpected();
                }

                value = Make(new PathAccess(token.Offset, value, Name()), value);
            }
            else if (token.Is("[") && !ClosesRange(Peek()))
            {
                Advance();
                var filter = Expression();
                Expect("]");
                value = Make(new FilterAccess(token.Offset, value, filter), value, filter);
            }
            else if (token.Is("("))
            {
                var arguments = Arguments();
                value = MakeAll(new Invocation(token.Offset, value, arguments), [value, .. arguments.Select(a => a.Value)]);
            }
            else
            {
                return value;
            }
        }
    }

    /// <summary>In "[1..10[" the last bracket closes the range; it cannot open a filter when nothing follows it.</summary>
    private static bool ClosesRange(Token next) =>
        next.Kind == TokenKind.End
        || next.Kind == TokenKind.Symbol && next.Text is ")" or "]" or "}" or ","
        || next.Kind == TokenKind.Word && next.Text is "and" or "or" or "then" or "else" or "return" or "satisfies";

    private List<Argument> Arguments()
    {
        var open = Expect("(");
        Enter(open.Offset);
        try
        {
            var arguments = new List<Argument>();
            if (Current.Is(")"))
            {
                Advance();
                return arguments;
            }

            var named = IsNamedArgument();
            while (true)
            {
                string? name = null;
                if (named)
                {
                    if (!IsNamedArgument())
                    {
                        throw new FeelSyntaxException("FEEL_MIXED_ARGUMENTS", "不能混用命名参数和位置参数", "named and positional arguments cannot be mixed", Current.Offset);
                    }

                    name = Name();
                    Expect(":");
                }

                arguments.Add(new Argument(name, Expression()));
                if (Current.Is(","))
                {
                    Advance();
                    continue;
                }

                Expect(")");
                return arguments;
            }
        }
        finally
        {
            Leave();
        }
    }

    /// <summary>"start position: 2": words up to a colon.</summary>
    private bool IsNamedArgument()
    {
        var i = position;
        while (tokens[i].Kind == TokenKind.Word)
        {
            i++;
        }

        return i > position && tokens[i].Is(":");
    }

    /// <summary>Words in a row form one name ("first name", "string length"); keywords end it.</summary>
    private string Name()
    {
        var first = Advance();
        if (Peek(0).Kind != TokenKind.Word || IsReservedAt(position))
        {
            // "date and time" and "years and months duration" contain a keyword.
            return ContinueWithAnd(first.Text);
        }

        var words = new List<string> { first.Text };
        while (Current.Kind == TokenKind.Word && !IsReservedAt(position))
        {
            words.Add(Advance().Text);
        }

        return ContinueWithAnd(string.Join(' ', words));
    }

    private string ContinueWithAnd(string name)
    {
        if (Current.IsWord("and") && Peek().Kind == TokenKind.Word)
        {
            var candidate = name + " and " + Peek().Text;
            if (candidate == "date and time" && Peek(2).Is("("))
            {
                position += 2;
                return candidate;
            }

            if (candidate == "years and months" && Peek(2).IsWord("duration") && Peek(3).Is("("))
            {
                position += 3;
                return "years and months duration";
            }
        }

        return name;
    }

    private Node Primary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                return new Literal(token.Offset, new FeelNumber(token.Number));
            case TokenKind.String:
                Advance();
                return new Literal(token.Offset, new FeelString(token.Text));
            case TokenKind.Temporal:
                Advance();
                return new TemporalLiteral(token.Offset, token.Text);
            case TokenKind.Word:
                return WordPrimary(token);
            case TokenKind.Symbol:
                return SymbolPrimary(token);
            default:
                throw Unexpected();
        }
    }

    private Node WordPrimary(Token token)
    {
        switch (token.Text)
        {
            case "true":
                Advance();
                return new Literal(token.Offset, FeelBoolean.True);
            case "false":
                Advance();
                return new Literal(token.Offset, FeelBoolean.False);
            case "null":
                Advance();
                return new Literal(token.Offset, FeelValue.Null);
            case "if":
                return IfExpression();
            case "for":
                return ForExpression();
            case "some" or "every":
                return QuantifiedExpression();
            case "function" when Peek().Is("("):
                return FunctionExpression();
        }

        if (IsReservedAt(position))
        {
            throw Unexpected();
        }

        return new NameRef(token.Offset, Name());
    }

    private Node SymbolPrimary(Token token)
    {
        switch (token.Text)
        {
            case "?":
                Advance();
                return new InputValueRef(token.Offset);
            case "(":
                return Parenthesized();
            case "[":
                return ListOrRange();
            case "]":
                return RangeFrom(token, startIncluded: false, start: null);
            case "{":
                return ContextExpression();
            case "<" or "<=" or ">" or ">=":
                // An open-ended range used as a value, e.g. a filter "items[> 5]".
                return PositiveUnaryTest(OrPrecedence);
            default:
                throw Unexpected();
        }
    }

    private Node Parenthesized()
    {
        var open = Advance();
        Enter(open.Offset);
        try
        {
            var inner = Binary(OrPrecedence);
            if (Current.Is(".."))
            {
                return RangeFrom(open, startIncluded: false, start: inner);
            }

            Expect(")");
            return inner;
        }
        finally
        {
            Leave();
        }
    }

    private Node ListOrRange()
    {
        var open = Advance();
        Enter(open.Offset);
        try
        {
            var items = new List<Node>();
            if (Current.Is("]"))
            {
                Advance();
                return new ListLiteral(open.Offset, items);
            }

            var first = Binary(OrPrecedence);
            if (Current.Is(".."))
            {
                return RangeFrom(open, startIncluded: true, start: first);
            }

            items.Add(first);
            while (Current.Is(","))
            {
                Advance();
                items.Add(Binary(OrPrecedence));
            }

            Expect("]");
            return MakeAll(new ListLiteral(open.Offset, items), items);
        }
        finally
        {
            Leave();
        }
    }

    /// <summary>Parses the rest of a range after its opening bracket (and start, if already read).</summary>
    private Node RangeFrom(Token open, bool startIncluded, Node? start)
    {
        if (start is null)
        {
            Advance();
            Enter(open.Offset);
            try
            {
                start = Binary(OrPrecedence);
            }
            finally
            {
                Leave();
            }
        }

        Expect("..");
        var end = Binary(OrPrecedence);
        var close = Current;
        if (!close.Is("]") && !close.Is(")") && !close.Is("["))
        {
            throw Unexpected();
        }

        Advance();
        return Make(new RangeLiteral(open.Offset, startIncluded, start, end, close.Is("]")), start, end);
    }

    private Node ContextExpression()
    {
        var open = Advance();
        Enter(open.Offset);
        try
        {
            var entries = new List<KeyValuePair<string, Node>>();
            while (!Current.Is("}"))
            {
                string key;
                if (Current.Kind == TokenKind.String)
                {
                    key = Advance().Text;
                }
                else if (Current.Kind == TokenKind.Word)
                {
                    key = Name();
                }
                else
                {
                    throw Unexpected();
                }

                Expect(":");
                entries.Add(new(key, Expression()));
                if (!Current.Is(","))
                {
                    break;
                }

                Advance();
            }

            Expect("}");
            return MakeAll(new ContextLiteral(open.Offset, entries), entries.Select(e => e.Value));
        }
        finally
        {
            Leave();
        }
    }
}
