using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Data;
using Workflows.Data.Documents;
using Workflows.Data.Organisation;
using Workflows.Documents.Numbering;

namespace Workflows.Server.Documents;

/// <summary>A number drawn from a series: the text printed on the document and where it came from.</summary>
public sealed record AllocatedNumber(string Text, string Series, int Year, int Sequence);

/// <summary>
/// 文号 from a per-unit, per-year sequence. The sequence row is changed in the caller's unit of
/// work, guarded by its revision, and saved together with the document that uses the number:
/// if the document is not saved, neither is the number, and if another node drew a number from
/// the same series meanwhile, the save fails and the caller starts again. So numbers never
/// repeat and never skip, on SQLite and PostgreSQL alike.
/// </summary>
public sealed class DocumentNumbering(WorkflowsDbContext db, IOptions<DocumentOptions> options)
{
    /// <summary>
    /// The pattern for a unit and template: the unit's own for that template, then the task's
    /// <c>numberPrefix</c> header, then the unit's own for all templates, then the configured default.
    /// </summary>
    public async Task<DocumentNumber> PatternAsync(Guid unitId, string templateKey, string? numberPrefix, CancellationToken cancellationToken = default)
    {
        var patterns = await db.DocumentNumberPatterns.AsNoTracking()
            .Where(p => p.UnitId == unitId && (p.TemplateKey == templateKey || p.TemplateKey == ""))
            .ToListAsync(cancellationToken);
        var pattern = patterns.FirstOrDefault(p => p.TemplateKey == templateKey)?.Pattern
            ?? (string.IsNullOrWhiteSpace(numberPrefix) ? null : "{unitAbbr}" + numberPrefix.Trim() + "〔{year}〕{seq}号")
            ?? patterns.FirstOrDefault(p => p.TemplateKey == "")?.Pattern
            ?? options.Value.DocumentNumberPattern;
        return new DocumentNumber(pattern);
    }

    /// <summary>Draws the next number of the series; nothing is saved until the caller saves.</summary>
    public async Task<AllocatedNumber> NextAsync(Unit unit, DocumentNumber pattern, int year, CancellationToken cancellationToken = default)
    {
        var series = pattern.Pattern;
        var sequence = db.DocumentSequences.Local.FirstOrDefault(s => s.UnitId == unit.Id && s.Year == year && s.Series == series)
            ?? await db.DocumentSequences.SingleOrDefaultAsync(s => s.UnitId == unit.Id && s.Year == year && s.Series == series, cancellationToken);
        if (sequence is null)
        {
            sequence = new DocumentSequence { UnitId = unit.Id, Year = year, Series = series, Last = 0, Revision = 0 };
            db.DocumentSequences.Add(sequence);
        }
        sequence.Last++;
        sequence.Revision++;
        return new AllocatedNumber(pattern.Format(Abbreviation(unit), year, sequence.Last), series, year, sequence.Last);
    }

    /// <summary>Takes back a number drawn in this unit of work that will not be used (the document failed).</summary>
    public void Release(AllocatedNumber number, Guid unitId)
    {
        var sequence = db.DocumentSequences.Local.FirstOrDefault(s => s.UnitId == unitId && s.Year == number.Year && s.Series == number.Series);
        if (sequence is null)
        {
            return;
        }
        var entry = db.Entry(sequence);
        if (entry.State == EntityState.Added && sequence.Last <= 1)
        {
            entry.State = EntityState.Detached;
            return;
        }
        sequence.Last--;
        sequence.Revision--;
        if (entry.State == EntityState.Modified && sequence.Last == (int)entry.OriginalValues[nameof(DocumentSequence.Last)]!)
        {
            entry.State = EntityState.Unchanged;
        }
    }

    /// <summary>The unit's short form for numbers (肇 for 肇东市); its first character when none is set.</summary>
    public static string Abbreviation(Unit unit) =>
        string.IsNullOrWhiteSpace(unit.Abbreviation) ? unit.Name[..Math.Min(1, unit.Name.Length)] : unit.Abbreviation.Trim();
}
