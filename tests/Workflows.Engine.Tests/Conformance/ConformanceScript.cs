using System.Globalization;
using System.Text;
using System.Text.Json;
using Workflows.Engine.Execution;
using Workflows.Engine.Model;
using Workflows.Engine.Timers;

namespace Workflows.Engine.Tests.Conformance;

/// <summary>
/// Runs a conformance script against a model and writes the transcript: each command followed by
/// the elements entered (+), left (-) and cancelled (x), the effects, and finally the end state.
/// After every command the state goes through JSON and back, and the restored copy must carry
/// on exactly as the one in memory.
/// </summary>
internal sealed class ConformanceScript(WorkflowDefinition definition)
{
    /// <summary>2026 calendar excerpt: 清明 4–6 April, 劳动节 1–5 May with 26 April and 9 May worked (调休).</summary>
    public static readonly WorkingCalendar Calendar = new(
        holidays: [new(2026, 4, 4), new(2026, 4, 5), new(2026, 4, 6), new(2026, 5, 1), new(2026, 5, 2), new(2026, 5, 3), new(2026, 5, 4), new(2026, 5, 5)],
        adjustedWorkingDays: [new(2026, 4, 26), new(2026, 5, 9)]);

    private readonly EngineOptions _options = new() { Calendar = Calendar, MaxStepsPerCommand = 200 };
    private DateTimeOffset _now = new(2026, 3, 30, 9, 0, 0, TimeSpan.FromHours(8));
    private InstanceState? _state;

    public string Run(IEnumerable<string> lines)
    {
        var output = new StringBuilder();
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd();
            if (line.Length == 0 || line.StartsWith(' ') || line.StartsWith('=')) continue;
            output.AppendLine(line);
            if (line.StartsWith('#')) continue;
            if (line.StartsWith("advance ", StringComparison.Ordinal))
            {
                Assert.True(IsoDuration.TryParse(line[8..].Trim(), out var by), line);
                _now = by.AddTo(_now, Calendar)!.Value;
                continue;
            }
            var command = Parse(line);
            var before = _state is null ? null : StateSerializer.Serialize(_state);
            var result = WorkflowEngine.Execute(definition, _state, command, _now, _options);
            if (before is not null)
            {
                var restored = WorkflowEngine.Execute(definition, StateSerializer.Deserialize(before), command, _now, _options);
                Assert.Equal(StateSerializer.Serialize(result.State), StateSerializer.Serialize(restored.State));
                Assert.Equal(Render(result), Render(restored));
            }
            output.Append(Render(result));
            _state = result.State;
        }
        if (_state is not null)
        {
            var vars = JsonSerializer.Serialize(_state.Variables, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            var waiting = string.Join(",", _state.Elements.Where(e => e.Body is null).Select(e => e.ElementId + (e.Status == ElementStatus.Failed ? "!" : "")));
            output.AppendLine($"= {_state.Status.ToString().ToLowerInvariant()} at [{waiting}] {vars}");
        }
        return output.ToString();
    }

    private Command Parse(string line)
    {
        var (verb, rest) = Split(line);
        switch (verb)
        {
            case "start":
                var startId = rest.StartsWith('@') ? Split(rest[1..]).Head : null;
                if (startId is not null) rest = Split(rest[1..]).Tail;
                return new StartInstance(Json(rest), startId);
            case "complete":
            {
                var (target, tail) = Split(rest);
                string? outcome = null;
                if (tail.Length > 0 && tail[0] != '{') (outcome, tail) = Split(tail);
                return new CompleteUserTask(Element(target), outcome, Json(tail));
            }
            case "fire": return new FireTimer(_state!.Timers!.Where(t => t.ElementId == rest.Trim()).OrderBy(t => t.DueAt).ThenBy(t => t.Key).First().Key);
            case "service": { var (target, tail) = Split(rest); return new CompleteServiceCall(Element(target), Json(tail)); }
            case "error": { var (target, tail) = Split(rest); return new ThrowServiceError(Element(target), tail.Trim()); }
            case "fail": { var (target, tail) = Split(rest); return new FailServiceCall(Element(target), tail.Trim()); }
            case "unassignable": return new ReportUnassignable(Element(rest.Trim()), "no user holds the role");
            case "move": { var (from, to) = Split(rest); return new MoveTokens(from, to.Trim()); }
            case "set": return new SetVariables(Json(rest)!);
            case "cancel": return new CancelInstance(rest.Length == 0 ? null : rest);
            case "retry": return new RetryIncident(_state!.Incidents![0].Key, Json(rest));
            case "skip": return new SkipIncident(_state!.Incidents![0].Key, Json(rest));
            default: throw new InvalidOperationException("unknown script command: " + line);
        }
    }

    /// <summary><c>review</c> is the first open instance of that element; <c>review#2</c> the second.</summary>
    private long Element(string target)
    {
        var parts = target.Split('#');
        var index = parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) - 1 : 0;
        return _state!.Elements.Where(e => e.ElementId == parts[0] && e.Body is null).OrderBy(e => e.Key).ElementAt(index).Key;
    }

    private static (string Head, string Tail) Split(string text)
    {
        text = text.Trim();
        var space = text.IndexOf(' ');
        return space < 0 ? (text, "") : (text[..space], text[(space + 1)..].Trim());
    }

    private static IReadOnlyDictionary<string, JsonElement>? Json(string text) =>
        string.IsNullOrWhiteSpace(text) ? null : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(text);

    public static string Render(CommandResult result)
    {
        var text = new StringBuilder();
        if (result.Rejection is { } rejection) text.AppendLine($"  rejected {rejection.Code}: {rejection.MessageEn}");
        if (result.Trace.Count > 0) text.AppendLine("  " + string.Join(" ", result.Trace));
        foreach (var effect in result.Effects) text.AppendLine("  " + Describe(effect));
        return text.ToString();
    }

    private static string At(DateTimeOffset? moment) =>
        moment?.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "-";

    private static string Describe(Effect effect) => effect switch
    {
        UserTaskCreated t => $"task+ {t.ElementId}#{t.TaskKey}" +
            (t.Assignment.Level is null && t.Assignment.Role is null ? "" : $" {t.Assignment.Level}/{t.Assignment.Role}") +
            (t.Assignment.Assignee is null ? "" : $" assignee={t.Assignment.Assignee}") +
            (t.FormKey is null ? "" : $" form={t.FormKey}") +
            (t.DueAt is null ? "" : $" due={At(t.DueAt)}") +
            (t.Reminders.Count == 0 ? "" : $" reminders={string.Join(",", t.Reminders.Select(r => At(r)))}") +
            (t.LoopCounter == 0 ? "" : $" loop={t.LoopCounter}"),
        UserTaskCancelled t => $"task- {t.ElementId}#{t.TaskKey}",
        TimerScheduled t => $"timer+ {t.ElementId}#{t.TimerKey} at {At(t.DueAt)}",
        TimerCancelled t => $"timer- {t.ElementId}#{t.TimerKey}",
        ServiceCallRequested c => $"call+ {c.ElementId}#{c.CallKey} {c.Type} attempt {c.Attempt}",
        ServiceCallCancelled c => $"call- {c.ElementId}#{c.CallKey}",
        IncidentRaised i => $"incident+ {i.ElementId}#{i.IncidentKey} {i.Code}: {i.MessageEn}",
        IncidentResolved i => $"incident- {i.ElementId}#{i.IncidentKey}",
        InstanceCompleted => "completed",
        InstanceTerminated t => $"terminated by {t.ElementId}",
        InstanceCancelled c => $"cancelled {c.Reason}",
        _ => effect.ToString(),
    };
}
