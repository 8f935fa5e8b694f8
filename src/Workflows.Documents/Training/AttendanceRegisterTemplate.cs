using Workflows.Documents.Templates;

namespace Workflows.Documents.Training;

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
