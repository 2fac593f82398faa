namespace GrantsCommissioning.Core.Domain;

/// <summary>The level of the Scheme of Delegation a decision was taken under.</summary>
public enum AuthorityLevel
{
    GrantsOfficer = 1,
    DecisionMaker = 2,
    Commissioner = 3,
}
