using Workflows.Documents.Templates;

namespace Workflows.Documents.Official;

public enum OfficialFormat
{
    /// <summary>文件格式: red issuing-authority mark, document number, red rule.</summary>
    Document,
    /// <summary>信函格式 for 函: mark 30 mm from the top, red double rules.</summary>
    Letter,
}

/// <summary>
/// An official document (批复, 通知, 函) in the GB/T 9704-2012 layout. Every text may hold
/// <c>{{path}}</c> placeholders; body paragraphs beginning 一、 or （一） become headings.
/// </summary>
public sealed record OfficialDocumentTemplate : DocumentTemplate
{
    public OfficialFormat Format { get; init; } = OfficialFormat.Document;

    /// <summary>发文机关标志, e.g. “{{issuer.name}}文件”.</summary>
    public required string Mark { get; init; }

    /// <summary>发文字号, e.g. “{{document.number}}”.</summary>
    public required string Number { get; init; }

    public required string Title { get; init; }

    /// <summary>主送机关, ending with a full-width colon.</summary>
    public string? Addressee { get; init; }

    public IReadOnlyList<string> Body { get; init; } = [];

    /// <summary>附件 names; entries that fill to nothing are left out.</summary>
    public IReadOnlyList<string> Attachments { get; init; } = [];

    /// <summary>发文机关署名.</summary>
    public required string Issuer { get; init; }

    /// <summary>成文日期; use the <c>|date</c> filter to write an ISO date as 2026年11月23日.</summary>
    public required string Date { get; init; }

    /// <summary>版记: 抄送 (copied to); left out when it fills to nothing.</summary>
    public string? CopyTo { get; init; }

    /// <summary>版记: 印发机关.</summary>
    public string? PrintedBy { get; init; }

    /// <summary>版记: 印发日期.</summary>
    public string? PrintedOn { get; init; }
}
