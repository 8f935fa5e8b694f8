using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Server.Documents;
using Workflows.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Workflows.Server.Tests.Documents;

public sealed class NumberingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Two_hundred_numbers_issued_at_once_from_two_nodes_run_from_1_to_200_without_gap_or_repeat()
    {
        var folder = Directory.CreateTempSubdirectory("workflows-numbering-").FullName;
        var database = "workflows_numbering_" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            await using var first = WorkflowsServer.OnShared(folder, database);
            _ = first.Services;                  // the first node migrates and seeds before the second starts
            await using var second = WorkflowsServer.OnShared(folder, database);
            _ = second.Services;
            var county = await first.UnitIdAsync("231282");
            var nodes = new[] { first, second };

            const int Total = 200, Workers = 8;
            var watch = Stopwatch.StartNew();
            var issued = await Task.WhenAll(Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
            {
                var scopes = nodes[worker % 2].Services.GetRequiredService<IServiceScopeFactory>();
                var mine = new List<string>();
                for (var i = worker; i < Total; i += Workers)
                {
                    var data = new JsonObject
                    {
                        ["applicant"] = new JsonObject { ["name"] = "东升社区" },
                        ["form"] = new JsonObject { ["facilityKind"] = "社区服务站", ["requestedArea"] = i, ["address"] = "中心街", ["fundingSource"] = "自筹" },
                    };
                    var document = await DocumentIssuer.IssueOnItsOwnAsync(scopes, new IssueRequest("official-reply", county, data));
                    mine.Add(document.Number);
                }
                return mine;
            })));
            watch.Stop();

            var numbers = issued.SelectMany(n => n).ToList();
            Assert.Equal(Total, numbers.Count);
            Assert.Equal(Total, numbers.Distinct().Count());
            Assert.Equal(Enumerable.Range(1, Total).Select(n => $"肇民发〔2026〕{n}号").Order(), numbers.Order());
            var stored = await second.WithDbAsync(db => db.IssuedDocuments.Where(d => d.IssuerUnitId == county).Select(d => d.Sequence).ToListAsync());
            Assert.Equal(Enumerable.Range(1, Total), stored.Order());
            Assert.Equal(Total, await first.WithDbAsync(db => db.DocumentSequences.Where(s => s.UnitId == county).Select(s => s.Last).SingleAsync()));
            output.WriteLine($"{Total} numbered documents from {Workers} tasks on two nodes ({first.Provider}) in {watch.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            await WorkflowsServer.DropSharedAsync(folder, database);
        }
    }
}

public sealed class DroppedDocumentTests(WorkflowsServer server) : IClassFixture<WorkflowsServer>
{
    [Fact]
    public async Task A_document_dropped_from_the_unit_of_work_before_saving_gives_its_number_back()
    {
        var county = await server.UnitIdAsync("231224");
        var data = new JsonObject
        {
            ["applicant"] = new JsonObject { ["name"] = "和平村" },
            ["form"] = new JsonObject { ["facilityKind"] = "服务站", ["requestedArea"] = 100, ["address"] = "和平村", ["fundingSource"] = "自筹" },
        };
        var scopes = server.Services.GetRequiredService<IServiceScopeFactory>();
        Assert.Equal("庆民发〔2026〕1号", (await DocumentIssuer.IssueOnItsOwnAsync(scopes, new IssueRequest("official-reply", county, data))).Number);

        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Workflows.Data.WorkflowsDbContext>();
            var dropped = await scope.ServiceProvider.GetRequiredService<DocumentIssuer>().IssueAsync(new IssueRequest("official-reply", county, data));
            Assert.Equal("庆民发〔2026〕2号", dropped.Number);
            db.Entry(dropped).State = EntityState.Detached;   // what the outbox does when the step no longer waits
            await db.SaveChangesAsync();
        }

        Assert.Equal("庆民发〔2026〕2号", (await DocumentIssuer.IssueOnItsOwnAsync(scopes, new IssueRequest("official-reply", county, data))).Number);
    }
}
