namespace Workflows.Data.Designer;

/// <summary>
/// The workflow designer's unpublished work on one process: one draft per process, replaced on every
/// save. <see cref="BasedOnVersion"/> is the published version the draft started from, so that a
/// save or publish on top of a newer version is noticed instead of silently undoing it.
/// </summary>
public sealed class WorkflowDraft
{
    public const int ProcessIdMaxLength = 100;

    public Guid Id { get; set; }

    public string ProcessId { get; set; } = "";

    public string Xml { get; set; } = "";

    /// <summary>The published version the draft was started from; null for a workflow never published.</summary>
    public int? BasedOnVersion { get; set; }

    public Guid? SavedById { get; set; }

    public DateTime SavedAt { get; set; }
}
