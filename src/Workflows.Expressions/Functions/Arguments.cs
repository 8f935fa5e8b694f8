namespace Workflows.Expressions.Functions;

/// <summary>
/// Argument conversions the standard allows: a one-item list stands for its item where a single
/// value is expected, and a single value stands for a one-item list where a list is expected.
/// </summary>
internal static class Arguments
{
    public static FeelValue Single(FeelValue value) => value is FeelList { Count: 1 } list ? list.Items[0] : value;

    public static bool String(FeelValue value, out string text)
    {
        if (Single(value) is FeelString s)
        {
            text = s.Value;
            return true;
        }

        text = "";
        return false;
    }

    public static bool Number(FeelValue value, out decimal number)
    {
        if (Single(value) is FeelNumber n)
        {
            number = n.Value;
            return true;
        }

        number = 0;
        return false;
    }

    public static bool List(FeelValue value, out IReadOnlyList<FeelValue> items)
    {
        switch (value)
        {
            case FeelList list:
                items = list.Items;
                return true;
            case FeelNull:
                items = [];
                return false;
            default:
                items = [value];
                return true;
        }
    }

    public static bool Context(FeelValue value, out FeelContextValue context)
    {
        if (Single(value) is FeelContextValue c)
        {
            context = c;
            return true;
        }

        context = FeelContextValue.Empty;
        return false;
    }
}
