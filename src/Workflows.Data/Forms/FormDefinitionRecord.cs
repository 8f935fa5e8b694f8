namespace Workflows.Data.Forms;

/// <summary>
/// One deployed version of a form-js schema. A version never changes, so an application started on
/// it is always checked against exactly the schema the applicant saw.
/// </summary>
public sealed class FormDefinitionRecord
{
    public const int FormIdMaxLength = 100;
    public const int TitleMaxLength = 200;

    public Guid Id { get; set; }

    /// <summary>The schema's <c>id</c>, e.g. <c>facility-application</c>.</summary>
    public string FormId { get; set; } = "";

    public int Version { get; set; }

    public string Title { get; set; } = "";

    public string Json { get; set; } = "";

    public string Sha256 { get; set; } = "";

    /// <summary>Where it came from: <c>file:forms/…</c> or <c>upload</c>.</summary>
    public string Source { get; set; } = "";

    public DateTime DeployedAt { get; set; }

    public Guid? DeployedById { get; set; }
}
