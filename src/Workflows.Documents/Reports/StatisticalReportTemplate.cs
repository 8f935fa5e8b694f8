using Workflows.Documents.Templates;

namespace Workflows.Documents.Reports;

/// <summary>One table of the report, filled from a list in the data.</summary>
public sealed record ReportTable(string Caption, string Rows, IReadOnlyList<TableColumn> Columns);

/// <summary>A bar chart of one number per item of a list.</summary>
public sealed record ReportChart(string Caption, string Rows, string Label, string Value, string? Unit = null);

/// <summary>统计报表: a periodic statistics report with tables and a simple bar chart.</summary>
public sealed record StatisticalReportTemplate : DocumentTemplate
{
    public required string Title { get; init; }

    /// <summary>Lines under the title: reporting unit, period, 截止 date.</summary>
    public IReadOnlyList<string> Subtitle { get; init; } = [];

    public IReadOnlyList<ReportTable> Tables { get; init; } = [];

    public IReadOnlyList<ReportChart> Charts { get; init; } = [];

    /// <summary>填报单位 / 负责人 / 填表人 line at the end.</summary>
    public string? Footer { get; init; }
}
