using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Workflows.Expressions.Tests.Differential;

/// <summary>Runs all cases through feelin in one Node process (stdin and stdout carry JSON).</summary>
public static class Feelin
{
    public static string Folder => Path.Combine(DifferentialCases.ProjectFolder, "feelin");

    public static IReadOnlyList<JsonNode> Evaluate(IReadOnlyList<DifferentialCase> cases)
    {
        var modules = Path.Combine(Folder, "node_modules", "feelin");
        if (!Directory.Exists(modules))
        {
            throw new InvalidOperationException($"feelin is not installed: run `npm ci` in {Folder} (the differential tests need Node and feelin 8.2.0)");
        }

        var request = new JsonObject
        {
            ["now"] = DifferentialCases.Now.ToString("O"),
            ["cases"] = new JsonArray(cases.Select((c, i) => (JsonNode)new JsonObject
            {
                ["id"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["expression"] = c.Expression,
                ["context"] = c.Context?.DeepClone() ?? new JsonObject(),
                ["unaryTests"] = c.UnaryTests,
                ["input"] = c.Input?.DeepClone(),
            }).ToArray()),
        };

        var start = new ProcessStartInfo("node", "evaluate.mjs")
        {
            WorkingDirectory = Folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        Process? started;
        try
        {
            started = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"cannot start `node` ({e.Message}): the differential tests need Node.js on the PATH, then `npm ci` in {Folder}", e);
        }

        using var process = started ?? throw new InvalidOperationException("cannot start node");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using (var stdin = new StreamWriter(process.StandardInput.BaseStream, new System.Text.UTF8Encoding(false)))
        {
            stdin.Write(request.ToJsonString());
        }

        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            throw new TimeoutException("feelin did not finish within a minute");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node evaluate.mjs failed ({process.ExitCode}): {errors.Result}");
        }

        var results = JsonNode.Parse(output.Result)!.AsArray();
        return results.Select(r => r!["error"] is JsonValue error && error.GetValueKind() == System.Text.Json.JsonValueKind.String
            ? new JsonObject { ["error"] = true }
            : r["value"]!.DeepClone()).ToArray();
    }
}
