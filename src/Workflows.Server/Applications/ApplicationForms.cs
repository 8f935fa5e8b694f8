using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Data;
using Workflows.Data.Applications;
using Workflows.Data.Forms;
using Workflows.Forms.Options;
using Workflows.Forms.RuleSets;
using Workflows.Forms.Schema;
using Workflows.Forms.Validation;
using Workflows.Server.Forms;

namespace Workflows.Server.Applications;

/// <summary>The outcome of checking an application's data: the cleaned data and every error and warning, form and rules together.</summary>
public sealed record FormCheck(JsonObject Data, IReadOnlyList<FormIssue> Errors, IReadOnlyList<FormIssue> Warnings, IReadOnlyList<string> Hidden)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>The form behind an application: its exact version, the applicant's place, what the viewer is opened with.</summary>
public sealed record ApplicationForm(FormDefinitionRecord Record, FormDefinition Definition, ApplicantUnit Applicant, IOptionLists Lists, JsonObject InitialData);

/// <summary>
/// Applies the forms library to applications: drafts checked for types only, submissions checked in
/// full against the version the draft was started with, then the rule sets of the applicant's
/// jurisdiction; uploaded files bound to their filepickers; case titles built from the data.
/// </summary>
public sealed partial class ApplicationForms(WorkflowsDbContext db, FormStore forms, RuleSetStore ruleSets, IOptions<FormsOptions> options, TimeProvider clock, StartForms startForms)
{
    /// <summary>Fields prefilled with the applicant unit's name when the form has them.</summary>
    public static readonly string[] UnitNameFields = ["applicant_unit", "applying_unit", "unit", "reporting_unit"];

    /// <summary>Rules are judged by the date in China.</summary>
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);

    public async Task<ApplicationForm?> ForAsync(FormDefinitionRecord record, Guid unitId, CancellationToken cancellationToken = default)
    {
        var applicant = await ApplicantUnit.LoadAsync(db, unitId, cancellationToken);
        if (applicant is null)
        {
            return null;
        }
        var definition = forms.Parsed(record);
        var lists = ApplicantOptionLists.For(applicant);
        return new ApplicationForm(record, definition, applicant, lists, InitialData(definition, applicant, lists));
    }

    public async Task<ApplicationForm?> ForAsync(Application application, CancellationToken cancellationToken = default)
    {
        if (application.FormDefinitionId is not { } id || await forms.ByIdAsync(id, cancellationToken) is not { } record)
        {
            return null;
        }
        return await ForAsync(record, application.UnitId, cancellationToken);
    }

    /// <summary>What the viewer is opened with, and what the validator evaluates against: the option lists the form names and the unit's name.</summary>
    public static JsonObject InitialData(FormDefinition definition, ApplicantUnit applicant, IOptionLists lists)
    {
        var data = OptionLists.InitialDataFor(definition, lists);
        // The applicant's place, for expressions (=applicant.level = "community") and the viewer's unit picker;
        // the same shape as the case variable "applicant". Keys the form does not bind are never submitted.
        data.TryAdd(ApplicantOptionLists.UnitChain, applicant.ChainList.ToFormJsValues());
        data.TryAdd("applicant", new JsonObject
        {
            ["unitId"] = applicant.Unit.Id.ToString(), ["unitCode"] = applicant.Unit.Code, ["unitName"] = applicant.Unit.Name,
            ["level"] = applicant.Unit.Level.ToString().ToLowerInvariant(), ["label"] = applicant.Label,
        });
        var topLevelKeys = definition.Root.Components.SelectMany(Keyed).ToHashSet(StringComparer.Ordinal);
        foreach (var field in UnitNameFields.Where(topLevelKeys.Contains))
        {
            data[field] = applicant.Unit.Name;
        }
        return data;

        static IEnumerable<string> Keyed(FormComponent c) => c.IsKeyed && c.Key is not null
            ? [c.Key]
            : c.Kind?.Pathed == true && string.IsNullOrEmpty(c.Path) && !c.IsRepeatingList ? c.Components.SelectMany(Keyed) : [];
    }

    /// <summary>What the viewer shows a saved application with: its data over what the form is opened with (option lists, the applicant's place).</summary>
    public static JsonObject OpenedWith(ApplicationForm form, string? savedData)
    {
        var data = Parse(form.InitialData.ToJsonString());
        foreach (var (key, value) in Parse(string.IsNullOrWhiteSpace(savedData) ? "{}" : savedData))
        {
            data[key] = value?.DeepClone();
        }
        return data;
    }

    /// <summary>A draft: types only; unknown keys dropped with a warning, everything else kept as typed.</summary>
    public SubmissionResult Draft(ApplicationForm form, JsonObject data) => SubmissionValidator.Validate(form.Definition, data, DraftOptions(form));

    /// <summary>A draft as a request body sent it (JSON that is not an object is refused as such).</summary>
    public SubmissionResult Draft(ApplicationForm form, byte[] body) => SubmissionValidator.Validate(form.Definition, body, DraftOptions(form));

    private SubmissionOptions DraftOptions(ApplicationForm form) => new()
    {
        Mode = SubmissionMode.Draft, Now = clock.GetUtcNow(), InitialData = form.InitialData, OptionLists = form.Lists,
    };

    /// <summary>
    /// What refuses a draft save: wrong types, and keys the form does not have (the library would drop
    /// them; the API refuses them so a client learns of its mistake instead of losing the value silently).
    /// </summary>
    public static IReadOnlyList<FormIssue> DraftErrors(SubmissionResult draft) =>
        draft.Errors.Concat(draft.Warnings.Where(w => w.Code == "UNKNOWN_FIELD_DROPPED")
            .Select(w => new FormIssue(w.Path, "UNKNOWN_FIELD", $"{w.Path}：表单中没有这个字段", $"{w.Path}: is not a field of this form"))).ToList();

    /// <summary>Everything a submission must pass: the form's checks on the data as the browser would send it, then the rule sets.</summary>
    public async Task<FormCheck> CheckAsync(ApplicationForm form, JsonObject data, CancellationToken cancellationToken = default)
    {
        var result = SubmissionValidator.Validate(form.Definition, data, new SubmissionOptions
        {
            Now = clock.GetUtcNow(), InitialData = form.InitialData, OptionLists = form.Lists,
        });
        var errors = result.Errors.ToList();
        var warnings = result.Warnings.ToList();
        if (result.IsValid)
        {
            var today = Today;
            var selection = RuleSetSelector.Select(await ruleSets.AllAsync(cancellationToken), form.Record.FormId, today, form.Applicant.Codes);
            var report = RuleEvaluator.Evaluate(selection, result.Data, today);
            errors.AddRange(report.Errors);
            warnings.AddRange(report.Warnings);
        }
        return new FormCheck(result.Data, errors, warnings, result.Hidden);
    }

    /// <summary>
    /// Filepicker values belong to the server: each holds the ids of the files uploaded to that field
    /// (one id, or a list when the filepicker takes several), so a reference to someone else's file
    /// cannot be smuggled in. In a dynamic list a row's index is no lasting name (rows are removed and
    /// move up), so there the value sent says which row a file belongs to, kept only for files uploaded
    /// to that list's filepicker in this application; each file's field path then follows its row.
    /// </summary>
    public async Task BindAttachmentsAsync(ApplicationForm form, Guid applicationId, JsonObject data, CancellationToken cancellationToken = default)
    {
        var uploaded = await db.Attachments.AsNoTracking().Where(a => a.ApplicationId == applicationId && a.TaskId == null)
            .OrderBy(a => a.UploadedAt).ThenBy(a => a.Id).Select(a => new { a.Id, a.FieldPath }).ToListAsync(cancellationToken);
        foreach (var (picker, segments) in Filepickers(form.Definition))
        {
            var path = string.Join('.', segments);
            var ids = uploaded.Where(a => a.FieldPath == path).Select(a => a.Id.ToString()).ToList();
            JsonNode? value = ids.Count == 0 ? null : picker.Multiple ? new JsonArray(ids.Select(i => (JsonNode)JsonValue.Create(i)).ToArray()) : JsonValue.Create(ids[0]);
            Set(data, segments, value);
        }
        var inLists = ListFilepickers(form.Definition).ToList();
        if (inLists.Count > 0)
        {
            var files = await db.Attachments.Where(a => a.ApplicationId == applicationId && a.TaskId == null).ToListAsync(cancellationToken);
            foreach (var (picker, list, inRow) in inLists)
            {
                BindRows(data, picker, list, inRow, files);
            }
        }
    }

    private static void BindRows(JsonObject data, FormComponent picker, IReadOnlyList<string> list, IReadOnlyList<string> inRow, List<Data.Forms.Attachment> files)
    {
        var uploaded = files.Where(a => RowOf(a.FieldPath, list, inRow) is not null).ToDictionary(a => a.Id);
        if (Lookup(data, list) is not JsonArray rows)
        {
            return;
        }
        var claimed = new HashSet<Guid>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i] is not JsonObject row)
            {
                continue;
            }
            var sent = Lookup(row, inRow) switch
            {
                JsonValue one when one.TryGetValue<string>(out var text) => [text],
                JsonArray many => many.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var text) ? text : null).OfType<string>().ToList(),
                _ => new List<string>(),
            };
            var kept = sent.Select(text => Guid.TryParse(text, out var id) ? id : Guid.Empty)
                .Where(id => uploaded.ContainsKey(id) && claimed.Add(id)).Take(picker.Multiple ? int.MaxValue : 1).ToList();
            foreach (var id in kept)
            {
                uploaded[id].FieldPath = string.Join('.', [.. list, i.ToString(System.Globalization.CultureInfo.InvariantCulture), .. inRow]);
            }
            Set(row, inRow, kept.Count == 0 ? null
                : picker.Multiple ? new JsonArray(kept.Select(id => (JsonNode)JsonValue.Create(id.ToString())).ToArray()) : JsonValue.Create(kept[0].ToString()));
        }
    }

    /// <summary>The row index a field path like <c>rows.2.proof</c> names for a filepicker in a list, or null.</summary>
    private static int? RowOf(string fieldPath, IReadOnlyList<string> list, IReadOnlyList<string> inRow)
    {
        var parts = fieldPath.Split('.');
        if (parts.Length != list.Count + 1 + inRow.Count || !parts.Take(list.Count).SequenceEqual(list) || !parts.Skip(list.Count + 1).SequenceEqual(inRow))
        {
            return null;
        }
        return int.TryParse(parts[list.Count], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var row) && row < 1000 ? row : null;
    }

    /// <summary>The filepicker an upload's field path names: outside lists its data path, in a list <c>list.row.field</c>.</summary>
    public static FormComponent? FilepickerAt(FormDefinition definition, string fieldPath) =>
        Filepickers(definition).FirstOrDefault(p => string.Join('.', p.Segments) == fieldPath).Field
        ?? ListFilepickers(definition).FirstOrDefault(p => RowOf(fieldPath, p.List, p.InRow) is not null).Field;

    /// <summary>Filepickers inside one dynamic list (not lists in lists): the list's data path and the filepicker's path in a row.</summary>
    public static IEnumerable<(FormComponent Field, IReadOnlyList<string> List, IReadOnlyList<string> InRow)> ListFilepickers(FormDefinition definition)
    {
        foreach (var component in definition.AllComponents.Where(c => c.Type == "filepicker" && !string.IsNullOrEmpty(c.Key)))
        {
            var inRow = new List<string>(component.OwnSegments);
            List<string>? list = null;
            var lists = 0;
            for (var parent = component.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent.Kind?.Repeatable == true)
                {
                    lists++;
                    list ??= [];
                    list.InsertRange(0, parent.OwnSegments);
                }
                else if (list is null)
                {
                    inRow.InsertRange(0, parent.OwnSegments);
                }
                else
                {
                    list.InsertRange(0, parent.OwnSegments);
                }
            }
            if (lists == 1 && list is { Count: > 0 })
            {
                yield return (component, list, inRow);
            }
        }
    }

    private static JsonNode? Lookup(JsonObject data, IReadOnlyList<string> segments)
    {
        JsonNode? node = data;
        foreach (var segment in segments)
        {
            node = node is JsonObject o ? o[segment] : null;
        }
        return node;
    }

    /// <summary>Filepickers outside dynamic lists, with their data path.</summary>
    public static IEnumerable<(FormComponent Field, IReadOnlyList<string> Segments)> Filepickers(FormDefinition definition)
    {
        foreach (var component in definition.AllComponents.Where(c => c.Type == "filepicker" && !string.IsNullOrEmpty(c.Key)))
        {
            var segments = new List<string>(component.OwnSegments);
            var inList = false;
            for (var parent = component.Parent; parent is not null; parent = parent.Parent)
            {
                inList |= parent.Kind?.Repeatable == true;
                segments.InsertRange(0, parent.OwnSegments);
            }
            if (!inList)
            {
                yield return (component, segments);
            }
        }
    }

    private static void Set(JsonObject data, IReadOnlyList<string> segments, JsonNode? value)
    {
        var target = data;
        for (var i = 0; i < segments.Count - 1; i++)
        {
            if (target[segments[i]] is JsonObject next)
            {
                target = next;
            }
            else if (target[segments[i]] is null && value is not null)
            {
                target[segments[i]] = next = new JsonObject();
                target = next;
            }
            else
            {
                return;
            }
        }
        if (value is null)
        {
            target.Remove(segments[^1]);
        }
        else
        {
            target[segments[^1]] = value;
        }
    }

    /// <summary>The workflow variables: the cleaned data, one variable per top-level key.</summary>
    public static Dictionary<string, JsonElement> Variables(JsonObject data) =>
        data.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value));

    /// <summary>
    /// The workflow a form starts: a setting or a shipped pairing first, otherwise the published
    /// workflow whose start event binds the form (read by <see cref="RefreshStartFormsAsync"/>).
    /// </summary>
    public FormWorkflow? WorkflowFor(string formId) =>
        options.Value.WorkflowFor(formId)
        ?? (startForms.ProcessFor(formId) is { } processId ? new FormWorkflow { ProcessId = processId } : null);

    /// <summary>Reads again which workflows' start events bind which forms, when the last read is stale.</summary>
    public Task RefreshStartFormsAsync(CancellationToken cancellationToken = default) => startForms.RefreshAsync(db, cancellationToken);

    /// <summary>The case title from the form's template: "肇东市东升社区 社区服务站建设申请".</summary>
    public string Title(ApplicationForm form, JsonObject data)
    {
        var template = WorkflowFor(form.Record.FormId)?.Title ?? "{unit} {form}";
        var title = Placeholder().Replace(template, match =>
        {
            var name = match.Groups[1].Value;
            if (name == "unit")
            {
                return form.Applicant.Label;
            }
            if (name == "form")
            {
                return form.Record.Title;
            }
            var value = Lookup(data, name) ?? Lookup(form.InitialData, name);
            var text = value is JsonValue v ? v.ToString() : "";
            if (match.Groups[2].Success && value is not null)
            {
                var field = form.Definition.AllComponents.FirstOrDefault(c => c.IsKeyed && c.Key == name);
                var label = field?.ValuesKey is { } key && form.Lists.Find(key) is { } list
                    ? list.Entries.FirstOrDefault(e => e.Value == text)?.LabelZh
                    : field?.Options?.FirstOrDefault(o => o.Value.ToString() == text)?.Label;
                text = label ?? text;
            }
            return text;
        });
        title = MultipleSpaces().Replace(title, " ").Trim();
        if (title.Length == 0)
        {
            title = form.Applicant.Label + " " + form.Record.Title;
        }
        return title.Length <= Application.TitleMaxLength ? title : title[..Application.TitleMaxLength];
    }

    private static JsonNode? Lookup(JsonObject data, string dottedPath)
    {
        JsonNode? node = data;
        foreach (var segment in dottedPath.Split('.'))
        {
            node = node is JsonObject o ? o[segment] : null;
        }
        return node;
    }

    public static JsonObject Parse(string json) => JsonNode.Parse(json) as JsonObject ?? [];

    [GeneratedRegex(@"\{([A-Za-z_][\w.]*)(:label)?\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\s{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex MultipleSpaces();
}
