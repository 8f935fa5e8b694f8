namespace Workflows.Expressions;

/// <summary>A parse or evaluation problem, in Chinese and English, with a 1-based line and column in the source.</summary>
public sealed record FeelError(string Code, string MessageZh, string MessageEn, int Line, int Column);
