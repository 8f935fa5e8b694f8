using Workflows.Expressions.Functions;
using Workflows.Expressions.Parsing;

namespace Workflows.Expressions.Evaluation;

internal static partial class Compiler
{
    private static Compiled CompileIn(InTests node) => UnaryTests.CompileIn(node);

    private static Compiled CompileInvocation(Invocation invocation)
    {
        var arguments = invocation.Arguments.Select(a => Compile(a.Value)).ToArray();
        var names = invocation.Named ? invocation.Arguments.Select(a => a.Name!).ToArray() : null;
        var offset = invocation.Offset;
        if (invocation.Callee is NameRef callee)
        {
            if (callee.Name == "is defined" && invocation.Arguments.Count == 1)
            {
                return CompileIsDefined(invocation.Arguments[0].Value);
            }

            var builtin = Builtins.Find(callee.Name);
            var name = callee.Name;
            return scope =>
            {
                // A function value in scope with the same name takes precedence over the built-in.
                if (scope.TryLookup(name, out var bound) && bound is FeelFunction function)
                {
                    return CallValue(scope, offset, function, Evaluate(scope, arguments), names);
                }

                if (builtin is not null)
                {
                    return builtin.Invoke(scope.Evaluation, offset, Evaluate(scope, arguments), names);
                }

                return scope.Evaluation.Warn(offset, "FEEL_NO_FUNCTION", $"找不到函数 '{name}'", $"function '{name}' not found");
            };
        }

        var target = Compile(invocation.Callee);
        return scope =>
        {
            if (target(scope) is FeelFunction function)
            {
                return CallValue(scope, offset, function, Evaluate(scope, arguments), names);
            }

            return scope.Evaluation.Warn(offset, "FEEL_NO_FUNCTION", "被调用的值不是函数", "the value called is not a function");
        };
    }

    private static FeelValue[] Evaluate(Scope scope, Compiled[] arguments)
    {
        if (arguments.Length == 0)
        {
            return [];
        }

        var values = new FeelValue[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            values[i] = arguments[i](scope);
        }

        return values;
    }

    private static FeelValue CallValue(Scope scope, int offset, FeelFunction function, FeelValue[] values, string[]? names)
    {
        var arranged = Calls.Arrange(function, values, names);
        if (arranged is null)
        {
            return scope.Evaluation.Warn(offset, "FEEL_INVALID_ARGUMENTS", $"函数 {function.Name} 的参数名称不正确", $"wrong argument names for {function.Name}");
        }

        return Calls.Invoke(scope.Evaluation, offset, function, arranged);
    }

    /// <summary>is defined(x) asks whether the name or path resolves at all, so it must not evaluate to null first.</summary>
    private static Compiled CompileIsDefined(Node argument)
    {
        switch (argument)
        {
            case NameRef name:
                return scope => FeelBoolean.Of(scope.TryLookup(name.Name, out _));
            case PathAccess path:
                var target = Compile(path.Target);
                return scope =>
                {
                    var value = target(scope);
                    return FeelBoolean.Of(value is FeelContextValue context ? context.TryGet(path.Name, out _) : value is not FeelNull);
                };
            default:
                var compiled = Compile(argument);
                return scope => FeelBoolean.Of(compiled(scope) is not FeelNull);
        }
    }

    private static Compiled CompileInstanceOf(InstanceOf instance)
    {
        var value = Compile(instance.Value);
        var type = instance.TypeName;
        return scope =>
        {
            var v = value(scope);
            var matches = type switch
            {
                "Any" => v is not FeelNull,
                "Null" => v is FeelNull,
                _ => v.TypeName == type,
            };
            return FeelBoolean.Of(matches);
        };
    }
}
