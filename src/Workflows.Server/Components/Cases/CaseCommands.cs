using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Accounts;
using Workflows.Server.Hosting;
using Workflows.Server.Inbox;
using Workflows.Server.Runtime;

namespace Workflows.Server.Components.Cases;

/// <summary>A person one can hand work to, copy to or add as a signer.</summary>
public sealed record Person(Guid Id, string DisplayName, string UserName, string Unit, string Role)
{
    public override string ToString() => $"{DisplayName}（{Unit} {Role}）";
}

/// <summary>
/// The actions of the case view and the inbox, each through the server's own service in a fresh
/// scope, so the same rules and the same history apply as through the API. Every success tells the
/// other open pages that the case changed.
/// </summary>
public sealed class CaseCommands(Web.UiSession session, Web.InboxChanges changes)
{
    public Task<string?> CompleteAsync(Guid taskId, Guid instanceId, string outcome, string? comment, string? returnTo) =>
        RunAsync(instanceId, async (services, caller) =>
            (await services.GetRequiredService<TaskActions>().CompleteAsync(taskId, new CompleteTaskRequest(outcome, Blank(comment), returnTo, null), caller, null)).Failure);

    public Task<string?> ClaimAsync(Guid taskId, Guid instanceId) =>
        RunAsync(instanceId, async (services, caller) => (await services.GetRequiredService<TaskOperations>().ClaimAsync(taskId, caller)).Failure);

    public Task<string?> TransferAsync(Guid taskId, Guid instanceId, Guid? to, string? comment) =>
        RunAsync(instanceId, async (services, caller) => (await services.GetRequiredService<TaskOperations>().TransferAsync(taskId, to, Blank(comment), caller)).Failure);

    public Task<string?> AddSignerAsync(Guid taskId, Guid instanceId, Guid? signer, string position, string? outcome, string? comment) =>
        RunAsync(instanceId, async (services, caller) =>
            (await services.GetRequiredService<TaskOperations>().AddSignerAsync(taskId, signer, position, outcome, Blank(comment), caller)).Failure);

    public Task<string?> CopyAsync(Guid instanceId, IReadOnlyList<Guid> people, string? comment) =>
        RunAsync(instanceId, async (services, caller) => (await services.GetRequiredService<TaskOperations>().CopyAsync(instanceId, people, Blank(comment), caller)).Failure);

    public Task<string?> UrgeAsync(Guid instanceId, string? comment) =>
        RunAsync(instanceId, async (services, caller) => (await services.GetRequiredService<TaskOperations>().UrgeAsync(instanceId, Blank(comment), caller)).Failure);

    public Task<string?> CommentAsync(Guid instanceId, string? comment) =>
        RunAsync(instanceId, async (services, caller) => await services.GetRequiredService<TaskOperations>().CommentAsync(instanceId, comment, caller));

    public Task<string?> AcknowledgeAsync(Guid copyId, Guid instanceId) =>
        RunAsync(instanceId, async (services, caller) => await services.GetRequiredService<TaskOperations>().AcknowledgeAsync(copyId, caller));

    public Task<string?> WithdrawAsync(Guid instanceId, string? reason) =>
        RunAsync(instanceId, async (services, caller) => (await InstancesApi.WithdrawAsync(services.GetRequiredService<WorkflowsDbContext>(),
            services.GetRequiredService<WorkflowRuntime>(), caller, instanceId, Blank(reason), null)).Failure);

    /// <summary>People who may act on work of the case's unit: deciders in the unit and above it, and the unit's applicants.</summary>
    public async Task<List<Person>> PeopleForAsync(string unitPath)
    {
        var caller = await session.RequireAsync();
        var ancestors = new List<string>();
        for (var i = 1; i < unitPath.Length; i++)
        {
            if (unitPath[i] == '/')
            {
                ancestors.Add(unitPath[..(i + 1)]);
            }
        }
        var english = Web.UiText.IsEnglish;
        return await session.UseAsync(async services =>
        {
            var db = services.GetRequiredService<WorkflowsDbContext>();
            var rows = await db.RoleAssignments.AsNoTracking()
                .Where(a => a.Unit != null && ancestors.Contains(a.Unit.Path) && a.UserId != caller.UserId && a.User!.IsActive
                            && (a.Role == Role.Reviewer || a.Role == Role.Approver || (a.Role == Role.Applicant && a.Unit.Path == unitPath)))
                .Select(a => new { a.UserId, a.User!.DisplayName, a.User.UserName, Unit = a.Unit!.Name, a.Role })
                .ToListAsync();
            return rows.GroupBy(r => r.UserId)
                .Select(g => g.First())
                .Select(r => new Person(r.UserId, r.DisplayName, r.UserName ?? "", r.Unit, english ? Roles.EnLabel(r.Role) : Roles.ZhLabel(r.Role)))
                .OrderBy(p => p.Unit).ThenBy(p => p.DisplayName).ToList();
        });
    }

    private async Task<string?> RunAsync(Guid instanceId, Func<IServiceProvider, Security.Caller, Task<ActionFailure?>> action)
    {
        var caller = await session.RequireAsync();
        var failure = await session.UseAsync(async services =>
        {
            try
            {
                return await action(services, caller);
            }
            catch (RuntimeProblem problem)
            {
                return new ActionFailure(problem.Status, problem.Code, problem.Text, problem.Field);
            }
        });
        if (failure is null)
        {
            changes.Publish(instanceId);
            return null;
        }
        return failure.Message.In(Web.UiText.IsEnglish ? Language.English : Language.Chinese);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
