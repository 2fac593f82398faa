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

public class FundBudget
{
    public int Id { get; set; }
    public int FundId { get; set; }
    public Fund? Fund { get; set; }
    public int FinancialYearStart { get; set; }
    public long AmountPence { get; set; }

    public FinancialYear Year => new(FinancialYearStart);
    public Money Amount => new(AmountPence);
}

public class FundingRound
{
    public int Id { get; set; }
    public int FundId { get; set; }
    public Fund? Fund { get; set; }
    public required string Reference { get; set; }
    public required string Title { get; set; }
    public required string Purpose { get; set; }
    public required string WhoCanApply { get; set; }
    public DateTimeOffset OpensAt { get; set; }
    public DateTimeOffset ClosesAt { get; set; }
    public long MaxAwardPence { get; set; }
    public long MinAwardPence { get; set; }
    /// <summary>Small-fund rounds use the short application form.</summary>
    public bool UsesShortForm { get; set; }
    public List<EligibilityRule> EligibilityRules { get; set; } = [];
    public List<AssessmentCriterion> Criteria { get; set; } = [];
    public List<PlanObjective> Objectives { get; set; } = [];

    public Money MaxAward => new(MaxAwardPence);
    public Money MinAward => new(MinAwardPence);
    public bool IsOpenAt(DateTimeOffset now) => now >= OpensAt && now < ClosesAt;
}

public class EligibilityRule
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public int Order { get; set; }
    /// <summary>A yes/no question; the applicant is eligible only if every answer matches <see cref="RequiredAnswer"/>.</summary>
    public required string Question { get; set; }
    public bool RequiredAnswer { get; set; } = true;
    public required string FailureMessage { get; set; }
}

public class AssessmentCriterion
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public int Order { get; set; }
    public required string Title { get; set; }
    public required string Guidance { get; set; }
    public int WeightPercent { get; set; }
    public int MaxScore { get; set; } = 5;
}
