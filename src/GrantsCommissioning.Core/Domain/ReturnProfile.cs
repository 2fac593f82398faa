namespace GrantsCommissioning.Core.Domain;

/// <summary>How often an award's grantee reports: each financial quarter, each half of the financial year, or once at the end.</summary>
public enum ReturnProfile
{
    Quarterly = 1,
    SixMonthly = 2,
    FinalOnly = 3,
}
