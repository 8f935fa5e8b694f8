namespace Workflows.Server.Documents;

/// <summary>Generated documents: numbering, storage, verification, templates and fonts.</summary>
public static class DocumentsSetup
{
    public static WebApplicationBuilder AddDocuments(this WebApplicationBuilder builder) => builder;

    public static void MapDocuments(this WebApplication app, IEndpointRouteBuilder api)
    {
    }
}
