using System.Text.Json.Nodes;
using Workflows.Server.Runtime;

namespace Workflows.Server.Designer;

/// <summary>
/// The designer's building blocks (Camunda 8 element templates) from <c>workflows/templates/*.json</c>:
/// county, city and province review, countersign, any-one-signs, generate a document, notify, wait
/// until a date. Read once; a file may hold one template or an array of them.
/// </summary>
public sealed class ElementTemplates(IConfiguration configuration, IHostEnvironment environment)
{
    private readonly Lazy<JsonArray> _all = new(() => Load(Folder(configuration, environment)));

    public JsonArray All => _all.Value;

    /// <summary><c>Workflows:ElementTemplatesDirectory</c>, else <c>workflows/templates</c> beside the program or in the repository.</summary>
    public static string Folder(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["Workflows:ElementTemplatesDirectory"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(Path.Combine(environment.ContentRootPath, configured));
        }
        var beside = Path.Combine(AppContext.BaseDirectory, "workflows", "templates");
        return Directory.Exists(beside) ? beside : Path.Combine(RuntimeSetup.WorkflowsFolder(configuration, environment), "templates");
    }

    private static JsonArray Load(string folder)
    {
        var all = new JsonArray();
        if (!Directory.Exists(folder))
        {
            return all;
        }
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var node = JsonNode.Parse(File.ReadAllText(file));
            foreach (var template in node is JsonArray array ? array.ToList() : [node])
            {
                all.Add(template?.DeepClone());
            }
        }
        return all;
    }
}
