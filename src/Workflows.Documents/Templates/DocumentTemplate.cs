using System.Text.Json;
using System.Text.Json.Serialization;
using Workflows.Documents.Applications;
using Workflows.Documents.Official;
using Workflows.Documents.Reports;
using Workflows.Documents.Training;

namespace Workflows.Documents.Templates;

/// <summary>
/// A document template as data: which kind of document, and the texts to put in it with
/// <c>{{path}}</c> placeholders. Templates are versioned JSON, so administrators can change a
/// wording without a release; the layout rules of each kind live in code.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(OfficialDocumentTemplate), "official")]
[JsonDerivedType(typeof(CertificateTemplate), "certificate")]
[JsonDerivedType(typeof(AttendanceRegisterTemplate), "attendanceRegister")]
[JsonDerivedType(typeof(ApplicationPrintoutTemplate), "applicationPrintout")]
[JsonDerivedType(typeof(StatisticalReportTemplate), "statisticalReport")]
public abstract record DocumentTemplate
{
    public required string Id { get; init; }
    public int Version { get; init; } = 1;

    /// <summary>What administrators see in the template list, e.g. 批复.</summary>
    public required string Name { get; init; }

    /// <summary>
    /// Font roles for the parts of the document, e.g. <c>{"title": "标题", "body": "正文", "heading": "黑体"}</c>.
    /// Templates name roles, never font files; parts not listed use the layout's usual role.
    /// </summary>
    public IReadOnlyDictionary<string, string> Fonts { get; init; } = new Dictionary<string, string>();

    /// <summary>Print the verification QR code and short code when the caller supplies one.</summary>
    public bool ShowVerification { get; init; } = true;

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        AllowOutOfOrderMetadataProperties = true,
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static DocumentTemplate FromJson(string json) =>
        JsonSerializer.Deserialize<DocumentTemplate>(json, JsonOptions)
        ?? throw new TemplateException("(unnamed)", null, "the template JSON is empty");

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}

/// <summary>A label and the text shown for it (a table row in a certificate or a form printout).</summary>
public sealed record LabelledValue(string Label, string Value);

/// <summary>A table column: its heading, the text of each cell (placeholders relative to the row) and its relative width.</summary>
public sealed record TableColumn(string Header, string Value, double Width = 1, string Align = "left");
