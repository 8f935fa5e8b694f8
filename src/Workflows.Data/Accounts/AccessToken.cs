namespace Workflows.Data.Accounts;

/// <summary>
/// A personal access token for API clients. Only the SHA-256 of the secret is stored; the secret
/// is shown once, when the token is created.
/// </summary>
public sealed class AccessToken
{
    public const int NameMaxLength = 100;

    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public User? User { get; set; }

    public string Name { get; set; } = "";

    /// <summary>The first characters of the token, to recognise it in a list.</summary>
    public string Prefix { get; set; } = "";

    public string SecretHash { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? LastUsedAt { get; set; }

    public DateTime? RevokedAt { get; set; }
}
