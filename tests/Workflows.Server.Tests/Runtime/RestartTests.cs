using System.Net;
using Microsoft.EntityFrameworkCore;
using Workflows.Data.Runtime;
using Workflows.Server.Runtime;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Runtime;

/// <summary>
/// Timers and outbox rows live in the database with the step that made them. A node that stops
/// (or dies) and a node that starts on the same database, or two nodes at once: every timer fires
/// exactly once and no notification is lost or doubled.
/// </summary>
public sealed class RestartTests
{
    [Fact]
    public async Task Timers_made_before_a_restart_fire_once_after_it_even_with_two_nodes_firing_together()
    {
        var folder = Directory.CreateTempSubdirectory("workflows-restart-").FullName;
        var database = "workflows_restart_" + Guid.NewGuid().ToString("N")[..10];
        try
        {
            var ids = new List<Guid>();
            var first = WorkflowsServer.OnShared(folder, database);
            var applicant = await first.SignInAsync("dongsheng");
            for (var i = 0; i < 6; i++)
            {
                var created = await (await applicant.PostJsonAsync("/api/v1/instances", new { processId = "test-timers", title = $"重启 {i}" })).ExpectAsync(HttpStatusCode.Created);
                ids.Add(created.GetProperty("instance").GetProperty("id").GetGuid());
            }
            // The node goes away with every timer still pending.
            await first.DisposeAsync();

            var nodeA = WorkflowsServer.OnShared(folder, database);
            var nodeB = WorkflowsServer.OnShared(folder, database);
            await using (nodeA)
            await using (nodeB)
            {
                nodeA.CreateClient();
                nodeB.CreateClient();
                foreach (var node in new[] { nodeA, nodeB })
                {
                    node.Clock.Advance(TimeSpan.FromDays(3));
                }
                var fired = await Task.WhenAll(
                    nodeA.Service<TimerDispatcher>().FireDueAsync(),
                    nodeB.Service<TimerDispatcher>().FireDueAsync());
                var drained = await Task.WhenAll(
                    nodeA.Service<OutboxDispatcher>().DrainAsync(),
                    nodeB.Service<OutboxDispatcher>().DrainAsync());

                // Per case: one nudge, one reminder, one due notice, one escalation.
                Assert.Equal(ids.Count * 4, fired.Sum());
                Assert.Equal(ids.Count, drained.Sum());
                var stillPending = await nodeA.WithDbAsync(db => db.ScheduledTimers.CountAsync(t => ids.Contains(t.InstanceId) && t.Status == TimerStatus.Pending));
                Assert.Equal(0, stillPending);
                var firedEvents = await nodeA.WithDbAsync(db => db.InstanceEvents.CountAsync(e => ids.Contains(e.InstanceId) && e.Kind == InstanceEventKind.TimerFired));
                Assert.Equal(ids.Count, firedEvents);
                var notifications = await nodeA.WithDbAsync(db => db.Notifications.Where(n => ids.Contains(n.InstanceId!.Value)).Select(n => n.DedupeKey).ToListAsync());
                Assert.Equal(notifications.Count, notifications.Distinct().Count());
                // county approver: nudge, reminder, due; city approver: escalation.
                Assert.Equal(ids.Count * 4, notifications.Count);
                Assert.Equal(0, await nodeB.Service<TimerDispatcher>().FireDueAsync());
            }
        }
        finally
        {
            await WorkflowsServer.DropSharedAsync(folder, database);
        }
    }
}
