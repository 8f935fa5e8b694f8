using System.Text.Json.Nodes;
using Workflows.Forms.Options;

namespace Workflows.Forms.Validation;

/// <summary>Submit checks everything and returns what the browser would submit; a draft checks types only.</summary>
public enum SubmissionMode
{
    Submit,
    Draft,
}

/// <summary>Limits checked before any other work, so oversized or hostile input is refused quickly.</summary>
public sealed record SubmissionLimits
{
    /// <summary>Largest submission, in UTF-8 bytes.</summary>
    public int MaxBytes { get; init; } = 2 * 1024 * 1024;

    /// <summary>Deepest JSON nesting accepted.</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>Most rows in one dynamic list (a list's custom property <c>maxRows</c> may lower it).</summary>
    public int MaxRowsPerList { get; init; } = 500;

    /// <summary>Longest single text value, in characters.</summary>
    public int MaxTextLength { get; init; } = 100_000;

    /// <summary>Most values selected in one checklist or taglist.</summary>
    public int MaxSelections { get; init; } = 1_000;

    public static SubmissionLimits Default { get; } = new();
}

/// <summary>What the caller knows besides the submission itself.</summary>
public sealed record SubmissionOptions
{
    public SubmissionMode Mode { get; init; } = SubmissionMode.Submit;

    /// <summary>The instant today() and now() return, and against which past dates are judged.</summary>
    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>
    /// The data the form was opened with (form-js <c>importSchema(schema, data)</c>): prefilled values
    /// and variables that expressions may read. The browser evaluates with this merged under the form's data.
    /// </summary>
    public JsonObject? InitialData { get; init; }

    /// <summary>Server-side option lists that <c>valuesKey</c> names.</summary>
    public IOptionLists? OptionLists { get; init; }

    public SubmissionLimits Limits { get; init; } = SubmissionLimits.Default;
}

/// <summary>The cleaned data (what is stored), with errors that block and warnings that inform.</summary>
public sealed record SubmissionResult(JsonObject Data, IReadOnlyList<FormIssue> Errors, IReadOnlyList<FormIssue> Warnings)
{
    public bool IsValid => Errors.Count == 0;

    /// <summary>Paths of the fields and lists hidden by their conditions (their values are not in <see cref="Data"/>).</summary>
    public IReadOnlyList<string> Hidden { get; init; } = [];
}
