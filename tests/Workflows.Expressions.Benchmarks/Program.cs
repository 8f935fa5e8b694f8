using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Expressions;

// Evaluations per second of a typical gateway condition: ours (compiled once, one thread) and
// feelin in Node on the same cases. Run from the repository root:
//   dotnet run -c Release --project tests/Workflows.Expressions.Benchmarks
const string Expression = "form.requestedArea >= 300 and applicant.level = \"county\"";
var seconds = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 3.0;
var now = new DateTimeOffset(2026, 3, 15, 10, 30, 0, TimeSpan.FromHours(8));

var cases = new[]
{
    """{"form":{"requestedArea":350,"name":"和平社区服务中心"},"applicant":{"level":"county","unit":"和平社区"}}""",
    """{"form":{"requestedArea":120,"name":"东风村"},"applicant":{"level":"county","unit":"东风村"}}""",
    """{"form":{"requestedArea":800,"name":"城关街道"},"applicant":{"level":"city","unit":"城关街道"}}""",
    """{"form":{"requestedArea":300},"applicant":{"level":"county"}}""",
};

var compilation = Feel.Compile(Expression);
if (!compilation.Succeeded)
{
    Console.Error.WriteLine(compilation.Error);
    return 1;
}

var expression = compilation.Expression!;
var contexts = cases.Select(c => FeelContext.FromJson(JsonDocument.Parse(c).RootElement, now)).ToArray();
var ours = contexts.Select(c => expression.Evaluate(c).Value.ToJson()?.ToJsonString() ?? "null").ToArray();

Console.WriteLine($"Expression: {Expression}");
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");

var compiledOnce = Measure(seconds, i => expression.Evaluate(contexts[i & 3]));
Console.WriteLine($"ours, compiled once, variables converted once:  {compiledOnce,14:N0} evaluations/s");

var documents = cases.Select(c => JsonDocument.Parse(c).RootElement).ToArray();
var withContext = Measure(seconds, i => expression.Evaluate(FeelContext.FromJson(documents[i & 3], now)));
Console.WriteLine($"ours, compiled once, variables converted each time: {withContext,10:N0} evaluations/s");

var fromSource = Measure(seconds, i => Feel.Compile(Expression).Expression!.Evaluate(contexts[i & 3]));
Console.WriteLine($"ours, cache lookup by source text each time:  {fromSource,14:N0} evaluations/s");

var feelin = RunFeelin(cases, seconds);
if (feelin is null)
{
    Console.WriteLine("feelin: not measured (run `npm ci` in tests/Workflows.Expressions.Benchmarks; Node is needed)");
    return 0;
}

Console.WriteLine($"feelin 8.2.0 in Node {feelin.Value.Node}:           {feelin.Value.PerSecond,14:N0} evaluations/s");
Console.WriteLine($"ratio (compiled once / feelin):  {compiledOnce / feelin.Value.PerSecond:N0}x");
var agree = ours.SequenceEqual(feelin.Value.Results);
Console.WriteLine($"same answers on all {cases.Length} cases: {(agree ? "yes" : "NO")} (ours {string.Join(", ", ours)}; feelin {string.Join(", ", feelin.Value.Results)})");
return agree ? 0 : 2;

static double Measure(double seconds, Action<int> evaluate)
{
    // Warm up so that the measured loop runs fully optimised code.
    for (var i = 0; i < 200_000; i++)
    {
        evaluate(i);
    }

    var watch = Stopwatch.StartNew();
    long count = 0;
    while (watch.Elapsed.TotalSeconds < seconds)
    {
        for (var i = 0; i < 10_000; i++)
        {
            evaluate(i);
        }

        count += 10_000;
    }

    return count / watch.Elapsed.TotalSeconds;
}

static (double PerSecond, string[] Results, string Node)? RunFeelin(string[] cases, double seconds)
{
    var folder = Path.Combine(AppContext.BaseDirectory, "..", "..", "..");
    if (!Directory.Exists(Path.Combine(folder, "node_modules", "feelin")))
    {
        return null;
    }

    var start = new ProcessStartInfo("node", "feelin-benchmark.mjs")
    {
        WorkingDirectory = folder,
        RedirectStandardInput = true,
        RedirectStandardOutput = true,
        UseShellExecute = false,
    };
    using var process = Process.Start(start)!;
    var request = new JsonObject
    {
        ["expression"] = Expression,
        ["contexts"] = new JsonArray(cases.Select(c => JsonNode.Parse(c)).ToArray()),
        ["seconds"] = seconds,
    };
    process.StandardInput.Write(request.ToJsonString());
    process.StandardInput.Close();
    var output = JsonNode.Parse(process.StandardOutput.ReadToEnd())!;
    process.WaitForExit();
    var version = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true })!;
    var node = version.StandardOutput.ReadToEnd().Trim();
    return ((double)output["perSecond"]!, output["results"]!.AsArray().Select(r => r?.ToJsonString() ?? "null").ToArray(), node);
}
