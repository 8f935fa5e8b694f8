using Microsoft.EntityFrameworkCore;

namespace Workflows.Data;

/// <summary>The model on SQLite, the embedded default. Migrations: <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteWorkflowsDbContext(DbContextOptions<SqliteWorkflowsDbContext> options) : WorkflowsDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

/// <summary>The model on PostgreSQL, for real deployments and several nodes. Migrations: <c>Migrations/Postgres</c>.</summary>
public sealed class PostgresWorkflowsDbContext(DbContextOptions<PostgresWorkflowsDbContext> options) : WorkflowsDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
