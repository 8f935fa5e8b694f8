using System.Diagnostics;
using System.Text;
using UglyToad.PdfPig;

namespace Workflows.Pdf.Tests;

/// <summary>
/// Reads generated PDFs back the way a reader would: PdfPig in process, and qpdf and poppler's
/// pdftotext as outside witnesses. A missing tool fails the test: a check that silently
/// skipped would prove nothing.
/// </summary>
public static class PdfChecks
{
    /// <summary>All text of the document as PdfPig extracts it, pages joined, whitespace removed.</summary>
    public static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var text = new StringBuilder();
        foreach (var page in document.GetPages())
        {
            text.Append(page.Text);
        }
        return Squeeze(text.ToString());
    }

    public static string Squeeze(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    /// <summary>Runs qpdf --check, pdffonts and pdftotext; returns pdftotext's text with whitespace removed.</summary>
    public static string CheckWithTools(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"workflows-pdf-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            var (code, output) = Run("qpdf", $"--check \"{path}\"");
            Assert.True(code == 0, $"qpdf --check found errors (exit {code}):\n{output}");
            Assert.Contains("No syntax or stream encoding errors", output);
            var (fontsCode, fonts) = Run("pdffonts", $"\"{path}\"");
            Assert.True(fontsCode == 0, $"pdffonts failed (exit {fontsCode}):\n{fonts}");
            // Every font embedded, subset and with a Unicode map: the columns emb, sub and uni say yes.
            foreach (var line in fonts.Split('\n').Skip(2).Where(l => l.Contains("CID TrueType", StringComparison.Ordinal)))
            {
                Assert.Contains("Identity-H       yes yes yes", line);
            }
            var (textCode, text) = Run("pdftotext", $"-raw -enc UTF-8 \"{path}\" -");
            Assert.True(textCode == 0, $"pdftotext failed (exit {textCode}):\n{text}");
            return Squeeze(text);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static (int Code, string Output) Run(string tool, string arguments)
    {
        var start = new ProcessStartInfo(tool, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException();
        }
        catch (Exception error) when (error is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            Assert.Fail($"{tool} is not installed; the PDF tests need it: apt-get install -y qpdf poppler-utils");
            throw;
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            return (process.ExitCode, stdout.Result + stderr.Result);
        }
    }
}
