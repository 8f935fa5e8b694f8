namespace Workflows.Expressions.Parsing;

internal enum TokenKind
{
    End,
    Number,
    String,
    Temporal,
    Word,
    Symbol,
}

/// <summary>One lexical token. <see cref="Text"/> is the symbol, the word, or the decoded string contents.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Offset, decimal Number = 0)
{
    public bool Is(string symbol) => Kind == TokenKind.Symbol && Text == symbol;
    public bool IsWord(string word) => Kind == TokenKind.Word && Text == word;
}
