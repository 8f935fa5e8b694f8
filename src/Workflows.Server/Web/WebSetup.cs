namespace Workflows.Server.Web;

/// <summary>The browser UI for applicants, approvers and administrators.</summary>
public static class WebSetup
{
    public static WebApplicationBuilder AddWebUi(this WebApplicationBuilder builder) => builder;

    public static void MapWebUi(this WebApplication app)
    {
        app.MapGet("/", () => Results.Redirect("/scalar")).AllowAnonymous().ExcludeFromDescription();
    }
}
