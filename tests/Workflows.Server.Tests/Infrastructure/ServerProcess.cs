using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using Workflows.Server.Seeding;

namespace Workflows.Server.Tests.Infrastructure;

/// <summary>
/// The built server (<c>Workflows.Server.dll</c>) run as a child process on a database of its own
/// (a SQLite file in a temporary folder, or a fresh PostgreSQL database when the tests run on
/// PostgreSQL) with the named test workflows deployed, with its background jobs on, e-mail to a test SMTP server and the test clock
/// switched on. It can be killed and started again on the same database.
/// </summary>
public sealed class ServerProcess(int smtpPort, params string[] workflows) : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("workflows-process-").FullName;
    private readonly string? _postgres = Environment.GetEnvironmentVariable("WORKFLOWS_TEST_PROVIDER")?.Equals("PostgreSql", StringComparison.OrdinalIgnoreCase) == true
        ? new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("WORKFLOWS_TEST_POSTGRES")) { Database = "workflows_process_" + Guid.NewGuid().ToString("N")[..10] }.ToString()
        : null;
    private readonly StringBuilder _log = new();
    private Process? _process;

    public Uri? Address { get; private set; }

    /// <summary>What the processes wrote, for a failing test's output.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public async Task StartAsync()
    {
        // Only the workflows the test names are deployed.
        var workflowsFolder = Directory.CreateDirectory(Path.Combine(_folder, "workflows")).FullName;
        foreach (var workflow in workflows)
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, "Workflows", workflow + ".bpmn"), Path.Combine(workflowsFolder, workflow + ".bpmn"), overwrite: true);
        }
        var port = FreePort();
        Address = new Uri($"http://127.0.0.1:{port}");
        var dll = ServerDll();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var (key, value) in Settings(port))
        {
            start.ArgumentList.Add($"--{key}={value}");
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["DOTNET_gcServer"] = "0";
        var process = Process.Start(start) ?? throw new InvalidOperationException("the server did not start");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        Append($"--- started process {process.Id} on {Address}");

        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the server stopped with exit code {process.ExitCode}:\n{Log}");
            }
            try
            {
                if ((await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            if (deadline.Elapsed > TimeSpan.FromSeconds(120))
            {
                throw new TimeoutException($"the server was not ready in two minutes:\n{Log}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, nothing is flushed.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Append($"--- killed process {process.Id}");
        }
    }

    public async Task<HttpClient> SignInAsync(string userName)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = Address };
        (await client.PostAsJsonAsync("/api/v1/account/sign-in", new { userName, password = DemoData.Password })).EnsureSuccessStatusCode();
        return client;
    }

    public async Task<long> CountAsync(string sql)
    {
        await using var connection = Connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public async Task<List<string>> StringsAsync(string sql)
    {
        await using var connection = Connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(Convert.ToString(reader.GetValue(0))!);
        }
        return values;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = Connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Polls the database until a count is as wanted; returns the last count.</summary>
    public async Task<long> WaitForAsync(string sql, Func<long, bool> wanted, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var count = await CountAsync(sql);
            if (wanted(count))
            {
                return count;
            }
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"still {count} after {timeout.TotalSeconds} s: {sql}");
            }
            await Task.Delay(5);
        }
    }

    private IDictionary<string, string> Settings(int port) => new Dictionary<string, string>
    {
        ["urls"] = $"http://127.0.0.1:{port}",
        ["Workflows:DataDirectory"] = _folder,
        ["Workflows:SeedDemoData"] = "true",
        ["Workflows:WorkflowsDirectory"] = Path.Combine(_folder, "workflows"),
        ["Workflows:BackgroundJobs:Enabled"] = "true",
        ["Workflows:BackgroundJobs:PollSeconds"] = "1",
        ["Workflows:TestClock:Enabled"] = "true",
        ["Workflows:TestClock:Start"] = "2026-11-23T08:00:00Z",
        ["Workflows:Smtp:Host"] = "127.0.0.1",
        ["Workflows:Smtp:Port"] = smtpPort.ToString(),
        ["Workflows:Smtp:Security"] = "None",
        ["Workflows:Smtp:From"] = "noreply@workflows.test",
        ["Workflows:SignInAttemptsPerMinute"] = "10000",
        ["Database:Provider"] = _postgres is null ? "Sqlite" : "PostgreSql",
        ["Database:ConnectionString"] = _postgres ?? "",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Critical",
    };

    private DbConnection Connect() => _postgres is null
        ? new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "workflows.db"), DefaultTimeout = 30 }.ToString())
        : new NpgsqlConnection(_postgres);

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    /// <summary>The server built beside this test project, in the same configuration.</summary>
    private static string ServerDll()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = here.Parent!.Name;
        var framework = here.Name;
        for (var dir = here; dir is not null; dir = dir.Parent)
        {
            var dll = Path.Combine(dir.FullName, "src", "Workflows.Server", "bin", configuration, framework, "Workflows.Server.dll");
            if (File.Exists(dll))
            {
                return dll;
            }
        }
        throw new FileNotFoundException("Workflows.Server.dll not found beside the tests; build the solution first.");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        if (_postgres is not null)
        {
            NpgsqlConnection.ClearAllPools();
            var builder = new NpgsqlConnectionStringBuilder(_postgres);
            var database = builder.Database;
            builder.Database = "postgres";
            await using var connection = new NpgsqlConnection(builder.ToString());
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)";
            await command.ExecuteNonQueryAsync();
        }
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
