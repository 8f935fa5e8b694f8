namespace Workflows.Data.Organisation;

/// <summary>The administrative levels of the organisation tree (DOMAIN.md §1.1, L1–L5).</summary>
public enum UnitLevel
{
    Province = 1,
    City = 2,
    County = 3,
    Township = 4,
    Community = 5,
}
