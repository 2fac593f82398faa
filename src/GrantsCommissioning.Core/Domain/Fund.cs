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
    /// <summary>Where the money comes from (PCC precept, Home Office Community Safety Fund, Ministry of Justice victims' grant).</summary>
    public string? FundingSource { get; set; }
    /// <summary>The conditions the funding source sets; every award from the fund carries them.</summary>
    public string? SourceConditions { get; set; }
    public bool IsRingFenced { get; set; }
    /// <summary>Allocated to named partners by a published table rather than through open applications.</summary>
    public bool AllocatesByTable { get; set; }
    /// <summary>How far commitments in a year may go, as a percentage of that year's budget (the agreed over-allocation cap).</summary>
    public int CapPercent { get; set; } = 100;
    public List<FundBudget> Budgets { get; set; } = [];
    public List<FundingRound> Rounds { get; set; } = [];

    public Money? MaxAward => MaxAwardPence is { } p ? new Money(p) : null;
}
