using Workflows.Forms.Attachments;

namespace Workflows.Server.Forms;

/// <summary>The <c>Workflows:Forms</c> section of the configuration.</summary>
public sealed class FormsOptions
{
    public const string Section = "Workflows:Forms";

    /// <summary>Folder of the shipped <c>*.form.json</c> files (and <c>rulesets/</c>); empty means beside the program, else the repository's <c>forms/</c>.</summary>
    public string? Directory { get; set; }

    /// <summary>Folder for uploaded files; relative to the data directory.</summary>
    public string AttachmentsDirectory { get; set; } = "attachments";

    public int MaxFileMegabytes { get; set; } = 20;

    public int MaxFilesPerField { get; set; } = 10;

    public int MaxFilesPerForm { get; set; } = 30;

    public int MaxMegabytesPerForm { get; set; } = 100;

    /// <summary>
    /// Which workflow each form starts, and how the case is titled. Placeholders: <c>{unit}</c> (the
    /// applicant unit with its county, e.g. 肇东市东升社区), <c>{field}</c> (a value), <c>{field:label}</c>
    /// (the chosen option's label). Entries here replace or add to the shipped ones.
    /// </summary>
    public Dictionary<string, FormWorkflow> Workflows { get; set; } = new(StringComparer.Ordinal);

    public static readonly IReadOnlyDictionary<string, FormWorkflow> Shipped = new Dictionary<string, FormWorkflow>(StringComparer.Ordinal)
    {
        ["facility-application"] = new() { ProcessId = "facility-application", Title = "{unit} {facility_kind:label}建设申请" },
        ["pilot-application"] = new() { ProcessId = "pilot-village-application", Title = "{unit} {programme:label}申报" },
        ["training-record"] = new() { ProcessId = "training-record", Title = "{unit} {worker_name} {year}年度培训记录" },
        ["statistical-report"] = new() { ProcessId = "statistical-report", Title = "{unit} {period_year}年度统计报表" },
    };

    public FormWorkflow? WorkflowFor(string formId) =>
        Workflows.TryGetValue(formId, out var configured) && !string.IsNullOrWhiteSpace(configured.ProcessId)
            ? configured
            : Shipped.GetValueOrDefault(formId);

    public AttachmentPolicy Policy => new()
    {
        MaxFileBytes = MaxFileMegabytes * 1024L * 1024,
        MaxFilesPerField = MaxFilesPerField,
        MaxFilesPerForm = MaxFilesPerForm,
        MaxBytesPerForm = MaxMegabytesPerForm * 1024L * 1024,
    };
}

/// <summary>The workflow a form starts and the title template of its cases.</summary>
public sealed class FormWorkflow
{
    public string ProcessId { get; set; } = "";

    public string Title { get; set; } = "{unit} {form}";
}
