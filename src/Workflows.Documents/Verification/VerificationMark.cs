using Workflows.Pdf.Graphics;
using Workflows.Pdf.Text;

namespace Workflows.Documents.Verification;

/// <summary>
/// The QR code and short code printed on a document so anyone holding the paper can open the
/// public verification page (title, number, issuer, digest). The URL is the server's to make.
/// </summary>
public sealed record VerificationMark(string Url, string Code)
{
    /// <summary>Draws the QR code with the short code under it, in a box <paramref name="size"/> wide.</summary>
    internal void Draw(PdfCanvas canvas, double x, double top, double size, TextStyle style)
    {
        canvas.DrawQrCode(Url, x, top, size);
        var label = "验证码 " + Code;
        var small = style.WithSize(Math.Min(8, size / 9)).WithColor(PdfColor.Black);
        var width = small.Fonts.Primary.MeasureWidth(label, small.Size);
        canvas.DrawText(label, small, x + Math.Max(0, (size - width) / 2), top + size + small.Size);
    }
}
