using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Server.Seeding;

namespace Workflows.Web.Tests.Infrastructure;

/// <summary>
/// The whole server on a real loopback port (a browser cannot reach the in-memory test server), on
/// a fresh SQLite database in a temporary folder, seeded with the demo organisation and users.
/// </summary>
public sealed class WebServer : WebApplicationFactory<Program>
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("workflows-web-test-").FullName;

    public WebServer()
    {
        // Port 0: Kestrel picks a free port. Must be set here, not in WithWebHostBuilder.
        UseKestrel(0);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development the framework's and MudBlazor's files are found only through this manifest.
        builder.UseStaticWebAssets();
        var settings = new Dictionary<string, string?>
        {
            ["Workflows:DataDirectory"] = _dataDirectory,
            ["Workflows:SeedDemoData"] = "true",
            ["Workflows:SignInAttemptsPerMinute"] = "10000",
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = "",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Critical",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Error",
            ["Workflows:BackgroundJobs:Enabled"] = "false",
        };
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
            // Password hashing is deliberately slow; the tests do not need it to be.
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1000));
    }

    /// <summary>Where the browser goes, e.g. http://127.0.0.1:40123.</summary>
    public string BaseUrl
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return address.Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1").Replace("localhost", "127.0.0.1").TrimEnd('/');
        }
    }

    /// <summary>An API client signed in (by cookie) as one of the demo users.</summary>
    public async Task<HttpClient> ApiAsAsync(string userName)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true }) { BaseAddress = new Uri(BaseUrl) };
        var response = await client.PostAsJsonAsync("/api/v1/account/sign-in", new { userName, password = DemoData.Password });
        response.EnsureSuccessStatusCode();
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }
}
