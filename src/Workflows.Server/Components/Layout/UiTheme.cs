using MudBlazor;

namespace Workflows.Server.Components.Layout;

public static class UiTheme
{
    /// <summary>How often open pages look for changes made elsewhere (the API, another node).</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(15);

    private static readonly string[] Fonts = ["Noto Sans SC", "PingFang SC", "Microsoft YaHei", "sans-serif"];

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1d4f91",
            Secondary = "#b3261e",
            AppbarBackground = "#1d4f91",
            Background = "#f5f6f8",
            Error = "#b3261e",
            Success = "#2e7d32",
            Warning = "#a15c00",
            TextSecondary = "#4a4f57",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = Fonts, LineHeight = "1.7", LetterSpacing = "0.01em" },
        },
    };
}
