namespace Workflows.Data;

/// <summary>The <c>Database</c> section of the configuration.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (default) or <c>PostgreSql</c>.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// The connection string. For SQLite it may be left empty: the file <c>workflows.db</c> in the
    /// data folder is used.
    /// </summary>
    public string? ConnectionString { get; set; }
}
