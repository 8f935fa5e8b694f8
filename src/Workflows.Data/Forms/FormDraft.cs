namespace Workflows.Data.Forms;

/// <summary>
/// The form designer's work in progress on one form: a schema not yet published, who saved it last
/// and which published version it started from (so publishing can tell when someone else published
/// in between). One draft per form; publishing removes it.
/// </summary>
public sealed class FormDraft
{
    public Guid Id { get; set; }

    /// <summary>The schema's <c>id</c>, e.g. <c>facility-application</c>.</summary>
    public string FormId { get; set; } = "";

    public string Json { get; set; } = "";

    /// <summary>The published version the draft was started from; null for a form never published.</summary>
    public int? BasedOnVersion { get; set; }

    public Guid SavedById { get; set; }

    public DateTime SavedAt { get; set; }

    /// <summary>Bumped on every save, so two administrators saving the same draft do not overwrite each other unknowingly.</summary>
    public int Revision { get; set; }
}
