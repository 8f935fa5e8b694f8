using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Data;
using Workflows.Data.Documents;
using Workflows.Documents;
using Workflows.Documents.Applications;
using Workflows.Documents.Official;
using Workflows.Documents.Reports;
using Workflows.Documents.Templates;
using Workflows.Documents.Training;
using Workflows.Documents.Verification;
using Workflows.Pdf.Images;

namespace Workflows.Server.Documents;

/// <summary>What to issue: a template (key or alias), the issuing unit and the data to fill it with.</summary>
/// <remarks><paramref name="NumberedPaths"/> are further places in the data that print the 文号 (a certificate's number).</remarks>
public sealed record IssueRequest(string Template, Guid IssuerUnitId, JsonObject Data, Guid? InstanceId = null, string? ElementId = null, string? NumberPrefix = null,
    IReadOnlyList<string>? NumberedPaths = null);

/// <summary>A document that cannot be issued as asked (unknown template or unit); the message says why.</summary>
public sealed class DocumentIssueException(string message) : Exception(message);

/// <summary>
/// Issues documents: numbers, fills the template, stores the PDF once and records it with its
/// digest. <see cref="IssueAsync"/> only adds to the caller's unit of work (the service task saves it
/// with the workflow step); <see cref="IssueOnItsOwnAsync"/> saves each document in its own
/// transaction and starts again when another node drew a number from the same series first.
/// </summary>
public sealed class DocumentIssuer(
    WorkflowsDbContext db,
    DocumentNumbering numbering,
    DocumentTemplates templates,
    DocumentFonts fonts,
    IDocumentStore store,
    IOptions<DocumentOptions> options,
    TimeProvider clock)
{
    /// <summary>China Standard Time: the date printed on a document is the date in China.</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public async Task<IssuedDocument> IssueAsync(IssueRequest request, CancellationToken cancellationToken = default)
    {
        var template = await templates.CurrentAsync(request.Template, cancellationToken)
            ?? throw new DocumentIssueException($"there is no document template '{request.Template}'");
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == request.IssuerUnitId, cancellationToken)
            ?? throw new DocumentIssueException($"the issuing unit {request.IssuerUnitId} does not exist");
        var now = clock.GetUtcNow();
        var date = DateOnly.FromDateTime(now.ToOffset(ChinaOffset).DateTime);
        var pattern = await numbering.PatternAsync(unit.Id, template.Id, request.NumberPrefix, cancellationToken);
        var registry = await fonts.CurrentAsync(db, cancellationToken);
        var seal = await SealAsync(unit.Id, cancellationToken);

        var number = await numbering.NextAsync(unit, pattern, date.Year, cancellationToken);
        try
        {
            var code = ShortCodes.New();
            var data = (JsonObject)request.Data.DeepClone();
            var document = Merge(data, "document");
            document["number"] = number.Text;
            document["date"] = date.ToString("yyyy-MM-dd");
            document["code"] = ShortCodes.Display(code);
            foreach (var path in request.NumberedPaths ?? [])
            {
                var parts = path.Split('.');
                var target = data;
                foreach (var part in parts[..^1])
                {
                    target = Merge(target, part);
                }
                target[parts[^1]] = number.Text;
            }
            var issuer = Merge(data, "issuer");
            issuer["name"] = unit.Name;
            issuer["abbreviation"] = DocumentNumbering.Abbreviation(unit);
            issuer["code"] = unit.Code;
            var json = JsonSerializer.SerializeToElement(data);

            var pdf = DocumentRenderer.Render(template, json, new RenderOptions
            {
                Fonts = registry,
                Seal = seal,
                Verification = new VerificationMark(options.Value.VerificationUrl(code), ShortCodes.Display(code)),
                Created = now,
            });
            var title = new DocumentModel(json, $"{template.Id} v{template.Version}").Fill(TitleOf(template));
            var key = await store.SaveAsync(pdf, cancellationToken);
            var issued = new IssuedDocument
            {
                Id = Guid.NewGuid(),
                Code = code,
                Title = Truncate(title, IssuedDocument.TitleMaxLength),
                Number = number.Text,
                Series = number.Series,
                Year = number.Year,
                Sequence = number.Sequence,
                IssuerUnitId = unit.Id,
                IssuerName = unit.Name,
                IssuedOn = date,
                CreatedAt = now.UtcDateTime,
                TemplateKey = template.Id,
                TemplateVersion = template.Version,
                InstanceId = request.InstanceId,
                ElementId = request.ElementId,
                Sha256 = key,
                Size = pdf.Length,
                StorageKey = key,
            };
            db.IssuedDocuments.Add(issued);
            GiveBackIfDropped(issued, number, unit.Id);
            return issued;
        }
        catch
        {
            numbering.Release(number, unit.Id);
            throw;
        }
    }

    /// <summary>
    /// Issues and saves in a transaction of its own. A save that loses a race for the number (the
    /// sequence's revision moved, or another node created the series first) is thrown away whole
    /// and started again, so the numbers stay without gaps or repeats.
    /// </summary>
    public static async Task<IssuedDocument> IssueOnItsOwnAsync(IServiceScopeFactory scopes, IssueRequest request, int attempts = 200, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var issuer = scope.ServiceProvider.GetRequiredService<DocumentIssuer>();
            var issued = await issuer.IssueAsync(request, cancellationToken);
            try
            {
                await scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>().SaveChangesAsync(cancellationToken);
                return issued;
            }
            catch (DbUpdateException) when (attempt < attempts)
            {
                // Lost the race for this number: begin again with a fresh unit of work.
            }
        }
    }

    /// <summary>
    /// Whoever owns the unit of work may drop the document before saving (the workflow step no longer
    /// waits for it, or failed): then the number goes back too, so the save cannot leave a gap.
    /// </summary>
    private void GiveBackIfDropped(IssuedDocument issued, AllocatedNumber number, Guid unitId)
    {
        EventHandler<SavingChangesEventArgs>? guard = null;
        guard = (_, _) =>
        {
            db.SavingChanges -= guard;
            if (db.Entry(issued).State != EntityState.Added)
            {
                numbering.Release(number, unitId);
            }
        };
        db.SavingChanges += guard;
    }

    private async Task<PdfImage?> SealAsync(Guid unitId, CancellationToken cancellationToken)
    {
        var key = await db.UnitSeals.AsNoTracking().Where(s => s.UnitId == unitId)
            .OrderByDescending(s => s.UploadedAt).Select(s => s.StorageKey).FirstOrDefaultAsync(cancellationToken);
        if (key is null)
        {
            return null;
        }
        var bytes = await store.ReadAsync(key, cancellationToken);
        return bytes is null ? null : PdfImage.FromBytes(bytes);
    }

    private static JsonObject Merge(JsonObject data, string name)
    {
        if (data[name] is JsonObject existing)
        {
            return existing;
        }
        var created = new JsonObject();
        data[name] = created;
        return created;
    }

    public static string TitleOf(DocumentTemplate template) => template switch
    {
        OfficialDocumentTemplate official => official.Title,
        CertificateTemplate certificate => certificate.Title,
        AttendanceRegisterTemplate register => register.Title,
        ApplicationPrintoutTemplate printout => printout.Title,
        StatisticalReportTemplate report => report.Title,
        _ => template.Name,
    };

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
