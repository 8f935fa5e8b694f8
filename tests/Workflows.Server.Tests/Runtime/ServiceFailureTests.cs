using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Data.Runtime;
using Workflows.Server.Runtime;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Runtime;

/// <summary>A server whose notification service always fails, to see retries and the incident.</summary>
public sealed class BrokenNotifyServer : WorkflowsServer
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddScoped<IServiceTaskHandler, BrokenNotify>());
    }

    private sealed class BrokenNotify : IServiceTaskHandler
    {
        public string Type => "notify";

        public Task<ServiceResult> HandleAsync(ServiceCallPayload call, WorkflowInstance instance, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("the mail relay is down");
    }
}

public sealed class ServiceFailureTests(BrokenNotifyServer server) : IClassFixture<BrokenNotifyServer>
{
    [Fact]
    public async Task A_failing_service_is_retried_with_back_off_and_then_becomes_an_incident()
    {
        var applicant = await server.SignInAsync("dongsheng");
        var created = await (await applicant.PostJsonAsync("/api/v1/instances", new { processId = "test-failing-service", title = "服务失败" })).ExpectAsync(HttpStatusCode.Created);
        var id = created.GetProperty("instance").GetProperty("id").GetGuid();
        var outbox = server.Service<OutboxDispatcher>();

        Assert.Equal(1, await outbox.DrainAsync());      // attempt 1 fails
        Assert.Equal(0, await outbox.DrainAsync());      // attempt 2 waits for its back-off
        server.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(1, await outbox.DrainAsync());      // attempt 2 fails
        server.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(1, await outbox.DrainAsync());      // attempt 3 fails: retries used up

        var detail = await Cases.CaseAsync(applicant, id);
        Assert.True(detail.GetProperty("instance").GetProperty("hasIncident").GetBoolean());
        Assert.Contains("relay is down", detail.GetProperty("incidents")[0].GetProperty("message").GetString());
        server.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await outbox.DrainAsync());
    }
}

public sealed class SkippedServiceTests(BrokenNotifyServer server) : IClassFixture<BrokenNotifyServer>
{
    [Fact]
    public async Task An_administrator_skips_a_failed_service_and_the_case_goes_on()
    {
        var applicant = await server.SignInAsync("dongsheng");
        var created = await (await applicant.PostJsonAsync("/api/v1/instances", new { processId = "test-failing-service", title = "跳过失败的服务" })).ExpectAsync(HttpStatusCode.Created);
        var id = created.GetProperty("instance").GetProperty("id").GetGuid();
        var outbox = server.Service<OutboxDispatcher>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await outbox.DrainAsync();
            server.Clock.Advance(TimeSpan.FromMinutes(5));
        }
        var detail = await Cases.CaseAsync(applicant, id);
        var key = detail.GetProperty("incidents")[0].GetProperty("key").GetInt64();
        var admin = await server.SignInAsync("admin");
        var skipped = await (await admin.PostJsonAsync($"/api/v1/admin/cases/{id}/incidents/{key}/skip", new { comment = "改为电话通知" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Completed", skipped.GetProperty("status").GetString());
    }
}
