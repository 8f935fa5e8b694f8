using Workflows.Engine.Model;
using Workflows.Expressions;

namespace Workflows.Engine.Expressions;

/// <summary>Turns diagram text into <see cref="Expression"/>s, compiling FEEL once at deploy time.</summary>
internal static class ExpressionCompiler
{
    /// <summary>Zeebe's rule for attributes such as assignee or dueDate: FEEL only with a leading '='.</summary>
    public static Expression FeelOrLiteral(string text)
    {
        text = text.Trim();
        return text.StartsWith('=') ? AlwaysFeel(text) : new Expression(text, null, null);
    }

    /// <summary>Conditions, mappings and loop settings are always FEEL; the '=' is optional in the file.</summary>
    public static Expression AlwaysFeel(string text)
    {
        text = text.Trim();
        var source = text.StartsWith('=') ? text : "=" + text;
        var compiled = Feel.Compile(source);
        return compiled.Succeeded && compiled.Expression is not null
            ? new Expression(source, compiled.Expression, null)
            : new Expression(source, null, compiled.Error ?? new FeelError("FEEL", "表达式无法解析", "expression does not parse", 1, 1));
    }
}
