namespace Workflows.Data.Runtime;

/// <summary>
/// A message to one person: in the app always, by e-mail when configured and the person has an
/// address. Every delivery attempt is recorded.
/// </summary>
public sealed class Notification
{
    public const int TitleMaxLength = 200;
    public const int BodyMaxLength = 2000;

    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public string Kind { get; set; } = "";

    public string Title { get; set; } = "";

    public string Body { get; set; } = "";

    public Guid? InstanceId { get; set; }

    public Guid? TaskId { get; set; }

    /// <summary>Makes a notification unique (e.g. <c>reminder:{timerId}:{userId}</c>): retries never send it twice.</summary>
    public string DedupeKey { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime? ReadAt { get; set; }

    public DeliveryStatus EmailStatus { get; set; }

    public int EmailAttempts { get; set; }

    public DateTime? EmailNextAttemptAt { get; set; }

    public DateTime? EmailSentAt { get; set; }

    public string? EmailError { get; set; }

    public int Revision { get; set; }
}

public enum DeliveryStatus
{
    /// <summary>No e-mail: none configured, or the person has no address or chose the digest.</summary>
    NotSent = 0,
    Pending = 1,
    Sent = 2,
    Failed = 3,
}
