using Microsoft.EntityFrameworkCore;
using Workflows.Data.Applications;
using Workflows.Data.Forms;

namespace Workflows.Data;

public abstract partial class WorkflowsDbContext
{
    public DbSet<FormDefinitionRecord> FormDefinitions => Set<FormDefinitionRecord>();

    public DbSet<RuleSetRecord> RuleSets => Set<RuleSetRecord>();

    public DbSet<Attachment> Attachments => Set<Attachment>();

    static partial void ConfigureForms(ModelBuilder builder)
    {
        builder.Entity<FormDefinitionRecord>(form =>
        {
            form.ToTable("FormDefinitions");
            form.HasIndex(f => new { f.FormId, f.Version }).IsUnique();
            form.Property(f => f.FormId).HasMaxLength(FormDefinitionRecord.FormIdMaxLength);
            form.Property(f => f.Title).HasMaxLength(FormDefinitionRecord.TitleMaxLength);
            form.Property(f => f.Sha256).HasMaxLength(64);
            form.Property(f => f.Source).HasMaxLength(300);
        });

        builder.Entity<RuleSetRecord>(set =>
        {
            set.ToTable("RuleSets");
            set.HasIndex(s => new { s.SetId, s.Version }).IsUnique();
            set.HasIndex(s => s.Jurisdiction);
            set.Property(s => s.SetId).HasMaxLength(RuleSetRecord.SetIdMaxLength);
            set.Property(s => s.TitleZh).HasMaxLength(200);
            set.Property(s => s.TitleEn).HasMaxLength(200);
            set.Property(s => s.Jurisdiction).HasMaxLength(RuleSetRecord.JurisdictionMaxLength);
            set.Property(s => s.Sha256).HasMaxLength(64);
            set.Property(s => s.Source).HasMaxLength(300);
        });

        builder.Entity<Attachment>(attachment =>
        {
            attachment.ToTable("Attachments");
            attachment.HasOne<Application>().WithMany().HasForeignKey(a => a.ApplicationId).OnDelete(DeleteBehavior.Cascade);
            attachment.HasIndex(a => new { a.ApplicationId, a.FieldPath });
            attachment.HasIndex(a => a.TaskId);
            attachment.Property(a => a.FieldPath).HasMaxLength(Attachment.FieldPathMaxLength);
            attachment.Property(a => a.FileName).HasMaxLength(Attachment.FileNameMaxLength);
            attachment.Property(a => a.MediaType).HasMaxLength(100);
            attachment.Property(a => a.Sha256).HasMaxLength(64);
            attachment.Property(a => a.StorageKey).HasMaxLength(200);
        });

        // The application itself is configured with the organisation tables; these are its form columns.
        builder.Entity<Application>(application =>
        {
            application.Property(a => a.FormId).HasMaxLength(FormDefinitionRecord.FormIdMaxLength);
            application.Property(a => a.ProcessId).HasMaxLength(100);
            application.HasIndex(a => new { a.CreatedById, a.CreatedAt });
            application.HasIndex(a => a.InstanceId);
        });
    }
}
