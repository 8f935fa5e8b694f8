using Workflows.Documents.Templates;

namespace Workflows.Documents.Applications;

/// <summary>A titled group of fields in the printout.</summary>
public sealed record PrintoutSection(string Heading, IReadOnlyList<LabelledValue> Fields);

/// <summary>How one review (审核意见) is read from an item of the reviews list.</summary>
public sealed record ReviewFields(string Level, string Opinion, string Signer, string Date);

/// <summary>
/// 申报表: a submitted application printed as tables, every field, followed by each review
/// level's opinion, signer and date.
/// </summary>
public sealed record ApplicationPrintoutTemplate : DocumentTemplate
{
    public required string Title { get; init; }

    /// <summary>A line under the title (申报单位, 申报编号, 申报日期).</summary>
    public string? Subtitle { get; init; }

    /// <summary>Fields named explicitly.</summary>
    public IReadOnlyList<PrintoutSection> Sections { get; init; } = [];

    /// <summary>Path to the submitted form values: every field there is printed, so a form change needs no template change.</summary>
    public string? Form { get; init; }

    /// <summary>Heading over the form's fields.</summary>
    public string FormHeading { get; init; } = "申报内容";

    /// <summary>Path to a map from field key to label (the form definition's labels).</summary>
    public string? Labels { get; init; }

    /// <summary>Path to the list of reviews, one per level.</summary>
    public string? Reviews { get; init; }

    public ReviewFields Review { get; init; } = new("{{level}}", "{{opinion}}", "{{signer}}", "{{date|date}}");
}
