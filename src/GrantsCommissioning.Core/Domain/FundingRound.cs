namespace GrantsCommissioning.Core.Domain;

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
