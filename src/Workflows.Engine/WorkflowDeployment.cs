using Workflows.Engine.Model;
using Workflows.Engine.Parsing;
using Workflows.Engine.Validation;

namespace Workflows.Engine;

public sealed record DeploymentOptions
{
    /// <summary>The service-task types the runtime can perform; null skips the check.</summary>
    public IReadOnlySet<string>? KnownServiceTypes { get; init; } = BuiltInServiceTypes;

    public XmlLimits Limits { get; init; } = XmlLimits.Default;

    /// <summary>The product's built-in services: document generation and notification.</summary>
    public static IReadOnlySet<string> BuiltInServiceTypes { get; } = new HashSet<string>(StringComparer.Ordinal) { "document", "notify" };

    public static DeploymentOptions Default { get; } = new();
}

/// <summary>The compiled definition when there is no error, and every problem found either way.</summary>
public sealed record DeploymentResult(WorkflowDefinition? Definition, IReadOnlyList<ValidationProblem> Problems)
{
    public bool Succeeded => Definition is not null;
    public IEnumerable<ValidationProblem> Errors => Problems.Where(p => p.Severity == ProblemSeverity.Error);
    public IEnumerable<ValidationProblem> Warnings => Problems.Where(p => p.Severity == ProblemSeverity.Warning);
}

/// <summary>Reads, compiles and checks a BPMN file. Never throws: whatever is wrong comes back as problems.</summary>
public static class WorkflowDeployment
{
    public static DeploymentResult Deploy(string xml, DeploymentOptions? options = null)
    {
        options ??= DeploymentOptions.Default;
        var problems = new ProblemList();
        try
        {
            var document = SafeXml.Load(xml ?? "", options.Limits, out var failure);
            if (document is null)
            {
                problems.Error("invalid-xml", null, null, failure!.MessageZh, failure.MessageEn);
                return new DeploymentResult(null, problems.Items);
            }
            var definition = BpmnParser.Parse(document, problems);
            if (definition is null) return new DeploymentResult(null, problems.Items);
            DefinitionValidator.Check(definition, options.KnownServiceTypes, problems);
            definition.InclusiveJoinSources = GraphChecks.InclusiveJoinSources(definition);
            return new DeploymentResult(problems.HasErrors ? null : definition, problems.Items);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            problems.Error("internal", null, null, $"读取流程定义时出错：{ex.Message}", $"reading the definition failed: {ex.Message}");
            return new DeploymentResult(null, problems.Items);
        }
    }
}
