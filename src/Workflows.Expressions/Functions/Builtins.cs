using Workflows.Expressions.Evaluation;

namespace Workflows.Expressions.Functions;

internal delegate void Define(string name, string signature, Func<EvaluationState, FeelValue[], FeelValue> body);

/// <summary>The built-in functions of the DMN standard that forms and workflows use, by name.</summary>
internal static partial class Builtins
{
    private static readonly Dictionary<string, Builtin> All = Register();

    public static Builtin? Find(string name) => All.GetValueOrDefault(name);

    public static IEnumerable<string> Names => All.Keys;

    private static Dictionary<string, Builtin> Register()
    {
        var table = new Dictionary<string, List<BuiltinOverload>>(StringComparer.Ordinal);
        void Add(string name, string signature, Func<EvaluationState, FeelValue[], FeelValue> body)
        {
            if (!table.TryGetValue(name, out var overloads))
            {
                table[name] = overloads = [];
            }

            overloads.Add(new BuiltinOverload(signature, body));
        }

        DefineConversions(Add);
        DefineStrings(Add);
        DefineLists(Add);
        DefineStatistics(Add);
        DefineNumbers(Add);
        DefineTemporals(Add);
        DefineContexts(Add);
        return table.ToDictionary(p => p.Key, p => new Builtin(p.Key, p.Value), StringComparer.Ordinal);
    }

    private static FeelValue Invalid(EvaluationState evaluation, string function) =>
        evaluation.WarnAtCall("FEEL_INVALID_ARGUMENTS", $"函数 {function} 的参数类型不正确，结果为 null", $"invalid arguments for {function}, so the result is null");

    private static FeelValue Number(decimal value) => new FeelNumber(value);

    private static FeelValue Text(EvaluationState evaluation, string value)
    {
        evaluation.CheckStringLength(evaluation.CallOffset, value.Length);
        return new FeelString(value);
    }

    private static FeelValue List(EvaluationState evaluation, IReadOnlyList<FeelValue> items)
    {
        evaluation.CheckListLength(evaluation.CallOffset, items.Count);
        return new FeelList(items);
    }

    /// <summary>Whole numbers for positions and lengths; fractions are not positions.</summary>
    private static bool TryInt(FeelValue value, out int result)
    {
        result = 0;
        if (value is FeelNumber { Value: var n } && n == decimal.Truncate(n) && Math.Abs(n) <= int.MaxValue)
        {
            result = (int)n;
            return true;
        }

        return false;
    }

    /// <summary>min(1, 2, 3) and min([1, 2, 3]) both mean the list.</summary>
    private static IReadOnlyList<FeelValue> ListOrArguments(FeelValue[] arguments) =>
        arguments.Length == 1 && arguments[0] is FeelList list ? list.Items : arguments;
}
