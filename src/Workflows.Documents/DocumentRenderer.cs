using System.Text.Json;
using Workflows.Documents.Applications;
using Workflows.Documents.Fonts;
using Workflows.Documents.Official;
using Workflows.Documents.Reports;
using Workflows.Documents.Templates;
using Workflows.Documents.Training;
using Workflows.Documents.Verification;
using Workflows.Pdf.Images;
using Workflows.Pdf.Objects;

namespace Workflows.Documents;

/// <summary>What a caller adds to a template and its data: fonts, the issuing unit's seal, a verification link.</summary>
public sealed record RenderOptions
{
    /// <summary>Fonts by role; the shipped fonts unless an administrator uploaded others.</summary>
    public FontRegistry? Fonts { get; init; }

    /// <summary>The red seal drawn over the issuer and date of an official document (PNG with transparency).</summary>
    public PdfImage? Seal { get; init; }

    /// <summary>QR code target and short code leading to the public verification page.</summary>
    public VerificationMark? Verification { get; init; }

    /// <summary>Recorded as the PDF's creation date; omitted when null so the same input gives the same bytes.</summary>
    public DateTimeOffset? Created { get; init; }
}

/// <summary>Fills a template with data and writes the PDF.</summary>
public static class DocumentRenderer
{
    public static byte[] Render(DocumentTemplate template, JsonElement data, RenderOptions? options = null)
    {
        using var output = new MemoryStream(32 * 1024);
        Render(template, data, output, options);
        return output.ToArray();
    }

    public static void Render(DocumentTemplate template, JsonElement data, Stream output, RenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        options ??= new RenderOptions();
        var model = new DocumentModel(data, $"{template.Id} v{template.Version}");
        var context = new RenderContext(options.Fonts ?? FontRegistry.Default, options, template.ShowVerification ? options.Verification : null, template);
        // Check font roles and fill every text before writing a byte, so a template error leaves no half-written file behind.
        foreach (var part in template.Fonts.Keys)
        {
            context.Font(part, FontRole.Body);
        }
        Action<PdfDocument> write = template switch
        {
            OfficialDocumentTemplate official => OfficialDocumentLayout.Prepare(official, model, context),
            CertificateTemplate certificate => CertificateLayout.Prepare(certificate, model, context),
            AttendanceRegisterTemplate register => AttendanceRegisterLayout.Prepare(register, model, context),
            ApplicationPrintoutTemplate printout => ApplicationPrintoutLayout.Prepare(printout, model, context),
            StatisticalReportTemplate report => StatisticalReportLayout.Prepare(report, model, context),
            _ => throw new TemplateException(template.Id, null, $"kind {template.GetType().Name} has no layout"),
        };
        var title = model.Fill(TitleOf(template));
        using var document = new PdfDocument(output, new PdfInfo(title, Created: options.Created));
        write(document);
        document.Close();
    }

    private static string TitleOf(DocumentTemplate template) => template switch
    {
        OfficialDocumentTemplate official => official.Title,
        CertificateTemplate certificate => certificate.Title,
        AttendanceRegisterTemplate register => register.Title,
        ApplicationPrintoutTemplate printout => printout.Title,
        StatisticalReportTemplate report => report.Title,
        _ => template.Name,
    };
}

/// <summary>What every layout needs besides its template and data.</summary>
internal sealed record RenderContext(FontRegistry Fonts, RenderOptions Options, VerificationMark? Verification, DocumentTemplate Template)
{
    /// <summary>
    /// The fonts for a part of the document (title, body, heading …): the role the template names
    /// for it in its <c>fonts</c> map, or the layout's usual role.
    /// </summary>
    public Workflows.Pdf.Fonts.FontChain Font(string part, FontRole usual)
    {
        if (!Template.Fonts.TryGetValue(part, out var name))
        {
            return Fonts[usual];
        }
        try
        {
            return Fonts[FontRoles.Parse(name)];
        }
        catch (ArgumentException error)
        {
            throw new TemplateException(Template.Id, null, $"fonts.{part}: {error.Message}");
        }
    }
}
