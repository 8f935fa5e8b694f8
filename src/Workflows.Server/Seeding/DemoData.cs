using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Accounts;
using Workflows.Data.Applications;
using Workflows.Server.Hosting;
using Workflows.Server.Organisation;

namespace Workflows.Server.Seeding;

/// <summary>
/// The demo organisation (DOMAIN.md §8) and demo users, seeded on first start into an empty
/// database. The tree goes through the same import as an administrator's file.
/// </summary>
public sealed class DemoData(WorkflowsDbContext db, UnitImport import, UserManager<User> users, TimeProvider clock, ILogger<DemoData> logger)
{
    /// <summary>Every demo user signs in with this password. Turn demo data off for a real deployment.</summary>
    public const string Password = "demo-2026-pass";

    public static IReadOnlyList<(string UserName, string DisplayName, string Role, string? UnitCode)> Users { get; } = ReadUsers();

    public async Task<bool> SeedIfEmptyAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Units.AnyAsync(cancellationToken))
        {
            return false;
        }
        var errors = new FieldErrors();
        await using (var units = Resource("demo-units.csv"))
        {
            var rows = UnitImport.Parse(units, "demo-units.csv", errors);
            var (outcome, importErrors) = await import.ImportAsync(rows, caller: null, dryRun: false, cancellationToken);
            if (outcome is null)
            {
                throw new InvalidOperationException("The demo organisation does not import: " + string.Join("; ", importErrors.All.Select(e => $"{e.Key} {e.Value[0]}")));
            }
            logger.LogInformation("Seeded {Count} demo units", outcome.Created);
        }

        var unitIds = await db.Units.ToDictionaryAsync(u => u.Code, u => u.Id, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var person in Users.GroupBy(u => u.UserName))
        {
            var first = person.First();
            var user = new User
            {
                Id = Guid.NewGuid(), UserName = first.UserName, DisplayName = first.DisplayName, CreatedAt = now,
                EmailConfirmed = true,
            };
            var created = await users.CreateAsync(user, Password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"Demo user {first.UserName}: " + string.Join("; ", created.Errors.Select(e => e.Description)));
            }
            foreach (var grant in person)
            {
                db.RoleAssignments.Add(new RoleAssignment
                {
                    Id = Guid.NewGuid(), UserId = user.Id, Role = Enum.Parse<Role>(grant.Role),
                    UnitId = grant.UnitCode is null ? null : unitIds[grant.UnitCode], CreatedAt = now,
                });
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await SeedApplicationsAsync(unitIds, now, cancellationToken);
        logger.LogInformation("Seeded {Count} demo users", Users.Select(u => u.UserName).Distinct().Count());
        return true;
    }

    private async Task SeedApplicationsAsync(Dictionary<string, Guid> unitIds, DateTime now, CancellationToken cancellationToken)
    {
        async Task Add(string userName, string unitCode, string kind, string title, ApplicationStatus status)
        {
            var author = await users.FindByNameAsync(userName);
            db.Applications.Add(new Application
            {
                Id = Guid.NewGuid(), UnitId = unitIds[unitCode], Kind = kind, Title = title, Status = status,
                CreatedById = author!.Id, CreatedAt = now, UpdatedAt = now, Version = 1,
            });
        }
        await Add("dongsheng", "231282001001", "facility", "肇东市东升社区 社区服务站建设申请", ApplicationStatus.Submitted);
        await Add("heping", "231224101201", "facility", "庆安县和平村 农村社区服务中心建设申请", ApplicationStatus.Draft);
        await Add("yonghuan", "210103003001", "facility", "沈河区永环社区 室外活动广场建设申请", ApplicationStatus.Draft);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static Stream Resource(string name) =>
        typeof(DemoData).Assembly.GetManifestResourceStream($"Workflows.Server.Seeding.{name}")
        ?? throw new InvalidOperationException($"Missing embedded resource {name}");

    private static List<(string, string, string, string?)> ReadUsers()
    {
        using var reader = new StreamReader(Resource("demo-users.csv"));
        return CsvReader.Read(reader.ReadToEnd()).Skip(1)
            .Where(r => r.Length >= 3)
            .Select(r => (r[0], r[1], r[2], r.Length > 3 && r[3].Length > 0 ? r[3] : null))
            .ToList();
    }
}
