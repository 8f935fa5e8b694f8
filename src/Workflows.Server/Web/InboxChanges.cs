namespace Workflows.Server.Web;

/// <summary>
/// Tells open pages that tasks of some cases changed, so inboxes and case views refresh without a
/// reload. Actions taken through these pages publish here at once; changes made through the API or
/// on another node are caught by the pages' periodic check of the inbox counts.
/// </summary>
public sealed class InboxChanges
{
    public event Action<Guid>? Changed;

    public void Publish(Guid instanceId) => Changed?.Invoke(instanceId);
}
