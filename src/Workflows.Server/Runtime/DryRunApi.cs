using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Data.Accounts;
using Workflows.Engine;
using Workflows.Engine.Execution;
using Workflows.Engine.Model;
using Workflows.Server.Hosting;
using Workflows.Server.Security;

namespace Workflows.Server.Runtime;

/// <summary>
/// A test run of a definition, deployed or uploaded with the request: start it, complete tasks,
/// finish service calls, move the clock, and see the trace and the final state. Nothing is stored.
/// </summary>
public static class DryRunApi
{
    public const int MaxActions = 200;

    public static void MapDryRun(this IEndpointRouteBuilder api)
    {
        api.MapPost("/workflows/dry-run", Run).WithTags("Workflows")
            .WithSummary("Run a definition in memory: start with variables, then actions (complete a task by element id with an outcome, complete or fail a service call, advance the clock). Returns each step's trace and effects and the final state; nothing is stored.");
    }

    public sealed record DryRunRequest(string? ProcessId, int? Version, string? Xml, DateTimeOffset? Now, Dictionary<string, JsonElement>? Variables, IReadOnlyList<DryRunAction>? Actions);

    /// <summary>One action: exactly one of <c>complete</c>, <c>completeService</c>, <c>failService</c>, <c>advance</c> (ISO duration) or <c>advanceTo</c>.</summary>
    public sealed record DryRunAction(string? Complete, string? Outcome, Dictionary<string, JsonElement>? Variables,
        string? CompleteService, string? FailService, string? Message, string? Advance, DateTimeOffset? AdvanceTo);

    public sealed record StepView(int Index, string Action, DateTimeOffset At, bool Accepted, string? Rejection, IReadOnlyList<string> Trace, IReadOnlyList<string> Effects);

    public sealed record OpenTaskView(string ElementId, string? Name, string? Level, string? Role, DateTimeOffset? DueAt);

    public sealed record DryRunResult(IReadOnlyList<StepView> Steps, string Status, IReadOnlyList<string> ActiveElements,
        IReadOnlyList<OpenTaskView> OpenTasks, IReadOnlyList<DateTimeOffset> PendingTimers, JsonElement Variables, IReadOnlyList<string> Incidents);

    private static async Task<Results<Ok<DryRunResult>, ValidationProblem, ProblemHttpResult>> Run(
        DryRunRequest request, HttpContext http, CallerAccessor callers, DefinitionStore store, WorkingCalendars calendars, TimeProvider clock)
    {
        var caller = await callers.RequireAsync();
        if (!caller.IsSystemAdministrator && !caller.GrantsOf(Role.UnitAdministrator).Any())
        {
            return Problems.Forbidden(http, new("只有管理员可以试运行流程", "Only administrators can test-run workflows"));
        }
        var errors = new FieldErrors();
        var actions = request.Actions ?? [];
        if (actions.Count > MaxActions)
        {
            errors.Add("actions", new($"最多 {MaxActions} 个动作", $"at most {MaxActions} actions"));
        }
        errors.MaxLength("xml", request.Xml, DefinitionStore.MaxXmlLength);
        WorkflowDefinition? definition = null;
        if (request.Xml is not null)
        {
            var deployed = WorkflowDeployment.Deploy(request.Xml);
            foreach (var problem in deployed.Errors)
            {
                errors.Add(problem.ElementId is null ? "xml" : $"elements[{problem.ElementId}]", new(problem.MessageZh, problem.MessageEn));
            }
            definition = deployed.Definition;
        }
        else if (request.ProcessId is not null)
        {
            var record = request.Version is null ? await store.LatestAsync(request.ProcessId) : await store.VersionAsync(request.ProcessId, request.Version.Value);
            if (record is null)
            {
                errors.Add("processId", new("没有这个流程或版本", "no such workflow or version"));
            }
            else
            {
                definition = store.Compiled(record);
            }
        }
        else
        {
            errors.Add("processId", new("请给出流程编号或上传 xml", "give a processId or the xml"));
        }
        for (var i = 0; i < actions.Count; i++)
        {
            var a = actions[i];
            var kinds = new object?[] { a.Complete, a.CompleteService, a.FailService, a.Advance, a.AdvanceTo }.Count(x => x is not null);
            if (kinds != 1)
            {
                errors.Add($"actions[{i}]", new("每个动作只能有 complete、completeService、failService、advance、advanceTo 之一", "must have exactly one of complete, completeService, failService, advance, advanceTo"));
            }
            if (a.Advance is not null && !TryDuration(a.Advance, out _))
            {
                errors.Add($"actions[{i}].advance", new("应为 ISO 8601 时长，例如 PT4H、P2D", "must be an ISO 8601 duration such as PT4H or P2D"));
            }
        }
        if (errors.Any)
        {
            return Problems.Validation(http, errors);
        }

        var run = new Simulation(definition!, new EngineOptions { Calendar = await calendars.CurrentAsync() }, request.Now ?? clock.GetUtcNow());
        run.Apply("start", new StartInstance(request.Variables));
        for (var i = 0; i < actions.Count && run.State?.Status == InstanceStatus.Active; i++)
        {
            run.Do(i + 1, actions[i]);
        }
        return TypedResults.Ok(run.Result());
    }

    internal static bool TryDuration(string text, out TimeSpan duration)
    {
        try
        {
            duration = System.Xml.XmlConvert.ToTimeSpan(text);
            return duration >= TimeSpan.Zero && duration <= TimeSpan.FromDays(3660);
        }
        catch (FormatException)
        {
            duration = default;
            return false;
        }
    }

    private sealed class Simulation(WorkflowDefinition definition, EngineOptions options, DateTimeOffset start)
    {
        private readonly List<StepView> _steps = [];
        private readonly Dictionary<long, UserTaskCreated> _tasks = [];
        private readonly Dictionary<long, ServiceCallRequested> _calls = [];
        private DateTimeOffset _now = start;

        public InstanceState? State { get; private set; }

        public void Do(int index, DryRunAction action)
        {
            if (action.Complete is { } element)
            {
                var task = _tasks.Values.FirstOrDefault(t => t.ElementId == element);
                Apply($"complete {element} ({action.Outcome})", task is null ? null : new CompleteUserTask(task.TaskKey, action.Outcome, action.Variables), index);
            }
            else if (action.CompleteService is { } service)
            {
                var call = _calls.Values.FirstOrDefault(c => c.ElementId == service);
                Apply($"complete service {service}", call is null ? null : new CompleteServiceCall(call.CallKey, action.Variables), index);
            }
            else if (action.FailService is { } failing)
            {
                var call = _calls.Values.FirstOrDefault(c => c.ElementId == failing);
                Apply($"fail service {failing}", call is null ? null : new FailServiceCall(call.CallKey, action.Message ?? "failed in a test run"), index);
            }
            else
            {
                var target = action.AdvanceTo ?? _now + (TryDuration(action.Advance!, out var by) ? by : TimeSpan.Zero);
                // Fire every timer that falls due on the way, in order; firing may schedule more.
                for (var fired = 0; fired < 1000 && State?.Status == InstanceStatus.Active; fired++)
                {
                    var next = State.Timers?.Where(t => t.DueAt <= target).OrderBy(t => t.DueAt).FirstOrDefault();
                    if (next is null)
                    {
                        break;
                    }
                    _now = next.DueAt > _now ? next.DueAt : _now;
                    Apply($"timer {next.ElementId}", new FireTimer(next.Key), index);
                }
                _now = target > _now ? target : _now;
            }
        }

        public void Apply(string label, Command? command, int index = 0)
        {
            if (command is null)
            {
                _steps.Add(new StepView(index, label, _now, false, "没有等待中的该步骤 / no such waiting step", [], []));
                return;
            }
            var result = WorkflowEngine.Execute(definition, State, command, _now, options);
            if (result.Accepted)
            {
                State = result.State;
            }
            foreach (var effect in result.Effects)
            {
                switch (effect)
                {
                    case UserTaskCreated created: _tasks[created.TaskKey] = created; break;
                    case UserTaskCancelled cancelled: _tasks.Remove(cancelled.TaskKey); break;
                    case ServiceCallRequested call: _calls[call.CallKey] = call; break;
                    case ServiceCallCancelled callCancelled: _calls.Remove(callCancelled.CallKey); break;
                }
            }
            if (command is CompleteUserTask done)
            {
                _tasks.Remove(done.TaskKey);
            }
            if (command is CompleteServiceCall or FailServiceCall)
            {
                _calls.Remove(command is CompleteServiceCall c ? c.CallKey : ((FailServiceCall)command).CallKey);
            }
            _steps.Add(new StepView(index, label, _now, result.Accepted,
                result.Rejection is null ? null : $"{result.Rejection.MessageZh} / {result.Rejection.MessageEn}",
                result.Trace.Select(t => t.ToString()).ToList(), result.Effects.Select(Describe).ToList()));
        }

        public DryRunResult Result() => new(
            _steps, State?.Status.ToString() ?? "NotStarted",
            State?.Elements.Where(e => e.Body is null).Select(e => e.ElementId).Distinct().ToList() ?? [],
            _tasks.Values.Select(t => new OpenTaskView(t.ElementId, t.Name, t.Assignment.Level, t.Assignment.Role, t.DueAt)).ToList(),
            State?.Timers?.Select(t => t.DueAt).Order().ToList() ?? [],
            State is null ? JsonSerializer.SerializeToElement(new { }) : JsonSerializer.SerializeToElement(State.Variables),
            State?.Incidents?.Select(i => $"{i.ElementId}: {i.MessageZh} / {i.MessageEn}").ToList() ?? []);

        private static string Describe(Effect effect) => effect switch
        {
            UserTaskCreated t => $"task {t.ElementId} for {t.Assignment.Level}:{t.Assignment.Role}{(t.DueAt is null ? "" : $" due {t.DueAt:yyyy-MM-dd HH:mm}")}",
            UserTaskCancelled t => $"task {t.ElementId} cancelled",
            TimerScheduled t => $"timer {t.ElementId} at {t.DueAt:yyyy-MM-dd HH:mm}",
            TimerCancelled t => $"timer {t.ElementId} cancelled",
            ServiceCallRequested c => $"service {c.Type} at {c.ElementId} (attempt {c.Attempt})",
            IncidentRaised i => $"incident at {i.ElementId}: {i.MessageEn}",
            _ => effect.GetType().Name,
        };
    }
}
