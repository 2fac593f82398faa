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
    /// <summary>
    /// Two-stage rounds only: expressions of interest close at this time; only organisations invited from them complete
    /// the full application, by <see cref="ClosesAt"/>. Null on a single-stage round.
    /// </summary>
    public DateTimeOffset? InterestClosesAt { get; set; }
    public long MaxAwardPence { get; set; }
    public long MinAwardPence { get; set; }
    /// <summary>Small-fund rounds use the short application form.</summary>
    public bool UsesShortForm { get; set; }
    /// <summary>A round an officer is still setting up: never shown publicly and no one can apply to it.</summary>
    public bool IsDraft { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    /// <summary>The round's budget: the funding line on the ranking; null on rounds set up before rounds had one.</summary>
    public long? BudgetPence { get; set; }
    /// <summary>How many assessors score each application (e.g. 2, or 1 on the small fund).</summary>
    public int AssessorsPerApplication { get; set; } = 2;
    /// <summary>Assessors' weighted totals (out of 100) differing by more than this send the case to moderation.</summary>
    public int DivergenceThresholdPercent { get; set; } = 20;
    /// <summary>The organisation types that may apply, comma-separated <see cref="OrganisationType"/> names; empty = any.</summary>
    public string EligibleOrganisationTypes { get; set; } = "";
    /// <summary>The areas served that may apply, separated by '|'; empty = anywhere in the police area.</summary>
    public string EligibleAreas { get; set; } = "";
    public List<EligibilityRule> EligibilityRules { get; set; } = [];
    public List<AssessmentCriterion> Criteria { get; set; } = [];
    public List<PlanObjective> Objectives { get; set; } = [];

    public Money MaxAward => new(MaxAwardPence);
    public Money MinAward => new(MinAwardPence);
    public Money? Budget => BudgetPence is { } p ? new Money(p) : null;
    public bool IsOpenAt(DateTimeOffset now) => now >= OpensAt && now < ClosesAt;
    public bool IsTwoStage => InterestClosesAt is not null;
}
