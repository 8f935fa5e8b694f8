using Workflows.Data.Accounts;
using Workflows.Data.Organisation;

namespace Workflows.Data.Applications;

/// <summary>
/// A piece of work a unit submits upward: a facility application, a pilot-village application, a
/// training record. Whoever may see or act on it is decided by the unit it belongs to.
/// </summary>
public sealed class Application
{
    public const int TitleMaxLength = 200;
    public const int KindMaxLength = 40;

    public Guid Id { get; set; }

    /// <summary>The applicant's unit: the community, village, township or street office.</summary>
    public Guid UnitId { get; set; }

    public Unit? Unit { get; set; }

    public string Kind { get; set; } = "";

    public string Title { get; set; } = "";

    public ApplicationStatus Status { get; set; }

    public Guid CreatedById { get; set; }

    public User? CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public int Version { get; set; }

    public List<ApplicationComment> Comments { get; set; } = [];

    /// <summary>The form it is filled in on (<c>facility-application</c>); null for work recorded without a form.</summary>
    public string? FormId { get; set; }

    /// <summary>The exact form version the draft was started with; submission is checked against it.</summary>
    public Guid? FormDefinitionId { get; set; }

    public int? FormVersion { get; set; }

    /// <summary>The form data as JSON: everything typed while a draft, the cleaned data once submitted.</summary>
    public string Data { get; set; } = "{}";

    /// <summary>Warnings (form and rule sets) the applicant saw when submitting, as JSON, kept with the submission.</summary>
    public string? Warnings { get; set; }

    /// <summary>The workflow the form starts.</summary>
    public string? ProcessId { get; set; }

    /// <summary>The case started by the submission.</summary>
    public Guid? InstanceId { get; set; }

    public DateTime? SubmittedAt { get; set; }
}

public enum ApplicationStatus
{
    Draft = 1,
    Submitted = 2,
    InReview = 3,
    Returned = 4,
    Approved = 5,
    Rejected = 6,
    Withdrawn = 7,
    /// <summary>The case ended (decided); the decision itself is in the case's history.</summary>
    Completed = 8,
}

/// <summary>An opinion or note on an application (审核意见 when it comes from a reviewer).</summary>
public sealed class ApplicationComment
{
    public const int TextMaxLength = 2000;

    public Guid Id { get; set; }

    public Guid ApplicationId { get; set; }

    public Guid AuthorId { get; set; }

    public User? Author { get; set; }

    /// <summary>The unit the author acted for.</summary>
    public Guid? AuthorUnitId { get; set; }

    public string Text { get; set; } = "";

    public DateTime At { get; set; }
}
