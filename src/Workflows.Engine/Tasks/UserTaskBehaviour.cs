using System.Text.Json;
using Workflows.Engine.Execution;
using Workflows.Engine.Model;
using Workflows.Engine.Timers;

namespace Workflows.Engine.Tasks;

/// <summary>
/// A user task asks the runtime to open a task for a role at a level of the applicant's
/// organisation tree, and waits for it to be completed. Assignment, form, due date and
/// reminders are evaluated when the task opens (see docs/workflow-format.md).
/// </summary>
internal static class UserTaskBehaviour
{
    public static void Activate(Run run, ElementInstance instance)
    {
        var node = run.NodeOf(instance);
        var task = node.UserTask!;
        if (!TryText(run, instance, task.Assignee, out var assignee, out var failure)
            || !TryList(run, instance, task.CandidateGroups, out var groups, out failure)
            || !TryList(run, instance, task.CandidateUsers, out var users, out failure))
        {
            run.RaiseIncident(instance, PendingStep.Activate, "assignment-failed", $"任务分配表达式失败：{failure.Zh}", $"the assignment failed: {failure.En}");
            return;
        }
        if (!TryMoment(run, instance, task.DueDate, run.Now, out var due, out failure)
            || !TryMoment(run, instance, task.FollowUpDate, run.Now, out var followUp, out failure)
            || !TryReminders(run, task.Headers, due, out var reminders, out failure))
        {
            run.RaiseIncident(instance, PendingStep.Activate, "schedule-failed", $"办理期限或提醒无效：{failure.Zh}", $"the due date or reminders are invalid: {failure.En}");
            return;
        }

        var (level, role) = LevelAndRole(task.Headers, groups);
        run.Effects.Add(new UserTaskCreated(
            instance.Key, node.Id, node.Name,
            new TaskAssignment(level, role, assignee, groups, users),
            task.FormKey, due, followUp, reminders, task.Headers, instance.LoopCounter));
    }

    /// <summary>Headers <c>level</c> and <c>role</c> win; otherwise the first candidate group written as <c>level:role</c>.</summary>
    public static (string? Level, string? Role) LevelAndRole(IReadOnlyDictionary<string, string> headers, IReadOnlyList<string> groups)
    {
        headers.TryGetValue("level", out var level);
        headers.TryGetValue("role", out var role);
        var group = groups.FirstOrDefault(g => g.Contains(':'));
        if (group is not null)
        {
            var parts = group.Split(':', 2, StringSplitOptions.TrimEntries);
            level ??= parts[0];
            role ??= parts[1];
        }
        return (level, role);
    }

    private readonly record struct Failure(string Zh, string En);

    private static bool TryText(Run run, ElementInstance instance, Expression? expression, out string? text, out Failure failure)
    {
        text = null;
        failure = default;
        if (expression is null) return true;
        var result = run.Evaluate(expression, instance);
        if (!result.Succeeded)
        {
            failure = new Failure(result.ErrorZh!, result.ErrorEn!);
            return false;
        }
        text = result.AsText();
        return true;
    }

    private static bool TryList(Run run, ElementInstance instance, Expression? expression, out IReadOnlyList<string> list, out Failure failure)
    {
        list = [];
        failure = default;
        if (expression is null) return true;
        var result = run.Evaluate(expression, instance);
        if (!result.Succeeded)
        {
            failure = new Failure(result.ErrorZh!, result.ErrorEn!);
            return false;
        }
        list = result.Value.ValueKind == JsonValueKind.Array
            ? result.Value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()).ToList()
            : (result.AsText() ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return true;
    }

    /// <summary>A date-time, or a duration (working days allowed) counted from <paramref name="from"/>.</summary>
    private static bool TryMoment(Run run, ElementInstance instance, Expression? expression, DateTimeOffset from, out DateTimeOffset? moment, out Failure failure)
    {
        moment = null;
        if (!TryText(run, instance, expression, out var text, out failure) || text is null) return failure == default;
        if (text.StartsWith('P') && IsoDuration.TryParse(text, out var duration) && duration.AddTo(from, run.Options.Calendar) is { } after) moment = after;
        else if (TimerSchedule.TryParseDate(text, run.Options.Calendar, out var date)) moment = date;
        else
        {
            failure = new Failure($"不是日期时间或时长：{text}", $"neither a date-time nor a duration: {text}");
            return false;
        }
        return true;
    }

    /// <summary>Header <c>reminders</c>: durations after the task opens, or before the due date when written with '-'.</summary>
    private static bool TryReminders(Run run, IReadOnlyDictionary<string, string> headers, DateTimeOffset? due, out IReadOnlyList<DateTimeOffset> reminders, out Failure failure)
    {
        reminders = [];
        failure = default;
        if (!headers.TryGetValue("reminders", out var text) || string.IsNullOrWhiteSpace(text)) return true;
        var list = new List<DateTimeOffset>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var ok = IsoDuration.TryParse(part, out var duration);
            var from = duration.Negative ? due : run.Now;
            if (!ok || from is null || duration.AddTo(from.Value, run.Options.Calendar) is not { } at)
            {
                failure = new Failure($"提醒 {part} 无效（相对截止时间的提醒需要设置办理期限）", $"reminder {part} is invalid (a reminder before the due date needs a due date)");
                return false;
            }
            list.Add(at);
        }
        list.Sort();
        reminders = list;
        return true;
    }
}
