using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using MudBlazor.Services;
using Workflows.Server.Components;

namespace Workflows.Server.Web;

/// <summary>The browser UI for applicants, approvers and administrators.</summary>
public static class WebSetup
{
    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en")];

    public static WebApplicationBuilder AddWebUi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddMudServices();
        services.AddSingleton<IStringLocalizer, UiText>();
        services.AddSingleton<InboxChanges>();
        services.AddScoped<UiSession>();
        services.AddScoped<Components.Cases.CaseCommands>();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            options.SupportedCultures = Cultures;
            options.SupportedUICultures = Cultures;
            // Only the person's own choice counts: the product speaks Chinese unless told otherwise.
            options.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        return builder;
    }

    public static void MapWebUi(this WebApplication app)
    {
        // The API keeps its own language rule (Accept-Language); pages follow the language cookie.
        app.UseWhen(http => !http.Request.Path.StartsWithSegments("/api"), branch => branch.UseRequestLocalization());
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        app.MapUiAccount();
        // Pages decide who may see them (AuthorizeRouteView), so a stranger is sent to the sign-in page instead of a 401.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().AllowAnonymous();
    }
}
