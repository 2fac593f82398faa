namespace GrantsCommissioning.Core.Domain;

/// <summary>The kinds of change to an award a grantee or officer can ask for.</summary>
public enum ChangeRequestKind
{
    EndDateExtension = 1,
    BudgetVirement = 2,
    ScopeChange = 3,
    LeadContactChange = 4,
}
