using System.Text.Json;
using CsCheck;
using Workflows.Expressions.Evaluation;
using Workflows.Expressions.Parsing;

namespace Workflows.Expressions.Tests.Laws;

public class ParserRoundTripTests
{
    [Fact]
    public void Printing_a_tree_and_parsing_it_gives_the_same_tree()
    {
        SyntaxTrees.Expression(4).Sample(tree =>
        {
            var printed = Printer.Print(tree);
            var reparsed = Parser.ParseExpression(printed);
            Assert.Equal(printed, Printer.Print(reparsed));
        }, iter: 2000);
    }

    [Fact]
    public void A_printed_tree_evaluates_to_the_same_value_as_the_tree()
    {
        using var variables = JsonDocument.Parse(SyntaxTrees.Variables);
        var context = FeelContext.FromJson(variables.RootElement, Evaluate.Now);
        SyntaxTrees.Expression(4).Sample(tree =>
        {
            var direct = Compiler.Compile(tree)(Scope.Global(new EvaluationState(context)));
            var printed = Printer.Print(tree);
            var compilation = Feel.Compile(printed);
            Assert.True(compilation.Succeeded, printed + " " + compilation.Error);
            var reparsed = compilation.Expression!.Evaluate(context);
            Assert.True(reparsed.Succeeded, reparsed.Error?.ToString());
            Assert.Equal(direct.ToString(), reparsed.Value.ToString());
            Assert.Equal(direct.TypeName, reparsed.Value.TypeName);
        }, iter: 2000);
    }

    [Fact]
    public void Any_printed_tree_compiles_and_evaluates_without_an_exception()
    {
        using var variables = JsonDocument.Parse(SyntaxTrees.Variables);
        var context = FeelContext.FromJson(variables.RootElement, Evaluate.Now);
        SyntaxTrees.Expression(6).Sample(tree =>
        {
            var printed = Printer.Print(tree);
            var compilation = Feel.Compile(printed);
            Assert.True(compilation.Succeeded, printed + " " + compilation.Error);
            compilation.Expression!.Evaluate(context);
        }, iter: 500);
    }
}
