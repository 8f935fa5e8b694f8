namespace Workflows.Server.Designer;

public static class DesignerSetup
{
    public static WebApplicationBuilder AddDesigner(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<WorkflowDesign>();
        builder.Services.AddSingleton<ElementTemplates>();
        return builder;
    }
}
