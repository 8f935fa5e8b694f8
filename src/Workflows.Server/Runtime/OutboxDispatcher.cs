using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Runtime;
using Workflows.Engine.Execution;
using InstanceStatus = Workflows.Data.Runtime.InstanceStatus;

namespace Workflows.Server.Runtime;

/// <summary>
/// Drains the outbox: performs each requested service call and tells the engine how it went, in
/// one transaction per message guarded by the message's revision, so however many nodes drain at
/// once a call is completed once. A failure goes back to the engine, which retries with back-off
/// until its retries are used up and then raises an incident.
/// </summary>
public sealed class OutboxDispatcher(IServiceScopeFactory scopes, TimeProvider clock, ILogger<OutboxDispatcher> logger)
{
    public async Task<int> DrainAsync(int max = 100, CancellationToken cancellationToken = default)
    {
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            due = await db.OutboxMessages.AsNoTracking().Where(m => m.ProcessedAt == null && m.AvailableAt <= now)
                .OrderBy(m => m.AvailableAt).Select(m => m.Id).Take(max).ToListAsync(cancellationToken);
        }
        var done = 0;
        foreach (var id in due)
        {
            if (await ProcessAsync(id, cancellationToken))
            {
                done++;
            }
        }
        return done;
    }

    public async Task<bool> ProcessAsync(Guid messageId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<WorkflowsDbContext>();
        var message = await db.OutboxMessages.SingleOrDefaultAsync(m => m.Id == messageId, cancellationToken);
        if (message is null || message.ProcessedAt is not null || message.Kind != OutboxKinds.ServiceCall)
        {
            return false;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        message.ProcessedAt = now;
        message.Attempts++;
        message.Revision++;
        var call = JsonSerializer.Deserialize<ServiceCallPayload>(message.Payload)!;
        var instance = await db.WorkflowInstances.SingleOrDefaultAsync(i => i.Id == call.InstanceId, cancellationToken);
        if (instance is null || instance.Status != InstanceStatus.Active)
        {
            message.LastError = "the case has ended";
            return await SaveAsync(db, cancellationToken);
        }

        // The last registration of a type wins, so a deployment can replace a built-in service.
        var handler = services.GetServices<IServiceTaskHandler>().LastOrDefault(h => h.Type == call.Type);
        ServiceResult result;
        try
        {
            result = handler is null
                ? new ServiceResult.Failed($"no service handles type '{call.Type}'")
                : await handler.HandleAsync(call, instance, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Service {Type} failed for case {Instance}", call.Type, call.InstanceId);
            // Whatever the handler added is dropped; only the failure is recorded.
            foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList())
            {
                entry.State = EntityState.Detached;
            }
            result = new ServiceResult.Failed(ex.Message);
        }

        Command command = result switch
        {
            ServiceResult.Completed completed => new CompleteServiceCall(call.CallKey, completed.Variables),
            ServiceResult.BusinessError error => new ThrowServiceError(call.CallKey, error.Code, error.Message),
            ServiceResult.Failed failed => new FailServiceCall(call.CallKey, failed.Message),
            _ => throw new InvalidOperationException(),
        };
        if (result is ServiceResult.Failed f)
        {
            message.LastError = f.Message.Length <= 2000 ? f.Message : f.Message[..2000];
        }
        var runtime = services.GetRequiredService<WorkflowRuntime>();
        var kind = result is ServiceResult.Completed ? InstanceEventKind.ServiceCompleted : InstanceEventKind.ServiceFailed;
        try
        {
            var outcome = await runtime.ExecuteAsync(instance, command, Actor.System,
                new HistoryNote(kind, call.ElementId, Detail: new { call.Type, call.Attempt, error = message.LastError }), cancellationToken: cancellationToken);
            if (outcome.Accepted)
            {
                return true;
            }
            // The engine no longer waits for this call (the step was cancelled): close the message only.
            foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList())
            {
                entry.State = EntityState.Detached;
            }
            message.LastError = $"not needed any more: {outcome.Rejection!.MessageEn}";
            return await SaveAsync(db, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another node finished this message or moved the case first: its result stands.
            return false;
        }
    }

    private static async Task<bool> SaveAsync(WorkflowsDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }
}
