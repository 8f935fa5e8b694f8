namespace Workflows.Forms.Schema;

/// <summary>How much a reported problem weighs: errors block (deploy, submission); warnings inform.</summary>
public enum Severity
{
    Warning,
    Error,
}
