namespace GrantsCommissioning.Core.Domain;

public class Fund
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string Purpose { get; set; }
    public required string SeniorResponsibleOfficer { get; set; }
    public required string SeniorResponsibleOfficerRole { get; set; }
    /// <summary>The most one award from this fund may be; null where only the round sets a limit.</summary>
    public long? MaxAwardPence { get; set; }
    public bool IsSmallFund { get; set; }
    public List<FundBudget> Budgets { get; set; } = [];
    public List<FundingRound> Rounds { get; set; } = [];

    public Money? MaxAward => MaxAwardPence is { } p ? new Money(p) : null;
}
