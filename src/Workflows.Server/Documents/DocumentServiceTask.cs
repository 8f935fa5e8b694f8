using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Runtime;
using Workflows.Documents.Templates;
using Workflows.Server.Runtime;

namespace Workflows.Server.Documents;

/// <summary>
/// <c>document</c>: headers <c>template</c> (a template key, or an alias such as <c>approval-letter</c>),
/// <c>issuer</c> (the level of the applicant's chain that issues and numbers it: township, county,
/// city, province; the applicant's own unit when absent) and optional <c>numberPrefix</c> (民函 gives
/// 肇民函〔2026〕1号). Answers <c>documentId</c>, <c>documentNumber</c> and <c>documentCode</c>. It runs in
/// the unit of work that completes the call: the number, the document and the workflow step are
/// saved together or not at all, and a failure is retried by the outbox until it becomes an incident.
/// </summary>
public sealed class DocumentServiceTask(WorkflowsDbContext db, Assignment assignment, DocumentIssuer issuer) : IServiceTaskHandler
{
    public string Type => "document";

    public async Task<ServiceResult> HandleAsync(ServiceCallPayload call, WorkflowInstance instance, CancellationToken cancellationToken)
    {
        var template = call.Headers.GetValueOrDefault("template");
        if (string.IsNullOrWhiteSpace(template))
        {
            return new ServiceResult.Failed($"the document task '{call.ElementId}' has no 'template' header");
        }
        var level = call.Headers.GetValueOrDefault("issuer");
        var issuerUnit = await assignment.UnitAtLevelAsync(level, instance.UnitPath, instance.UnitId, cancellationToken);
        if (issuerUnit is null)
        {
            return new ServiceResult.Failed($"the applicant's unit has no '{level}' level above it to issue the document");
        }
        try
        {
            var data = await DataAsync(call, instance, cancellationToken);
            var numbered = ShippedFormFields.Complete(data, data["applicant"]?["name"]?.ToString() ?? "");
            var document = await issuer.IssueAsync(new IssueRequest(template, issuerUnit.Value, data, instance.Id, call.ElementId,
                call.Headers.GetValueOrDefault("numberPrefix"), numbered), cancellationToken);
            return new ServiceResult.Completed(new Dictionary<string, JsonElement>
            {
                ["documentId"] = JsonSerializer.SerializeToElement(document.Id),
                ["documentNumber"] = JsonSerializer.SerializeToElement(document.Number),
                ["documentCode"] = JsonSerializer.SerializeToElement(ShortCodes.Display(document.Code)),
            });
        }
        catch (Exception error) when (error is TemplateException or DocumentIssueException or FormatException)
        {
            return new ServiceResult.Failed(error.Message);
        }
    }

    /// <summary>
    /// What a template can refer to: every variable of the case (also under <c>form</c>), the case
    /// itself (<c>case.title</c>, <c>case.businessKey</c>), the applicant unit (<c>applicant.name</c>),
    /// and the decisions and comments of the history (<c>reviews[0].opinion</c>, <c>comments</c>).
    /// The issuer and the document's number, date and code are added when it is issued.
    /// </summary>
    public async Task<JsonObject> DataAsync(ServiceCallPayload call, WorkflowInstance instance, CancellationToken cancellationToken)
    {
        var variables = call.Variables.ValueKind == JsonValueKind.Object
            ? JsonNode.Parse(call.Variables.GetRawText())!.AsObject()
            : new JsonObject();
        var data = (JsonObject)variables.DeepClone();
        if (data["form"] is not JsonObject)
        {
            data["form"] = variables.DeepClone();
        }

        var unit = await db.Units.AsNoTracking().Where(u => u.Id == instance.UnitId)
            .Select(u => new { u.Name, u.Code, u.Level }).SingleAsync(cancellationToken);
        var applicant = data["applicant"] as JsonObject ?? new JsonObject();
        data["applicant"] = applicant;
        applicant["name"] = unit.Name;
        applicant["code"] = unit.Code;
        applicant["level"] = unit.Level.ToString().ToLowerInvariant();

        data["case"] = new JsonObject
        {
            ["title"] = instance.Title,
            ["businessKey"] = instance.BusinessKey,
            ["processId"] = instance.ProcessId,
            ["startedOn"] = DateOnly.FromDateTime(instance.StartedAt + DocumentIssuer.ChinaOffset).ToString("yyyy-MM-dd"),
        };

        var history = await db.InstanceEvents.AsNoTracking()
            .Where(e => e.InstanceId == instance.Id
                        && (e.Kind == InstanceEventKind.TaskCompleted || e.Kind == InstanceEventKind.Returned || e.Kind == InstanceEventKind.Commented))
            .OrderBy(e => e.Id).ToListAsync(cancellationToken);
        var reviews = new JsonArray();
        var comments = new JsonArray();
        foreach (var e in history)
        {
            var date = DateOnly.FromDateTime(e.At + DocumentIssuer.ChinaOffset).ToString("yyyy-MM-dd");
            if (e.Kind == InstanceEventKind.Commented)
            {
                comments.Add(new JsonObject { ["author"] = e.ActorName, ["text"] = e.Comment, ["date"] = date });
            }
            else if (e.Outcome is not null)
            {
                reviews.Add(new JsonObject
                {
                    ["step"] = e.ElementName ?? e.ElementId,
                    ["outcome"] = e.Outcome,
                    ["decision"] = DecisionText(e.Outcome),
                    ["opinion"] = string.IsNullOrWhiteSpace(e.Comment) ? DecisionText(e.Outcome) : e.Comment,
                    ["signer"] = e.ActorName,
                    ["date"] = date,
                });
            }
        }
        data["reviews"] = reviews;
        data["comments"] = comments;
        return data;
    }

    private static string DecisionText(string outcome) => outcome switch
    {
        "approve" => "同意",
        "reject" => "不同意",
        "return" => "退回修改",
        "submit" => "提交",
        _ => outcome,
    };
}
