using Microsoft.EntityFrameworkCore;
using Workflows.Data.Forms;

namespace Workflows.Data;

public abstract partial class WorkflowsDbContext
{
    public DbSet<FormDraft> FormDrafts => Set<FormDraft>();

    static partial void ConfigureFormDesigner(ModelBuilder builder)
    {
        builder.Entity<FormDraft>(draft =>
        {
            draft.ToTable("FormDrafts");
            draft.HasIndex(d => d.FormId).IsUnique();
            draft.Property(d => d.FormId).HasMaxLength(FormDefinitionRecord.FormIdMaxLength);
            draft.Property(d => d.Revision).IsConcurrencyToken();
        });
    }
}
