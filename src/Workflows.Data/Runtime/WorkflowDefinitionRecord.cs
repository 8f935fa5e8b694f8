namespace Workflows.Data.Runtime;

/// <summary>
/// One deployed version of a BPMN process. Versions are never changed: a new file is a new version,
/// and every instance keeps the version it started with.
/// </summary>
public sealed class WorkflowDefinitionRecord
{
    public Guid Id { get; set; }

    /// <summary>The BPMN process id, the same across versions (e.g. <c>facility-application</c>).</summary>
    public string ProcessId { get; set; } = "";

    public int Version { get; set; }

    public string Name { get; set; } = "";

    public string Xml { get; set; } = "";

    /// <summary>SHA-256 of the XML: deploying the same file again does not make a new version.</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>Where it came from: <c>file:workflows/x.bpmn</c> or <c>upload</c>.</summary>
    public string Source { get; set; } = "";

    public DateTime DeployedAt { get; set; }

    public Guid? DeployedById { get; set; }
}
