using System.Text.Json;
using Workflows.Data;
using Workflows.Data.Runtime;
using Workflows.Server.Notifications;

namespace Workflows.Server.Runtime;

/// <summary>What a service did: finished with variables, a business (BPMN) error, or a technical failure.</summary>
public abstract record ServiceResult
{
    public sealed record Completed(IReadOnlyDictionary<string, JsonElement>? Variables = null) : ServiceResult;

    public sealed record BusinessError(string Code, string? Message) : ServiceResult;

    public sealed record Failed(string Message) : ServiceResult;
}

/// <summary>
/// A built-in service-task type. It runs inside the unit of work that completes the call, so what
/// it writes to the database is saved exactly when the workflow moves on, and never twice.
/// </summary>
public interface IServiceTaskHandler
{
    string Type { get; }

    Task<ServiceResult> HandleAsync(ServiceCallPayload call, WorkflowInstance instance, CancellationToken cancellationToken);
}

/// <summary>
/// <c>notify</c>: headers <c>to</c> (applicant, assignees, level:role; comma-separated), <c>title</c>
/// and <c>message</c> (with <c>{title}</c>, <c>{businessKey}</c>, <c>{outcome}</c>, <c>{comment}</c> filled in).
/// </summary>
public sealed class NotifyHandler(Notifier notifier, Recipients recipients) : IServiceTaskHandler
{
    public string Type => "notify";

    public async Task<ServiceResult> HandleAsync(ServiceCallPayload call, WorkflowInstance instance, CancellationToken cancellationToken)
    {
        var users = await recipients.ResolveAsync(call.Headers.GetValueOrDefault("to"), instance, cancellationToken);
        var title = Fill(call.Headers.GetValueOrDefault("title") ?? "{title}", call, instance);
        var message = Fill(call.Headers.GetValueOrDefault("message") ?? "案件“{title}”（{businessKey}）有新进展。", call, instance);
        var count = await notifier.NotifyAsync(users, call.Headers.GetValueOrDefault("template") ?? "workflow", title, message,
            instance.Id, null, $"notify:{instance.Id:N}:{call.CallKey}", cancellationToken);
        return new ServiceResult.Completed(new Dictionary<string, JsonElement> { ["notified"] = JsonSerializer.SerializeToElement(count) });
    }

    private static string Fill(string template, ServiceCallPayload call, WorkflowInstance instance) => template
        .Replace("{title}", instance.Title)
        .Replace("{businessKey}", instance.BusinessKey)
        .Replace("{outcome}", Variable(call, "outcome"))
        .Replace("{comment}", Variable(call, "comment"));

    private static string Variable(ServiceCallPayload call, string name) =>
        call.Variables.ValueKind == JsonValueKind.Object && call.Variables.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : "";
}
