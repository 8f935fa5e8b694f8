namespace Workflows.Data.Documents;

/// <summary>
/// The last number handed out in one series of one issuing unit in one year. It is incremented in
/// the same transaction as the document that uses the number, guarded by <see cref="Revision"/>,
/// so numbers never repeat and never skip, however many nodes issue at once.
/// </summary>
public sealed class DocumentSequence
{
    public const int SeriesMaxLength = 100;

    public Guid UnitId { get; set; }

    public int Year { get; set; }

    /// <summary>The number pattern the series belongs to, e.g. <c>{unitAbbr}民发〔{year}〕{seq}号</c>.</summary>
    public string Series { get; set; } = "";

    public int Last { get; set; }

    public int Revision { get; set; }
}
