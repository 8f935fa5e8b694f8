using Microsoft.EntityFrameworkCore;
using Workflows.Data.Designer;

namespace Workflows.Data;

public abstract partial class WorkflowsDbContext
{
    public DbSet<WorkflowDraft> WorkflowDrafts => Set<WorkflowDraft>();

    static partial void ConfigureDesigner(ModelBuilder builder)
    {
        builder.Entity<WorkflowDraft>(draft =>
        {
            draft.ToTable("WorkflowDrafts");
            draft.HasIndex(d => d.ProcessId).IsUnique();
            draft.Property(d => d.ProcessId).HasMaxLength(WorkflowDraft.ProcessIdMaxLength);
        });
    }
}
