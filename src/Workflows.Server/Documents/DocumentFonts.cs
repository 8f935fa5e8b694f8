using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Documents.Fonts;

namespace Workflows.Server.Documents;

/// <summary>
/// The font registry in force: the shipped fonts with the latest upload for each role mapped in.
/// Parsed fonts are kept while the uploads stay the same; every node reads the mapping from the
/// database, so an upload on one node is used by all.
/// </summary>
public sealed class DocumentFonts(IDocumentStore store)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Cached? _cached;

    public async Task<FontRegistry> CurrentAsync(WorkflowsDbContext db, CancellationToken cancellationToken = default)
    {
        var uploads = await db.DocumentFonts.AsNoTracking()
            .Select(f => new { f.Id, f.Role, f.StorageKey, f.FaceIndex, f.UploadedAt }).ToListAsync(cancellationToken);
        var latest = uploads.GroupBy(f => f.Role).Select(g => g.OrderByDescending(f => f.UploadedAt).ThenBy(f => f.Id).First())
            .OrderBy(f => f.Role, StringComparer.Ordinal).ToList();
        if (latest.Count == 0)
        {
            return FontRegistry.Default;
        }
        var signature = string.Join(",", latest.Select(f => f.Id));
        if (_cached is { } hit && hit.Signature == signature)
        {
            return hit.Registry;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } again && again.Signature == signature)
            {
                return again.Registry;
            }
            var registry = FontRegistry.Default;
            foreach (var font in latest)
            {
                var bytes = await store.ReadAsync(font.StorageKey, cancellationToken)
                    ?? throw new InvalidOperationException($"The uploaded font for role {font.Role} is missing from the document store ({font.StorageKey}).");
                registry = registry.With(Enum.Parse<FontRole>(font.Role), Workflows.Pdf.Fonts.TrueTypeFont.Parse(bytes, font.FaceIndex));
            }
            _cached = new Cached(signature, registry);
            return registry;
        }
        finally
        {
            _gate.Release();
        }
    }

    private sealed record Cached(string Signature, FontRegistry Registry);
}
