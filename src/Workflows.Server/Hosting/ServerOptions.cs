namespace Workflows.Server.Hosting;

/// <summary>The <c>Workflows</c> section of the configuration.</summary>
public sealed class ServerOptions
{
    public const string Section = "Workflows";

    /// <summary>Where the SQLite file and other local data live; relative paths are under the content root.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Seed the demo organisation and demo users when the database has no units yet.</summary>
    public bool SeedDemoData { get; set; } = true;

    /// <summary>Sign-in attempts allowed per client address and minute.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;
}
