using Workflows.Data.Accounts;
using Workflows.Data.Organisation;
using Workflows.Server.Security;

namespace Workflows.Server.Tests.Security;

public sealed class AccessPolicyTests
{
    private const string Province = "/p/";
    private const string City = "/p/c/";
    private const string CountyA = "/p/c/a/";
    private const string CountyB = "/p/c/b/";
    private const string CommunityInA = "/p/c/a/s/x/";

    private static Caller With(Role role, string? path, UnitLevel? level = null) =>
        new(Guid.NewGuid(), "u", "U", [new Grant(role, path is null ? null : Guid.NewGuid(), path, level, "unit")]);

    [Fact]
    public void A_county_approver_reads_inside_the_county_and_not_next_door()
    {
        var caller = With(Role.Approver, CountyA, UnitLevel.County);
        Assert.True(AccessPolicy.CanReadWork(caller, CommunityInA));
        Assert.False(AccessPolicy.CanReadWork(caller, CountyB + "s/y/"));
        Assert.False(AccessPolicy.CanReadWork(caller, City));
    }

    [Fact]
    public void A_path_prefix_of_another_unit_does_not_leak_because_paths_end_with_a_separator()
    {
        // "/p/c/a/" must not match "/p/c/ab/": every segment ends with '/'.
        var caller = With(Role.Approver, CountyA, UnitLevel.County);
        Assert.False(AccessPolicy.CanReadWork(caller, "/p/c/ab/s/x/"));
    }

    [Fact]
    public void An_applicant_reads_only_their_own_unit_not_the_units_below_it()
    {
        var caller = With(Role.Applicant, "/p/c/a/s/");
        Assert.True(AccessPolicy.CanReadWork(caller, "/p/c/a/s/"));
        Assert.False(AccessPolicy.CanReadWork(caller, CommunityInA));
    }

    [Fact]
    public void A_system_administrator_reads_everything_but_decides_nothing()
    {
        var caller = With(Role.SystemAdministrator, null);
        Assert.True(AccessPolicy.CanReadWork(caller, CommunityInA));
        Assert.False(AccessPolicy.CanActOnWork(caller, CommunityInA));
        Assert.True(AccessPolicy.CanManageRoots(caller));
        Assert.True(AccessPolicy.CanReadAudit(caller));
    }

    [Fact]
    public void A_unit_administrator_manages_their_subtree_and_cannot_make_system_administrators()
    {
        var caller = With(Role.UnitAdministrator, City);
        Assert.True(AccessPolicy.CanManageUnit(caller, CountyA));
        Assert.False(AccessPolicy.CanManageUnit(caller, Province));
        Assert.True(AccessPolicy.CanGrant(caller, Role.Approver, CountyA));
        Assert.False(AccessPolicy.CanGrant(caller, Role.SystemAdministrator, null));
        Assert.False(AccessPolicy.CanReadWork(caller, CommunityInA));
        Assert.False(AccessPolicy.CanReadAudit(caller));
    }

    [Fact]
    public void Roles_held_in_several_units_add_up()
    {
        var caller = new Caller(Guid.NewGuid(), "u", "U",
        [
            new Grant(Role.Approver, Guid.NewGuid(), CountyA, UnitLevel.County, "A"),
            new Grant(Role.Reviewer, Guid.NewGuid(), CountyB, UnitLevel.County, "B"),
        ]);
        Assert.True(AccessPolicy.CanActOnWork(caller, CommunityInA));
        Assert.True(AccessPolicy.CanActOnWork(caller, CountyB + "s/"));
        var scope = AccessPolicy.ReadableWork(caller);
        Assert.Equal([CountyA, CountyB], scope.SubtreePaths.Order());
    }

    [Fact]
    public void Someone_with_no_roles_sees_nothing()
    {
        var caller = new Caller(Guid.NewGuid(), "u", "U", []);
        Assert.True(AccessPolicy.ReadableWork(caller).IsNothing);
        Assert.False(AccessPolicy.CanReadWork(caller, CommunityInA));
    }
}
