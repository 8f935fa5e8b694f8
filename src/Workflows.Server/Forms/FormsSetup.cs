namespace Workflows.Server.Forms;

/// <summary>Form definitions, submissions and drafts, attachments, rule sets and option lists.</summary>
public static class FormsSetup
{
    public static WebApplicationBuilder AddForms(this WebApplicationBuilder builder) => builder;

    public static void MapForms(this WebApplication app, IEndpointRouteBuilder api)
    {
    }
}
