// Three-level approval (start > county review > approve/reject > city review > province review > end),
// one instance after another on one thread, one in four rejected at county level. Prints instances per
// second in memory, with the state stored as JSON between commands as the runtime does, the largest
// serialised state, and then the same file in bpmn-engine (Node) when its folder has been installed.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Workflows.Engine;
using Workflows.Engine.Execution;

var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 3.0;
var folder = AppContext.BaseDirectory;
var definition = WorkflowDeployment.Deploy(File.ReadAllText(Path.Combine(folder, "three-level-approval.bpmn"))).Definition
    ?? throw new InvalidOperationException("the benchmark model does not deploy");

var variables = new Dictionary<string, JsonElement>
{
    ["applicant"] = JsonSerializer.SerializeToElement("黑龙江省绥化市庆安县某某社区居民委员会"),
    ["applicationId"] = JsonSerializer.SerializeToElement("FA-2026-000123"),
    ["amount"] = JsonSerializer.SerializeToElement(350000),
};
var now = new DateTimeOffset(2026, 3, 30, 9, 0, 0, TimeSpan.FromHours(8));
var largestState = 0;

InstanceState RunOne(int index, EngineOptions options, bool throughJson)
{
    var state = WorkflowEngine.Execute(definition, null, new StartInstance(variables), now, options).State;
    foreach (var review in new[] { "countyReview", "cityReview", "provinceReview" })
    {
        if (state.Status != InstanceStatus.Active) break;
        if (throughJson)
        {
            var json = StateSerializer.SerializeToUtf8(state);
            largestState = Math.Max(largestState, json.Length);
            state = StateSerializer.Deserialize(System.Text.Encoding.UTF8.GetString(json));
        }
        var outcome = review == "countyReview" && index % 4 == 0 ? "reject" : "approve";
        state = WorkflowEngine.Execute(definition, state, new CompleteUserTask(state.Elements[0].Key, outcome), now, options).State;
    }
    if (state.Status != InstanceStatus.Completed) throw new InvalidOperationException("an instance did not complete");
    return state;
}

(string Label, EngineOptions Options, bool ThroughJson)[] modes =
[
    ("in memory", new EngineOptions { RecordTrace = false }, false),
    ("in memory, recording the trace", EngineOptions.Default, false),
    ("state through JSON between commands", new EngineOptions { RecordTrace = false }, true),
];

// Warm-up: every mode for a while, so tiered compilation has settled before any clock starts.
foreach (var (_, options, throughJson) in modes)
    for (var warm = Stopwatch.StartNew(); warm.Elapsed.TotalSeconds < 1.5;)
        for (var i = 0; i < 1000; i++) RunOne(i, options, throughJson);

Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} cores, one thread, {seconds:0.#} s per mode");
foreach (var (label, options, throughJson) in modes)
{
    var watch = Stopwatch.StartNew();
    var count = 0;
    while (watch.Elapsed.TotalSeconds < seconds)
        for (var i = 0; i < 1000; i++) RunOne(count++, options, throughJson);
    Console.WriteLine($"{label,-48} {count / watch.Elapsed.TotalSeconds,12:N0} instances/s ({count:N0} in {watch.Elapsed.TotalSeconds:0.0} s)");
}
Console.WriteLine($"{"largest serialised state",-48} {largestState,12:N0} bytes");

var nodeFolder = FindNodeFolder(folder);
if (nodeFolder is null || !Directory.Exists(Path.Combine(nodeFolder, "node_modules", "bpmn-engine")))
{
    Console.WriteLine("bpmn-engine: skipped (run `npm ci` in tests/Workflows.Engine.Benchmarks first)");
    return;
}
var node = Process.Start(new ProcessStartInfo("node", "bench.mjs 300") { WorkingDirectory = nodeFolder, RedirectStandardOutput = true })!;
var line = node.StandardOutput.ReadToEnd().Trim();
node.WaitForExit();
using var result = JsonDocument.Parse(line);
Console.WriteLine($"{"bpmn-engine 25 in Node, same file",-48} {result.RootElement.GetProperty("perSecond").GetDouble(),12:N0} instances/s ({result.RootElement.GetProperty("instances").GetInt32()} instances)");

static string? FindNodeFolder(string start)
{
    for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "bench.mjs"))) return dir.FullName;
    return null;
}
