using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Workflows.Data;
using Workflows.Data.Storage;
using Workflows.Server.Inbox;
using Workflows.Server.Runtime;
using Workflows.Server.Security;

// The runtime benchmark: the three-level approval (start, county, city, province) through the
// runtime without HTTP and through the authenticated HTTP API, and the inbox's first page with a
// million tasks. Usage:
//   dotnet run -c Release --project tests/Workflows.Runtime.Benchmarks -- [sqlite|postgres] [instances] [inboxTasks]
// For postgres set WORKFLOWS_BENCH_POSTGRES="Host=127.0.0.1;Port=5432;Username=postgres".
internal static class RuntimeBenchmark
{
    public static async Task Main(string[] args)
    {
        var provider = args.ElementAtOrDefault(0) ?? "sqlite";
        var instances = int.Parse(args.ElementAtOrDefault(1) ?? "300");
        var inboxTasks = int.Parse(args.ElementAtOrDefault(2) ?? "1000000");
        var concurrency = int.Parse(args.ElementAtOrDefault(3) ?? "1");

        await using var host = new BenchmarkHost(provider);
        RowStatistics.Enabled = true;
        var only = Environment.GetEnvironmentVariable("WORKFLOWS_BENCH_ONLY");
        var client = host.CreateClient();
        Console.WriteLine($"provider: {provider}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");

        await Runtime(host, Math.Max(50, instances / 2), 1, warmUp: true);
        if (Environment.GetEnvironmentVariable("WORKFLOWS_BENCH_SQL") == "1")
        {
            // One case's SQL, to see what each action sends.
            host.Sql.Captured = new();
            await Runtime(host, 1, 1, warmUp: true);
            foreach (var line in host.Sql.Captured)
            {
                Console.WriteLine(line.Length > 400 ? line[..400] : line);
            }
            host.Sql.Captured = null;
        }
        if (Environment.GetEnvironmentVariable("WORKFLOWS_BENCH_ALLOCATIONS") == "1")
        {
            using var sampler = new AllocationSampler { Recording = true };
            await Runtime(host, 200, 1, warmUp: true);
            sampler.Recording = false;
            foreach (var (type, samples) in sampler.ByType.OrderByDescending(t => t.Value).Take(40))
            {
                Console.WriteLine($"{samples,6} samples  {type}");
            }
        }
        foreach (var workers in concurrency == 1 ? [1] : new[] { 1, concurrency })
        {
            if (only != "http")
            {
                await Runtime(host, instances, workers, warmUp: false);
            }
        }
        if (only == "runtime")
        {
            return;
        }
        await Http(host, Math.Max(50, instances / 2), 1, warmUp: true);
        foreach (var workers in concurrency == 1 ? [1] : new[] { 1, concurrency })
        {
            await Http(host, instances, workers, warmUp: false);
        }
        if (inboxTasks > 0)
        {
            await Inbox(host, inboxTasks);
        }
    }

    private static async Task Runtime(BenchmarkHost host, int count, int workers, bool warmUp)
    {
        var applicantUnit = await host.WithDb(db => db.Units.Where(u => u.Code == "231282001001").Select(u => u.Id).SingleAsync());
        var applicant = await host.Caller("dongsheng");
        var approvers = new[] { await host.Caller("zhaodong.approver"), await host.Caller("suihua.approver"), await host.Caller("hlj.approver") };
        var starts = new List<double>();
        var completes = new List<double>();
        host.Sql.Reset();
        RowStatistics.Reset();
        MarkCommits(host);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes();
        var total = Stopwatch.StartNew();
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = workers }, async (i, _) =>
        {
            var watch = Stopwatch.StartNew();
            Guid taskId;
            await using (var scope = host.Services.CreateAsyncScope())
            {
                var outcome = await scope.ServiceProvider.GetRequiredService<WorkflowRuntime>().StartAsync(
                    new StartRequest("test-three-level", applicantUnit, null, $"基准 {i}", new Dictionary<string, JsonElement>()),
                    new Actor(applicant.UserId, applicant.DisplayName, null));
                taskId = outcome.CreatedTasks[0].Id;
            }
            lock (starts)
            {
                starts.Add(watch.Elapsed.TotalMilliseconds);
            }
            foreach (var approver in approvers)
            {
                watch.Restart();
                await using var scope = host.Services.CreateAsyncScope();
                var (result, failure) = await scope.ServiceProvider.GetRequiredService<TaskActions>()
                    .CompleteAsync(taskId, new CompleteTaskRequest("approve", null, null, null), approver, null);
                if (failure is not null)
                {
                    throw new InvalidOperationException(failure.Message.En);
                }
                lock (completes)
                {
                    completes.Add(watch.Elapsed.TotalMilliseconds);
                }
                taskId = result!.NextTasks.FirstOrDefault()?.Id ?? Guid.Empty;
            }
        });
        if (!warmUp)
        {
            Report($"runtime, no HTTP, {workers} at once", count, total.Elapsed, starts, completes, host.Sql,
                Process.GetCurrentProcess().TotalProcessorTime - cpu, GC.GetTotalAllocatedBytes() - allocated, Commits(host));
        }
    }

    private static async Task Http(BenchmarkHost host, int count, int workers, bool warmUp)
    {
        var applicant = await host.SignedIn("dongsheng");
        var approvers = new[] { await host.SignedIn("zhaodong.approver"), await host.SignedIn("suihua.approver"), await host.SignedIn("hlj.approver") };
        var starts = new List<double>();
        var completes = new List<double>();
        host.Sql.Reset();
        RowStatistics.Reset();
        MarkCommits(host);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes();
        var total = Stopwatch.StartNew();
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = workers }, async (i, _) =>
        {
            var watch = Stopwatch.StartNew();
            var created = await (await applicant.PostAsJsonAsync("/api/v1/instances", new { processId = "test-three-level", title = $"HTTP 基准 {i}" })).EnsureSuccessStatusCode()
                .Content.ReadFromJsonAsync<JsonElement>();
            lock (starts)
            {
                starts.Add(watch.Elapsed.TotalMilliseconds);
            }
            var taskId = created.GetProperty("openTasks")[0].GetProperty("id").GetGuid();
            foreach (var approver in approvers)
            {
                watch.Restart();
                var done = await (await approver.PostAsJsonAsync($"/api/v1/tasks/{taskId}/complete", new { outcome = "approve" })).EnsureSuccessStatusCode()
                    .Content.ReadFromJsonAsync<JsonElement>();
                lock (completes)
                {
                    completes.Add(watch.Elapsed.TotalMilliseconds);
                }
                var next = done.GetProperty("nextTasks");
                taskId = next.GetArrayLength() > 0 ? next[0].GetProperty("id").GetGuid() : Guid.Empty;
            }
        });
        if (!warmUp)
        {
            Report($"HTTP API (cookie sign-in), {workers} at once", count, total.Elapsed, starts, completes, host.Sql,
                Process.GetCurrentProcess().TotalProcessorTime - cpu, GC.GetTotalAllocatedBytes() - allocated, Commits(host));
        }
    }

    private static async Task Inbox(BenchmarkHost host, int tasks)
    {
        var user = await host.WithDb(db => db.Users.Where(u => u.UserName == "zhaodong.approver").Select(u => u.Id).SingleAsync());
        var fill = Stopwatch.StartNew();
        await host.FillInbox(user, tasks);
        Console.WriteLine($"inbox: {tasks:N0} extra open tasks for zhaodong.approver inserted in {fill.Elapsed.TotalSeconds:F1} s");
        var client = await host.SignedIn("zhaodong.approver");
        var times = new List<double>();
        for (var i = 0; i < 220; i++)
        {
            var watch = Stopwatch.StartNew();
            (await client.GetAsync("/api/v1/tasks?view=todo&pageSize=20")).EnsureSuccessStatusCode();
            if (i >= 20)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }
        times.Sort();
        Console.WriteLine($"inbox first page (20 of {tasks:N0}+), HTTP: p50 {Percentile(times, 0.5):F1} ms, p99 {Percentile(times, 0.99):F1} ms");
        times.Clear();
        for (var i = 0; i < 120; i++)
        {
            var watch = Stopwatch.StartNew();
            (await client.GetAsync("/api/v1/tasks/counts")).EnsureSuccessStatusCode();
            if (i >= 20)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }
        times.Sort();
        Console.WriteLine($"inbox badge counts, HTTP: p50 {Percentile(times, 0.5):F1} ms, p99 {Percentile(times, 0.99):F1} ms");
    }

    private static (long Transactions, long Steps) _committed;

    /// <summary>Remembers the committer's counts at the start of a run.</summary>
    private static void MarkCommits(BenchmarkHost host)
    {
        var committer = host.Services.GetRequiredService<StepCommitter>();
        _committed = (committer.Transactions, committer.Steps);
    }

    private static string Commits(BenchmarkHost host)
    {
        var committer = host.Services.GetRequiredService<StepCommitter>();
        var transactions = committer.Transactions - _committed.Transactions;
        var steps = committer.Steps - _committed.Steps;
        return transactions == 0 ? "" : $"; {steps / (double)transactions:F1} steps per commit";
    }

    private static void Report(string what, int count, TimeSpan elapsed, List<double> starts, List<double> completes, SqlCounter sql, TimeSpan cpu, long allocated,
        string commits = "")
    {
        starts.Sort();
        completes.Sort();
        var actions = count * 4;
        Console.WriteLine($"{what}: {count} instances in {elapsed.TotalSeconds:F1} s = {count / elapsed.TotalSeconds:F0} instances/s " +
                          $"({actions / elapsed.TotalSeconds:F0} actions/s); start p50 {Percentile(starts, 0.5):F2} ms p99 {Percentile(starts, 0.99):F2} ms; " +
                          $"approve p50 {Percentile(completes, 0.5):F2} ms p99 {Percentile(completes, 0.99):F2} ms; " +
                          $"{(double)(sql.Commands + RowStatistics.Commands) / actions:F1} SQL commands and {(sql.Time + RowStatistics.Time).TotalMilliseconds / actions:F2} ms in SQL per action; " +
                          $"{cpu.TotalMilliseconds / actions:F2} ms CPU (this process, all threads) and {allocated / 1024.0 / actions:F0} KB allocated per action{commits}; load average {LoadAverage()}");
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
}

/// <summary>The whole server on a loopback port, with its own fresh database and the demo data.</summary>
internal sealed class BenchmarkHost : WebApplicationFactory<Program>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("workflows-bench-").FullName;
    private readonly string _provider;
    private readonly string? _postgres;

    public SqlCounter Sql { get; } = new();

    public BenchmarkHost(string provider)
    {
        _provider = provider;
        if (provider == "postgres")
        {
            var baseConnection = Environment.GetEnvironmentVariable("WORKFLOWS_BENCH_POSTGRES") ?? throw new InvalidOperationException("set WORKFLOWS_BENCH_POSTGRES");
            _postgres = new NpgsqlConnectionStringBuilder(baseConnection) { Database = "workflows_bench_" + Guid.NewGuid().ToString("N")[..8] }.ToString();
        }
        UseKestrel(0);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Benchmark");
        builder.UseSolutionRelativeContentRoot("src/Workflows.Server");
        builder.UseSetting("Workflows:DataDirectory", _folder);
        builder.UseSetting("Workflows:SignInAttemptsPerMinute", "100000");
        builder.UseSetting("Workflows:BackgroundJobs:Enabled", "false");
        builder.UseSetting("Workflows:WorkflowsDirectory", Path.Combine(AppContext.BaseDirectory, "Workflows"));
        builder.UseSetting("Database:Provider", _provider == "postgres" ? "PostgreSql" : "Sqlite");
        builder.UseSetting("Database:ConnectionString", _postgres ?? "");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Error");
        builder.ConfigureTestServices(services =>
        {
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1000);
            services.ConfigureDbContext<SqliteWorkflowsDbContext>(o => o.AddInterceptors(Sql));
            services.ConfigureDbContext<PostgresWorkflowsDbContext>(o => o.AddInterceptors(Sql));
        });
    }

    public async Task<T> WithDb<T>(Func<WorkflowsDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>());
    }

    public Task<Caller> Caller(string userName) => WithDb(async db =>
        (await CallerAccessor.LoadAsync(db, await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(), TimeProvider.System))!);

    public async Task<HttpClient> SignedIn(string userName)
    {
        var client = CreateClient();
        (await client.PostAsJsonAsync("/api/v1/account/sign-in", new { userName, password = Workflows.Server.Seeding.DemoData.Password })).EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>Adds open tasks offered to one person, in large batches of plain SQL.</summary>
    public async Task FillInbox(Guid user, int count)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        var instance = await db.WorkflowInstances.FirstAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var start = DateTime.UtcNow.AddYears(-1);
        const int batch = 5000;
        for (var done = 0; done < count; done += batch)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using var insertTask = connection.CreateCommand();
            insertTask.Transaction = transaction;
            insertTask.CommandText = "INSERT INTO \"Tasks\" (\"Id\",\"InstanceId\",\"TaskKey\",\"ElementId\",\"Name\",\"Kind\",\"Status\",\"Title\",\"BusinessKey\",\"ProcessId\",\"UnitId\",\"UnitPath\",\"CreatedAt\",\"Revision\") " +
                                     "VALUES (@id,@instance,0,'county','县级审核','Action','Open',@title,@key,'test-three-level',@unit,@path,@created,0)";
            await using var insertCandidate = connection.CreateCommand();
            insertCandidate.Transaction = transaction;
            insertCandidate.CommandText = "INSERT INTO \"TaskCandidates\" (\"TaskId\",\"UserId\",\"Open\",\"CreatedAt\") VALUES (@task,@user,@open,@created)";
            var id = Parameter(insertTask, "@id"); var inst = Parameter(insertTask, "@instance"); var title = Parameter(insertTask, "@title");
            var key = Parameter(insertTask, "@key"); var unit = Parameter(insertTask, "@unit"); var path = Parameter(insertTask, "@path"); var created = Parameter(insertTask, "@created");
            var task = Parameter(insertCandidate, "@task"); var candidate = Parameter(insertCandidate, "@user");
            var open = Parameter(insertCandidate, "@open"); var candidateCreated = Parameter(insertCandidate, "@created");
            open.Value = true;
            for (var i = done; i < Math.Min(count, done + batch); i++)
            {
                var taskId = Guid.NewGuid();
                id.Value = _provider == "postgres" ? taskId : taskId.ToString().ToUpperInvariant();
                inst.Value = _provider == "postgres" ? instance.Id : instance.Id.ToString().ToUpperInvariant();
                title.Value = $"基准待办 {i}";
                key.Value = $"BENCH-{i}";
                unit.Value = _provider == "postgres" ? instance.UnitId : instance.UnitId.ToString().ToUpperInvariant();
                path.Value = instance.UnitPath;
                created.Value = start.AddSeconds(i);
                await insertTask.ExecuteNonQueryAsync();
                task.Value = id.Value;
                candidateCreated.Value = created.Value;
                candidate.Value = _provider == "postgres" ? user : user.ToString().ToUpperInvariant();
                await insertCandidate.ExecuteNonQueryAsync();
            }
            await transaction.CommitAsync();
        }
    }

    private static System.Data.Common.DbParameter Parameter(System.Data.Common.DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await WithDb(async db => await db.Database.EnsureDeletedAsync());
        }
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_folder, true);
        }
        catch (IOException)
        {
        }
    }
}
