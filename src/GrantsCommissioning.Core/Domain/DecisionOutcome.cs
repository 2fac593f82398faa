namespace GrantsCommissioning.Core.Domain;

public enum DecisionOutcome
{
    Approve = 1,
    PartFund = 2,
    Defer = 3,
    Reject = 4,
}
