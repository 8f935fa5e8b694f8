using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using QRCoder;
using Workflows.Documents;
using Workflows.Documents.Fonts;
using Workflows.Documents.Templates;
using Workflows.Documents.Tests;
using Workflows.Documents.Verification;

// Measures document generation on one thread: one-page training certificates (Chinese text, a
// table, a QR code), a 200-page register, and the same certificate made by pdfkit for reference.
// Run: dotnet run -c Release --project tests/Workflows.Pdf.Benchmarks [-- seconds]
var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 5;
Thread.CurrentThread.Priority = ThreadPriority.Highest;

var clock = Stopwatch.StartNew();
var fonts = FontRegistry.Default;
_ = fonts[FontRole.Body];
Console.WriteLine($"Font registry (4 faces parsed once): {clock.ElapsedMilliseconds} ms");

var template = TemplateLibrary.Get("training-certificate");
var data = Samples.Certificate();
var verification = new VerificationMark("https://workflows.example.org/v/7KQ2-M8XD", "7KQ2-M8XD");
var options = new RenderOptions { Fonts = fonts, Verification = verification };
MeasureCertificates("Certificates, 4 faces (标题, 楷体, 正文, 黑体), one thread", options);
// One face for every role, to compare with single-font figures of other libraries.
var serifOnly = fonts.With(FontRole.Title, fonts.Serif).With(FontRole.Kaiti, fonts.Serif).With(FontRole.Heiti, fonts.Serif);
MeasureCertificates("Certificates, 1 face (Noto Serif SC), one thread", options with { Fonts = serifOnly });

void MeasureCertificates(string label, RenderOptions settings)
{
    // Warm up for a second so the JIT has tiered the hot paths, then time three rounds: on a
    // shared machine the rounds differ, and the spread is part of the result.
    clock.Restart();
    while (clock.Elapsed.TotalSeconds < 1)
    {
        DocumentRenderer.Render(template, data, settings);
    }
    var size = 0;
    var rates = new List<double>();
    for (var round = 0; round < 3; round++)
    {
        var count = 0;
        clock.Restart();
        while (clock.Elapsed.TotalSeconds < seconds / 3)
        {
            size = DocumentRenderer.Render(template, data, settings).Length;
            count++;
        }
        rates.Add(count / clock.Elapsed.TotalSeconds);
    }
    rates.Sort();
    Console.WriteLine($"{label}: median {rates[1]:0} documents/s (rounds {string.Join(", ", rates.Select(r => r.ToString("0", CultureInfo.InvariantCulture)))}), {size / 1024.0:0.0} KB each");
}

var register = TemplateLibrary.Get("training-attendance-register");
var roster = Samples.Register(6_200);
DocumentRenderer.Render(register, roster, options);
var reportTimes = new List<TimeSpan>();
var report = Array.Empty<byte>();
for (var round = 0; round < 3; round++)
{
    clock.Restart();
    report = DocumentRenderer.Render(register, roster, options);
    reportTimes.Add(clock.Elapsed);
}
reportTimes.Sort();
var reportTime = reportTimes[1];
var pages = Encoding.Latin1.GetString(report).Split("/Type/Page/").Length - 1;
Console.WriteLine($"Register of 6,200 attendees: {pages} pages in {reportTime.TotalMilliseconds:0} ms (median of 3; fastest {reportTimes[0].TotalMilliseconds:0} ms), {report.Length / 1024.0:0} KB");

RunPdfkit(seconds);

void RunPdfkit(double limit)
{
    var folder = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "pdfkit"));
    if (!Directory.Exists(Path.Combine(folder, "node_modules", "pdfkit")))
    {
        Console.WriteLine($"pdfkit: not installed (run 'npm ci' in {folder}); skipped");
        return;
    }
    var model = new DocumentModel(data, "benchmark");
    var certificate = (Workflows.Documents.Training.CertificateTemplate)template;
    using var generator = new QRCodeGenerator();
    using var qr = generator.CreateQrCode(verification.Url, QRCodeGenerator.ECCLevel.M);
    var fontFolder = Path.Combine(AppContext.BaseDirectory, "fonts");
    var kaiti = File.Exists(Path.Combine(fontFolder, "LXGWWenKai-Regular.ttf")) ? "LXGWWenKai-Regular.ttf" : "NotoSerifSC-Regular.ttf";
    var input = new
    {
        seconds = limit,
        number = model.Fill(certificate.Number),
        title = certificate.Title,
        body = model.Fill(certificate.Body),
        details = certificate.Details.Select(d => new[] { model.Fill(d.Label), model.Fill(d.Value) }).ToArray(),
        issuer = model.Fill(certificate.Issuer),
        date = model.Fill(certificate.Date),
        code = verification.Code,
        qr = qr.ModuleMatrix.Select(row => string.Concat(row.Cast<bool>().Select(b => b ? '1' : '0'))).ToArray(),
        fonts = new Dictionary<string, string>
        {
            ["title"] = Path.Combine(fontFolder, "NotoSerifSC-Bold.ttf"),
            ["kaiti"] = Path.Combine(fontFolder, kaiti),
            ["body"] = Path.Combine(fontFolder, "NotoSerifSC-Regular.ttf"),
            ["heiti"] = Path.Combine(fontFolder, "NotoSansSC-Regular.ttf"),
        },
    };
    var file = Path.GetTempFileName();
    File.WriteAllText(file, JsonSerializer.Serialize(input));
    try
    {
        var start = new ProcessStartInfo("node", $"bench.js \"{file}\"") { WorkingDirectory = folder, RedirectStandardOutput = true };
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEnd();
        node.WaitForExit();
        foreach (var result in JsonDocument.Parse(output).RootElement.EnumerateArray())
        {
            Console.WriteLine($"{result.GetProperty("label").GetString()}: {result.GetProperty("documents").GetInt32()} documents = " +
                $"{result.GetProperty("perSecond").GetDouble():0} documents/s, {result.GetProperty("bytes").GetInt32() / 1024.0:0.0} KB each");
        }
    }
    finally
    {
        File.Delete(file);
    }
}
