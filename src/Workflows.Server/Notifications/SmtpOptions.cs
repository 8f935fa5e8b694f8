namespace Workflows.Server.Notifications;

/// <summary>The <c>Workflows:Smtp</c> section. Without a host, notifications stay in the app.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Workflows:Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary><c>None</c>, <c>StartTls</c>, <c>SslOnConnect</c> or <c>Auto</c>.</summary>
    public string Security { get; set; } = "Auto";

    public string? UserName { get; set; }

    /// <summary>From the environment or user secrets, never from a committed file.</summary>
    public string? Password { get; set; }

    public string From { get; set; } = "workflows@localhost";

    public string FromName { get; set; } = "Workflows 工作流";

    public int MaxAttempts { get; set; } = 5;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}
