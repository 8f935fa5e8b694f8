using Workflows.Documents.Templates;

namespace Workflows.Documents.Training;

/// <summary>培训证书: a one-page certificate for a completed training session.</summary>
public sealed record CertificateTemplate : DocumentTemplate
{
    public string Title { get; init; } = "培训证书";

    /// <summary>证书编号, shown at the top right.</summary>
    public string? Number { get; init; }

    /// <summary>The certifying sentence.</summary>
    public required string Body { get; init; }

    /// <summary>The particulars table (姓名, 工作单位, 培训项目, 学时 …).</summary>
    public IReadOnlyList<LabelledValue> Details { get; init; } = [];

    public required string Issuer { get; init; }
    public required string Date { get; init; }
}
