using System.Globalization;
using System.Text;

namespace Workflows.Expressions.Parsing;

/// <summary>Splits FEEL source into tokens in one pass, without recursion.</summary>
internal static class Lexer
{
    private static readonly string[] Symbols = ["**", "..", "!=", "<=", ">=", "+", "-", "*", "/", "=", "<", ">", "(", ")", "[", "]", "{", "}", ",", ".", ":", "?"];

    public static List<Token> Tokenize(string source)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (true)
        {
            i = SkipTrivia(source, i);
            if (i >= source.Length)
            {
                tokens.Add(new Token(TokenKind.End, "", source.Length));
                return tokens;
            }

            var c = source[i];
            var start = i;
            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < source.Length && char.IsAsciiDigit(source[i + 1]) && StartsOperand(tokens)))
            {
                i = ReadNumber(source, i, out var number);
                tokens.Add(new Token(TokenKind.Number, source[start..i], start, number));
            }
            else if (c == '"')
            {
                var text = ReadString(source, ref i);
                tokens.Add(new Token(TokenKind.String, text, start));
            }
            else if (c == '@' && i + 1 < source.Length && source[i + 1] == '"')
            {
                i++;
                var text = ReadString(source, ref i);
                tokens.Add(new Token(TokenKind.Temporal, text, start));
            }
            else if (c == '`')
            {
                var end = source.IndexOf('`', i + 1);
                if (end < 0)
                {
                    throw Error("FEEL_UNTERMINATED_NAME", "反引号名称没有结束", "unterminated `name`", start);
                }

                tokens.Add(new Token(TokenKind.Word, source[(i + 1)..end], start));
                i = end + 1;
            }
            else if (IsNameStart(c))
            {
                while (i < source.Length && IsNamePart(source[i]))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Word, source[start..i], start));
            }
            else
            {
                var symbol = Symbols.FirstOrDefault(s => string.CompareOrdinal(source, i, s, 0, s.Length) == 0);
                if (symbol is null)
                {
                    if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < source.Length && char.IsLowSurrogate(source[i + 1])))
                    {
                        throw Error("FEEL_INVALID_TEXT", "表达式包含无效的 UTF-16 字符（孤立代理项）", "the expression contains invalid UTF-16 (a lone surrogate)", start);
                    }

                    throw Error("FEEL_UNEXPECTED_CHARACTER", $"无法识别的字符 '{c}'", $"unexpected character '{c}'", start);
                }

                i += symbol.Length;
                tokens.Add(new Token(TokenKind.Symbol, symbol, start));
            }
        }
    }

    /// <summary>".5" is a number only where an operand may start; after a name it is a path.</summary>
    private static bool StartsOperand(List<Token> tokens) =>
        tokens.Count == 0 || tokens[^1].Kind == TokenKind.Symbol && tokens[^1].Text is not (")" or "]" or "}" or "?") || tokens[^1].Kind == TokenKind.Word && tokens[^1].Text is "and" or "or" or "in" or "then" or "else" or "return" or "satisfies";

    private static int SkipTrivia(string source, int i)
    {
        while (i < source.Length)
        {
            var c = source[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '/' && i + 1 < source.Length && source[i + 1] == '/')
            {
                while (i < source.Length && source[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '/' && i + 1 < source.Length && source[i + 1] == '*')
            {
                var end = source.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw Error("FEEL_UNTERMINATED_COMMENT", "注释没有结束", "unterminated comment", i);
                }

                i = end + 2;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    private static int ReadNumber(string source, int i, out decimal number)
    {
        var start = i;
        while (i < source.Length && char.IsAsciiDigit(source[i]))
        {
            i++;
        }

        // "1..5" is a range: the dot belongs to "..", not to the number.
        if (i + 1 < source.Length && source[i] == '.' && char.IsAsciiDigit(source[i + 1]))
        {
            i++;
            while (i < source.Length && char.IsAsciiDigit(source[i]))
            {
                i++;
            }
        }

        if (i < source.Length && (source[i] is 'e' or 'E'))
        {
            var j = i + 1;
            if (j < source.Length && source[j] is '+' or '-')
            {
                j++;
            }

            if (j < source.Length && char.IsAsciiDigit(source[j]))
            {
                i = j;
                while (i < source.Length && char.IsAsciiDigit(source[i]))
                {
                    i++;
                }
            }
        }

        if (!decimal.TryParse(source.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out number))
        {
            throw Error("FEEL_NUMBER_OUT_OF_RANGE", "数字超出可表示的范围", "number out of the supported range", start);
        }

        return i;
    }

    private static string ReadString(string source, ref int i)
    {
        var start = i;
        i++;
        var text = new StringBuilder();
        while (true)
        {
            if (i >= source.Length)
            {
                throw Error("FEEL_UNTERMINATED_STRING", "字符串没有结束（缺少 \"）", "unterminated string (missing \")", start);
            }

            var c = source[i];
            if (c == '"')
            {
                i++;
                return text.ToString();
            }

            if (char.IsHighSurrogate(c) && i + 1 < source.Length && char.IsLowSurrogate(source[i + 1]))
            {
                text.Append(c).Append(source[i + 1]);
                i += 2;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                throw Error("FEEL_INVALID_TEXT", "字符串包含无效的 UTF-16 字符（孤立代理项）", "the string contains invalid UTF-16 (a lone surrogate)", i);
            }

            if (c == '\\' && i + 1 < source.Length)
            {
                i = ReadEscape(source, i, text);
                continue;
            }

            text.Append(c);
            i++;
        }
    }

    private static int ReadEscape(string source, int i, StringBuilder text)
    {
        var next = source[i + 1];
        switch (next)
        {
            case 'n': text.Append('\n'); return i + 2;
            case 't': text.Append('\t'); return i + 2;
            case 'r': text.Append('\r'); return i + 2;
            case '"': text.Append('"'); return i + 2;
            case '\'': text.Append('\''); return i + 2;
            case '\\': text.Append('\\'); return i + 2;
            case 'u' when i + 5 < source.Length && int.TryParse(source.AsSpan(i + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                if (char.IsSurrogate((char)code))
                {
                    throw Error("FEEL_INVALID_TEXT", "字符串包含无效的 UTF-16 字符（孤立代理项）", "the string contains invalid UTF-16 (a lone surrogate)", i);
                }

                text.Append((char)code);
                return i + 6;
            default:
                text.Append('\\');
                return i + 1;
        }
    }

    internal static bool IsNameStart(char c) => char.IsLetter(c) || c == '_' || (c > 0x7F && !char.IsWhiteSpace(c) && !char.IsPunctuation(c) && !char.IsSurrogate(c));

    internal static bool IsNamePart(char c) => IsNameStart(c) || char.IsAsciiDigit(c);

    private static FeelSyntaxException Error(string code, string zh, string en, int offset) => new(code, zh, en, offset);
}
