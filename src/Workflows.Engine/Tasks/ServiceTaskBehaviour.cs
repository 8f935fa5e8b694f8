using Workflows.Engine.Execution;

namespace Workflows.Engine.Tasks;

/// <summary>
/// A service task asks the runtime to perform a built-in service (generate a document, notify)
/// and waits. The answer is output variables, a BPMN error, or a technical failure that is
/// retried and then becomes an incident.
/// </summary>
internal static class ServiceTaskBehaviour
{
    public static void Activate(Run run, ElementInstance instance)
    {
        instance.RetriesLeft = Math.Max(1, run.NodeOf(instance).ServiceTask!.Retries);
        Request(run, instance);
    }

    public static void Request(Run run, ElementInstance instance)
    {
        var node = run.NodeOf(instance);
        var task = node.ServiceTask!;
        instance.Attempts++;
        run.Effects.Add(new ServiceCallRequested(instance.Key, node.Id, task.Type, task.Headers,
            ScopeVariables.VisibleAsJson(run.State, instance), instance.Attempts));
    }

    public static void Fail(Run run, ElementInstance instance, string message)
    {
        instance.RetriesLeft--;
        if (instance.RetriesLeft > 0)
        {
            Request(run, instance);
            return;
        }
        run.RaiseIncident(instance, PendingStep.ServiceCall, "service-failed",
            $"服务调用失败，重试次数已用完：{message}", $"the service call failed and has no retries left: {message}");
    }
}
