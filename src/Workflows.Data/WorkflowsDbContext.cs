using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Workflows.Data.Accounts;
using Workflows.Data.Applications;
using Workflows.Data.Audit;
using Workflows.Data.Organisation;
using Workflows.Data.Storage;

namespace Workflows.Data;

/// <summary>
/// The one model of the application database. Each provider has a subclass so that SQLite and
/// PostgreSQL keep their own migration sets (see <see cref="SqliteWorkflowsDbContext"/> and
/// <see cref="PostgresWorkflowsDbContext"/>); feature code only ever sees this type.
/// </summary>
public abstract class WorkflowsDbContext(DbContextOptions options) : IdentityUserContext<User, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>Cookie and token protection keys, shared by every node of a cluster.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Unit> Units => Set<Unit>();

    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();

    public DbSet<AccessToken> AccessTokens => Set<AccessToken>();

    public DbSet<SecurityAuditEvent> SecurityAuditEvents => Set<SecurityAuditEvent>();

    public DbSet<Application> Applications => Set<Application>();

    public DbSet<ApplicationComment> ApplicationComments => Set<ApplicationComment>();

    public abstract DatabaseProvider Provider { get; }

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

        builder.Entity<ApplicationComment>(comment =>
        {
            comment.ToTable("ApplicationComments");
            comment.Property(c => c.Text).HasMaxLength(ApplicationComment.TextMaxLength);
            comment.HasOne(c => c.Author).WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Restrict);
        });
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        GuardAppendOnly();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardAppendOnly();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
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
