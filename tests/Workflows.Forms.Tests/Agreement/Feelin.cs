using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Workflows.Forms.Tests.Agreement;

/// <summary>
/// Runs cases through the viewer model in <c>feelin/browser.mjs</c> (feelin 8.2.0, the interpreter
/// form-js uses), all in one Node process per test run.
/// </summary>
public static class Feelin
{
    public static string Folder => Path.Combine(Support.Repository.TestsFolder, "feelin");

    public static IReadOnlyList<JsonObject> Run(DateTimeOffset now, IReadOnlyList<JsonObject> cases)
    {
        if (!Directory.Exists(Path.Combine(Folder, "node_modules", "feelin")))
        {
            throw new InvalidOperationException($"feelin is not installed: run `npm ci` in {Folder} (these tests compare the server with feelin 8.2.0 under Node)");
        }

        var request = new JsonObject { ["now"] = now.ToString("O"), ["cases"] = new JsonArray(cases.Select(c => (JsonNode)c.DeepClone()).ToArray()) };
        var start = new ProcessStartInfo("node", "browser.mjs")
        {
            WorkingDirectory = Folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start node");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using (var stdin = new StreamWriter(process.StandardInput.BaseStream, new System.Text.UTF8Encoding(false)))
        {
            stdin.Write(request.ToJsonString());
        }

        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            throw new TimeoutException("node browser.mjs did not finish within a minute");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node browser.mjs failed ({process.ExitCode}): {errors.Result}");
        }

        return JsonNode.Parse(output.Result)!.AsArray().Select(r => r!.AsObject()).ToArray();
    }
}
