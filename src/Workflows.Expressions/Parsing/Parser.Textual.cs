namespace Workflows.Expressions.Parsing;

/// <summary>The textual expressions: if, for, some/every and function literals.</summary>
internal sealed partial class Parser
{
    private Node IfExpression()
    {
        var token = Advance();
        Enter(token.Offset);
        try
        {
            var condition = Expression();
            ExpectWord("then");
            var then = Expression();
            ExpectWord("else");
            var otherwise = Expression();
            return Make(new Conditional(token.Offset, condition, then, otherwise), condition, then, otherwise);
        }
        finally
        {
            Leave();
        }
    }

    private List<Iteration> Iterations()
    {
        var iterations = new List<Iteration>();
        do
        {
            if (iterations.Count > 0)
            {
                Advance();
            }

            if (Current.Kind != TokenKind.Word || IsReservedAt(position))
            {
                throw Unexpected();
            }

            var name = Name();
            ExpectWord("in");
            var domain = Expression();
            Node? end = null;
            if (Current.Is(".."))
            {
                Advance();
                end = Expression();
            }

            iterations.Add(new Iteration(name, domain, end));
        }
        while (Current.Is(","));

        return iterations;
    }

    private static IEnumerable<Node> Children(List<Iteration> iterations) =>
        iterations.SelectMany(i => i.RangeEnd is null ? [i.Domain] : new[] { i.Domain, i.RangeEnd });

    private Node ForExpression()
    {
        var token = Advance();
        Enter(token.Offset);
        try
        {
            var iterations = Iterations();
            ExpectWord("return");
            var body = Expression();
            return MakeAll(new ForLoop(token.Offset, iterations, body), [.. Children(iterations), body]);
        }
        finally
        {
            Leave();
        }
    }

    private Node QuantifiedExpression()
    {
        var token = Advance();
        Enter(token.Offset);
        try
        {
            var iterations = Iterations();
            ExpectWord("satisfies");
            var condition = Expression();
            return MakeAll(new Quantified(token.Offset, token.Text == "every", iterations, condition), [.. Children(iterations), condition]);
        }
        finally
        {
            Leave();
        }
    }

    private Node FunctionExpression()
    {
        var token = Advance();
        Expect("(");
        var parameters = new List<string>();
        while (!Current.Is(")"))
        {
            if (Current.Kind != TokenKind.Word)
            {
                throw Unexpected();
            }

            parameters.Add(Name());
            if (Current.Is(":"))
            {
                // A declared parameter type is accepted and not checked.
                Advance();
                TypeName();
            }

            if (!Current.Is(","))
            {
                break;
            }

            Advance();
        }

        Expect(")");
        Enter(token.Offset);
        try
        {
            var body = Expression();
            return Make(new FunctionDefinition(token.Offset, parameters, body), body);
        }
        finally
        {
            Leave();
        }
    }
}
