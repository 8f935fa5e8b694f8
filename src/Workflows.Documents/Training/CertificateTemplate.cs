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

/// <summary>培训签到表 / 学时登记表: who attended a session, for how many hours, with room to sign.</summary>
public sealed record AttendanceRegisterTemplate : DocumentTemplate
{
    public required string Title { get; init; }

    /// <summary>The session's particulars above the list.</summary>
    public IReadOnlyList<LabelledValue> Session { get; init; } = [];

    /// <summary>Path to the list of attendees in the data.</summary>
    public required string Rows { get; init; }

    /// <summary>Columns; cell texts are placeholders relative to one attendee, <c>{{#}}</c> is the row number.</summary>
    public required IReadOnlyList<TableColumn> Columns { get; init; }

    /// <summary>Closing line (制表人, 审核人, date).</summary>
    public string? Footer { get; init; }
}
