namespace Workflows.Expressions.Parsing;

/// <summary>Turns a character offset into a 1-based line and column for error messages.</summary>
internal static class SourcePosition
{
    public static (int Line, int Column) Of(string source, int offset)
    {
        offset = Math.Clamp(offset, 0, source.Length);
        int line = 1, column = 1;
        for (var i = 0; i < offset; i++)
        {
            if (source[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return (line, column);
    }
}
