namespace Workflows.Server.Documents;

/// <summary>The document settings, read from the <c>Workflows</c> section.</summary>
public sealed class DocumentOptions
{
    /// <summary>The address people outside reach the server at; the QR code on every document points under it.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>The 文号 pattern of a unit that has none of its own.</summary>
    public string DocumentNumberPattern { get; set; } = "{unitAbbr}民发〔{year}〕{seq}号";

    /// <summary>Uploads to the public "is this file genuine?" check allowed per client address and minute.</summary>
    public int VerificationUploadsPerMinute { get; set; } = 20;

    /// <summary>Where the document store keeps files: <c>&lt;DataDirectory&gt;/documents</c>.</summary>
    public string DocumentStoreDirectory { get; set; } = "";

    /// <summary>The verification page of a document, e.g. <c>https://mz.example/verify/7KQ2M8XD</c>.</summary>
    public string VerificationUrl(string code) => PublicBaseUrl.TrimEnd('/') + "/verify/" + code;
}
