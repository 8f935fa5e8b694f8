namespace Workflows.Expressions.Parsing;

/// <summary>Raised inside the parser and caught at its boundary; never escapes the public API.</summary>
internal sealed class FeelSyntaxException(string code, string messageZh, string messageEn, int offset) : Exception(messageEn)
{
    public string Code { get; } = code;
    public string MessageZh { get; } = messageZh;
    public string MessageEn { get; } = messageEn;
    public int Offset { get; } = offset;
}
