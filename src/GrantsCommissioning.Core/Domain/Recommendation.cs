namespace GrantsCommissioning.Core.Domain;

public enum Recommendation
{
    None = 0,
    Fund = 1,
    PartFund = 2,
    Defer = 3,
    Reject = 4,
}
