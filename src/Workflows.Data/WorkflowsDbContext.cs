using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Workflows.Data.Accounts;
using Workflows.Data.Applications;
using Workflows.Data.Audit;
using Workflows.Data.Organisation;
using Workflows.Data.Runtime;
using Workflows.Data.Storage;

namespace Workflows.Data;

/// <summary>
/// The one model of the application database. Each provider has a subclass so that SQLite and
/// PostgreSQL keep their own migration sets (see <see cref="SqliteWorkflowsDbContext"/> and
/// <see cref="PostgresWorkflowsDbContext"/>); feature code only ever sees this type.
/// </summary>
public abstract partial class WorkflowsDbContext(DbContextOptions options) : IdentityUserContext<User, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>Cookie and token protection keys, shared by every node of a cluster.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Unit> Units => Set<Unit>();

    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();

    public DbSet<AccessToken> AccessTokens => Set<AccessToken>();

    public DbSet<SecurityAuditEvent> SecurityAuditEvents => Set<SecurityAuditEvent>();

    public DbSet<Application> Applications => Set<Application>();

    public DbSet<ApplicationComment> ApplicationComments => Set<ApplicationComment>();

    public DbSet<WorkflowDefinitionRecord> WorkflowDefinitions => Set<WorkflowDefinitionRecord>();

    public DbSet<WorkflowInstance> WorkflowInstances => Set<WorkflowInstance>();

    public DbSet<WorkTask> WorkTasks => Set<WorkTask>();

    public DbSet<TaskCandidate> TaskCandidates => Set<TaskCandidate>();

    public DbSet<InstanceEvent> InstanceEvents => Set<InstanceEvent>();

    public DbSet<ScheduledTimer> ScheduledTimers => Set<ScheduledTimer>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<Delegation> Delegations => Set<Delegation>();

    public DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();

    public abstract DatabaseProvider Provider { get; }

    /// <summary>
    /// Waits until this process may write (on SQLite one writer at a time per file; elsewhere at
    /// once). Dispose the result to let the next writer in.
    /// </summary>
    public virtual ValueTask<IDisposable?> EnterWriterAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult<IDisposable?>(null);

    /// <summary>Reference data was saved inside an explicit transaction; its commit moves <see cref="ReferenceData.Version"/> again.</summary>
    internal bool ReferenceChangedInTransaction { get; set; }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC; SQLite would otherwise hand back DateTimeKind.Unspecified.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<User>(user =>
        {
            user.ToTable("Users");
            user.Property(u => u.DisplayName).HasMaxLength(User.DisplayNameMaxLength);
            user.Property(u => u.PreferredLanguage).HasMaxLength(10);
            user.HasMany(u => u.RoleAssignments).WithOne(a => a.User).HasForeignKey(a => a.UserId)
                .OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<Guid>>().ToTable("UserClaims");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<Guid>>().ToTable("UserLogins");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<Guid>>().ToTable("UserTokens");

        builder.Entity<Unit>(unit =>
        {
            unit.ToTable("Units");
            unit.HasIndex(u => u.Code).IsUnique();
            unit.HasIndex(u => u.Path);
            unit.HasIndex(u => u.ParentId);
            unit.Property(u => u.Code).HasMaxLength(Unit.CodeMaxLength);
            unit.Property(u => u.Name).HasMaxLength(Unit.NameMaxLength);
            unit.Property(u => u.NameEn).HasMaxLength(Unit.NameEnMaxLength);
            unit.Property(u => u.Abbreviation).HasMaxLength(Unit.AbbreviationMaxLength);
            unit.Property(u => u.Path).HasMaxLength(200);
            unit.Property(u => u.Version).IsConcurrencyToken();
            unit.HasOne(u => u.Parent).WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<RoleAssignment>(assignment =>
        {
            assignment.ToTable("RoleAssignments");
            assignment.HasOne(a => a.Unit).WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Restrict);
            assignment.HasIndex(a => new { a.UserId, a.UnitId, a.Role });
        });

        builder.Entity<AccessToken>(token =>
        {
            token.ToTable("AccessTokens");
            token.Property(t => t.Name).HasMaxLength(AccessToken.NameMaxLength);
            token.Property(t => t.Prefix).HasMaxLength(16);
            token.Property(t => t.SecretHash).HasMaxLength(64);
            token.HasIndex(t => t.SecretHash).IsUnique();
            token.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<SecurityAuditEvent>(audit =>
        {
            audit.ToTable("SecurityAuditEvents");
            audit.HasIndex(e => e.At);
            audit.HasIndex(e => e.UserId);
            audit.Property(e => e.Kind).HasConversion<string>().HasMaxLength(40);
            audit.Property(e => e.UserName).HasMaxLength(256);
            audit.Property(e => e.Target).HasMaxLength(256);
            audit.Property(e => e.Detail).HasMaxLength(SecurityAuditEvent.DetailMaxLength);
            audit.Property(e => e.IpAddress).HasMaxLength(64);
            audit.Property(e => e.RequestId).HasMaxLength(64);
        });

        builder.Entity<Application>(application =>
        {
            application.ToTable("Applications");
            application.Property(a => a.Kind).HasMaxLength(Application.KindMaxLength);
            application.Property(a => a.Title).HasMaxLength(Application.TitleMaxLength);
            application.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
            application.Property(a => a.Version).IsConcurrencyToken();
            application.HasOne(a => a.Unit).WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Restrict);
            application.HasOne(a => a.CreatedBy).WithMany().HasForeignKey(a => a.CreatedById).OnDelete(DeleteBehavior.Restrict);
            application.HasMany(a => a.Comments).WithOne().HasForeignKey(c => c.ApplicationId).OnDelete(DeleteBehavior.Cascade);
            application.HasIndex(a => new { a.UnitId, a.Status });
        });

        ConfigureRuntime(builder);
        ConfigureDocuments(builder);
        ConfigureForms(builder);
        ConfigureFormDesigner(builder);
        ConfigureDesigner(builder);

        builder.Entity<ApplicationComment>(comment =>
        {
            comment.ToTable("ApplicationComments");
            comment.Property(c => c.Text).HasMaxLength(ApplicationComment.TextMaxLength);
            comment.HasOne(c => c.Author).WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Restrict);
        });
    }

    // Each feature's tables live in a partial file of its own (WorkflowsDbContext.<Feature>.cs).
    static partial void ConfigureDocuments(ModelBuilder builder);

    static partial void ConfigureForms(ModelBuilder builder);

    static partial void ConfigureFormDesigner(ModelBuilder builder);
    static partial void ConfigureDesigner(ModelBuilder builder);

    private static void ConfigureRuntime(ModelBuilder builder)
    {
        builder.Entity<WorkflowDefinitionRecord>(definition =>
        {
            definition.ToTable("WorkflowDefinitions");
            definition.HasIndex(d => new { d.ProcessId, d.Version }).IsUnique();
            definition.Property(d => d.ProcessId).HasMaxLength(100);
            definition.Property(d => d.Name).HasMaxLength(200);
            definition.Property(d => d.Sha256).HasMaxLength(64);
            definition.Property(d => d.Source).HasMaxLength(300);
        });

        builder.Entity<WorkflowInstance>(instance =>
        {
            instance.ToTable("WorkflowInstances");
            instance.HasOne(i => i.Definition).WithMany().HasForeignKey(i => i.DefinitionId).OnDelete(DeleteBehavior.Restrict);
            instance.HasOne<Unit>().WithMany().HasForeignKey(i => i.UnitId).OnDelete(DeleteBehavior.Restrict);
            instance.Property(i => i.ProcessId).HasMaxLength(100);
            instance.Property(i => i.BusinessKey).HasMaxLength(WorkflowInstance.BusinessKeyMaxLength);
            instance.Property(i => i.Title).HasMaxLength(WorkflowInstance.TitleMaxLength);
            instance.Property(i => i.UnitPath).HasMaxLength(200);
            instance.Property(i => i.CurrentSteps).HasMaxLength(500);
            instance.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
            instance.Property(i => i.Revision).IsConcurrencyToken();
            instance.HasIndex(i => new { i.ProcessId, i.BusinessKey }).IsUnique();
            instance.HasIndex(i => new { i.StartedById, i.StartedAt });
            instance.HasIndex(i => i.UnitPath);
        });

        builder.Entity<WorkTask>(task =>
        {
            task.ToTable("Tasks");
            task.HasOne(t => t.Instance).WithMany().HasForeignKey(t => t.InstanceId).OnDelete(DeleteBehavior.Cascade);
            task.HasMany(t => t.Candidates).WithOne(c => c.Task).HasForeignKey(c => c.TaskId).OnDelete(DeleteBehavior.Cascade);
            task.Property(t => t.ElementId).HasMaxLength(100);
            task.Property(t => t.Name).HasMaxLength(200);
            task.Property(t => t.FormKey).HasMaxLength(100);
            task.Property(t => t.CandidateLevel).HasMaxLength(20);
            task.Property(t => t.CandidateRole).HasMaxLength(40);
            task.Property(t => t.Title).HasMaxLength(WorkflowInstance.TitleMaxLength);
            task.Property(t => t.BusinessKey).HasMaxLength(WorkflowInstance.BusinessKeyMaxLength);
            task.Property(t => t.ProcessId).HasMaxLength(100);
            task.Property(t => t.UnitPath).HasMaxLength(200);
            task.Property(t => t.CompletedByName).HasMaxLength(100);
            task.Property(t => t.Outcome).HasMaxLength(40);
            task.Property(t => t.Comment).HasMaxLength(2000);
            task.Property(t => t.Kind).HasConversion<string>().HasMaxLength(10);
            task.Property(t => t.Status).HasConversion<string>().HasMaxLength(10);
            task.Property(t => t.Revision).IsConcurrencyToken();
            task.HasIndex(t => new { t.InstanceId, t.TaskKey });
            task.HasIndex(t => new { t.AssigneeId, t.Status, t.CreatedAt });
            task.HasIndex(t => new { t.CompletedById, t.CompletedAt });
            task.HasIndex(t => t.ParentTaskId);
            task.Property(t => t.SignerPosition).HasMaxLength(10);
        });

        builder.Entity<TaskCandidate>(candidate =>
        {
            candidate.ToTable("TaskCandidates");
            candidate.HasKey(c => new { c.UserId, c.TaskId });
            candidate.HasIndex(c => c.TaskId);
            // Equality on the person, then creation time: the inbox's ORDER BY walks this index.
            candidate.HasIndex(c => new { c.UserId, c.CreatedAt, c.Open });
        });

        builder.Entity<InstanceEvent>(history =>
        {
            history.ToTable("InstanceEvents");
            history.HasIndex(e => new { e.InstanceId, e.Id });
            history.Property(e => e.Kind).HasConversion<string>().HasMaxLength(30);
            history.Property(e => e.ElementId).HasMaxLength(100);
            history.Property(e => e.ElementName).HasMaxLength(200);
            history.Property(e => e.ActorName).HasMaxLength(100);
            history.Property(e => e.Outcome).HasMaxLength(40);
            history.Property(e => e.Comment).HasMaxLength(2000);
            history.Property(e => e.IpAddress).HasMaxLength(64);
        });

        builder.Entity<ScheduledTimer>(timer =>
        {
            timer.ToTable("Timers");
            timer.Property(t => t.ElementId).HasMaxLength(100);
            timer.Property(t => t.Status).HasConversion<string>().HasMaxLength(10);
            timer.Property(t => t.Kind).HasConversion<string>().HasMaxLength(12);
            timer.HasIndex(t => t.TaskId);
            timer.Property(t => t.Revision).IsConcurrencyToken();
            timer.HasIndex(t => new { t.Status, t.DueAt });
            timer.HasIndex(t => new { t.InstanceId, t.TimerKey });
        });

        builder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("Outbox");
            outbox.Property(o => o.Kind).HasMaxLength(40);
            outbox.Property(o => o.Reference).HasMaxLength(100);
            outbox.HasIndex(o => new { o.InstanceId, o.Reference });
            outbox.Property(o => o.LastError).HasMaxLength(2000);
            outbox.Property(o => o.Revision).IsConcurrencyToken();
            outbox.HasIndex(o => new { o.ProcessedAt, o.AvailableAt });
        });

        builder.Entity<Notification>(notification =>
        {
            notification.ToTable("Notifications");
            notification.Property(n => n.Kind).HasMaxLength(40);
            notification.Property(n => n.Title).HasMaxLength(Notification.TitleMaxLength);
            notification.Property(n => n.Body).HasMaxLength(Notification.BodyMaxLength);
            notification.Property(n => n.DedupeKey).HasMaxLength(200);
            notification.Property(n => n.EmailError).HasMaxLength(1000);
            notification.Property(n => n.EmailStatus).HasConversion<string>().HasMaxLength(10);
            notification.HasIndex(n => n.DedupeKey).IsUnique();
            notification.HasIndex(n => new { n.UserId, n.ReadAt, n.CreatedAt });
            notification.HasIndex(n => new { n.EmailStatus, n.EmailNextAttemptAt });
            notification.Property(n => n.Revision).IsConcurrencyToken();
        });

        builder.Entity<Delegation>(delegation =>
        {
            delegation.ToTable("Delegations");
            delegation.Property(d => d.ProcessId).HasMaxLength(100);
            delegation.HasIndex(d => new { d.ToUserId, d.StartsOn, d.EndsOn });
            delegation.HasIndex(d => d.FromUserId);
        });

        builder.Entity<CalendarDay>(day =>
        {
            day.ToTable("CalendarDays");
            day.HasKey(d => d.Date);
            day.Property(d => d.Kind).HasConversion<string>().HasMaxLength(12);
            day.Property(d => d.Name).HasMaxLength(40);
        });

        builder.Entity<IdempotencyRecord>(record =>
        {
            record.ToTable("IdempotencyKeys");
            record.HasKey(r => new { r.UserId, r.Key });
            record.Property(r => r.Key).HasMaxLength(100);
            record.Property(r => r.RequestHash).HasMaxLength(64);
            record.HasIndex(r => r.CreatedAt);
        });
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        GuardAppendOnly();
        SyncCandidatesAsync(async: false, CancellationToken.None).GetAwaiter().GetResult();
        var reference = ReferenceData.Touched(ChangeTracker);
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            if (reference)
            {
                ReferenceData.Changed();
                ReferenceChangedInTransaction |= Database.CurrentTransaction is not null;
            }
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardAppendOnly();
        await SyncCandidatesAsync(async: true, cancellationToken);
        var reference = ReferenceData.Touched(ChangeTracker);
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            // Also after a failure: the save may have been inside a transaction committed later.
            if (reference)
            {
                ReferenceData.Changed();
                ReferenceChangedInTransaction |= Database.CurrentTransaction is not null;
            }
        }
    }

    /// <summary>
    /// Keeps each candidate row in step with its task: open means "in this person's inbox now"
    /// (the task is open and not taken by someone else), with the task's creation and due times.
    /// </summary>
    private async Task SyncCandidatesAsync(bool async, CancellationToken cancellationToken)
    {
        foreach (var entry in ChangeTracker.Entries<WorkTask>().Where(e => e.State is EntityState.Added or EntityState.Modified).ToList())
        {
            var task = entry.Entity;
            var candidates = entry.Collection(t => t.Candidates);
            if (!candidates.IsLoaded && entry.State == EntityState.Modified)
            {
                if (async)
                {
                    await candidates.LoadAsync(cancellationToken);
                }
                else
                {
                    candidates.Load();
                }
            }
            foreach (var candidate in task.Candidates)
            {
                var open = task.Status == WorkTaskStatus.Open && (task.AssigneeId is null || task.AssigneeId == candidate.UserId);
                if (candidate.Open != open)
                {
                    candidate.Open = open;
                }
                if (candidate.CreatedAt != task.CreatedAt)
                {
                    candidate.CreatedAt = task.CreatedAt;
                }
                if (candidate.DueAt != task.DueAt)
                {
                    candidate.DueAt = task.DueAt;
                }
            }
        }
    }

    private void GuardAppendOnly()
    {
        foreach (var entry in ChangeTracker.Entries<SecurityAuditEvent>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException("The security audit log is append-only.");
            }
        }
    }
}

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}
