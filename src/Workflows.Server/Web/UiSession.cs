using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Workflows.Data;
using Workflows.Data.Accounts;
using Workflows.Server.Security;

namespace Workflows.Server.Web;

/// <summary>
/// The signed-in person for one browser connection: their roles as the access policy sees them, and
/// the role they are working in now (the role switcher). Services are used in a fresh scope per
/// operation, because a connection lives for hours and a database context must not.
/// </summary>
public sealed class UiSession(AuthenticationStateProvider authentication, IServiceScopeFactory scopes, TimeProvider clock)
{
    private Caller? _caller;

    public event Action? ActiveGrantChanged;

    public Grant? ActiveGrant { get; private set; }

    public async Task<Caller?> CallerAsync()
    {
        if (_caller is not null)
        {
            return _caller;
        }
        var state = await authentication.GetAuthenticationStateAsync();
        if (!Guid.TryParse(state.User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            return null;
        }
        _caller = await UseAsync(services => CallerAccessor.LoadAsync(services.GetRequiredService<WorkflowsDbContext>(), userId, clock));
        ActiveGrant ??= DefaultGrant(_caller);
        return _caller;
    }

    public async Task<Caller> RequireAsync() => await CallerAsync() ?? throw new UnauthorizedAccessException();

    /// <summary>The roles worth switching between: deciding and applying roles, one entry per unit and role.</summary>
    public IReadOnlyList<Grant> SwitchableGrants => _caller?.Grants.Where(g => g.UnitId is not null).Distinct().ToList() ?? [];

    public void Activate(Grant grant)
    {
        if (_caller?.Grants.Contains(grant) == true)
        {
            ActiveGrant = grant;
            ActiveGrantChanged?.Invoke();
        }
    }

    public bool ActsAsDecider => ActiveGrant?.Role is Role.Reviewer or Role.Approver;

    public bool ActsAsApplicant => ActiveGrant?.Role is Role.Applicant;

    public bool CanDesignForms => _caller is not null && AccessPolicy.CanDesignForms(_caller);
    public bool DesignsWorkflows => _caller is not null && AccessPolicy.CanDesignWorkflows(_caller);

    public async Task<T> UseAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>Deciding comes first: someone who both approves and applies mostly approves.</summary>
    private static Grant? DefaultGrant(Caller? caller) => caller?.Grants
        .OrderBy(g => g.Role switch { Role.Approver => 0, Role.Reviewer => 1, Role.Applicant => 2, Role.UnitAdministrator => 3, _ => 4 })
        .FirstOrDefault();
}
