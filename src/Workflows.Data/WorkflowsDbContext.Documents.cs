using Microsoft.EntityFrameworkCore;
using Workflows.Data.Documents;
using Workflows.Data.Organisation;

namespace Workflows.Data;

public abstract partial class WorkflowsDbContext
{
    /// <summary>Issued documents; append-only (the Initial migration adds triggers that refuse changes).</summary>
    public DbSet<IssuedDocument> IssuedDocuments => Set<IssuedDocument>();

    public DbSet<DocumentSequence> DocumentSequences => Set<DocumentSequence>();

    public DbSet<DocumentNumberPattern> DocumentNumberPatterns => Set<DocumentNumberPattern>();

    public DbSet<DocumentTemplateVersion> DocumentTemplateVersions => Set<DocumentTemplateVersion>();

    public DbSet<DocumentFontFile> DocumentFonts => Set<DocumentFontFile>();

    public DbSet<UnitSeal> UnitSeals => Set<UnitSeal>();

    static partial void ConfigureDocuments(ModelBuilder builder)
    {
        builder.Entity<IssuedDocument>(document =>
        {
            document.ToTable("IssuedDocuments");
            document.Property(d => d.Code).HasMaxLength(16);
            document.HasIndex(d => d.Code).IsUnique();
            document.Property(d => d.Title).HasMaxLength(IssuedDocument.TitleMaxLength);
            document.Property(d => d.Number).HasMaxLength(IssuedDocument.NumberMaxLength);
            document.Property(d => d.Series).HasMaxLength(DocumentSequence.SeriesMaxLength);
            // One number is given once per unit, year and series; the sequence guarantees it, the index proves it.
            document.HasIndex(d => new { d.IssuerUnitId, d.Year, d.Series, d.Sequence }).IsUnique();
            document.Property(d => d.IssuerName).HasMaxLength(Unit.NameMaxLength);
            document.Property(d => d.TemplateKey).HasMaxLength(100);
            document.Property(d => d.ElementId).HasMaxLength(100);
            document.Property(d => d.Sha256).HasMaxLength(64);
            document.HasIndex(d => d.Sha256);
            document.Property(d => d.StorageKey).HasMaxLength(200);
            document.HasIndex(d => d.InstanceId);
            document.HasOne<Unit>().WithMany().HasForeignKey(d => d.IssuerUnitId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<DocumentSequence>(sequence =>
        {
            sequence.ToTable("DocumentSequences");
            sequence.HasKey(s => new { s.UnitId, s.Year, s.Series });
            sequence.Property(s => s.Series).HasMaxLength(DocumentSequence.SeriesMaxLength);
            sequence.Property(s => s.Revision).IsConcurrencyToken();
            sequence.HasOne<Unit>().WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<DocumentNumberPattern>(pattern =>
        {
            pattern.ToTable("DocumentNumberPatterns");
            pattern.Property(p => p.TemplateKey).HasMaxLength(100);
            pattern.Property(p => p.Pattern).HasMaxLength(DocumentSequence.SeriesMaxLength);
            pattern.Property(p => p.Revision).IsConcurrencyToken();
            pattern.HasIndex(p => new { p.UnitId, p.TemplateKey }).IsUnique();
            pattern.HasOne<Unit>().WithMany().HasForeignKey(p => p.UnitId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<DocumentTemplateVersion>(template =>
        {
            template.ToTable("DocumentTemplates");
            template.Property(t => t.TemplateKey).HasMaxLength(100);
            template.Property(t => t.Name).HasMaxLength(200);
            template.HasIndex(t => new { t.TemplateKey, t.Version }).IsUnique();
        });

        builder.Entity<DocumentFontFile>(font =>
        {
            font.ToTable("DocumentFonts");
            font.Property(f => f.Role).HasMaxLength(20);
            font.Property(f => f.FileName).HasMaxLength(200);
            font.Property(f => f.FamilyName).HasMaxLength(200);
            font.Property(f => f.Sha256).HasMaxLength(64);
            font.Property(f => f.StorageKey).HasMaxLength(200);
            font.HasIndex(f => new { f.Role, f.UploadedAt });
        });

        builder.Entity<UnitSeal>(seal =>
        {
            seal.ToTable("UnitSeals");
            seal.Property(s => s.Sha256).HasMaxLength(64);
            seal.Property(s => s.StorageKey).HasMaxLength(200);
            seal.HasIndex(s => new { s.UnitId, s.UploadedAt });
            seal.HasOne<Unit>().WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
