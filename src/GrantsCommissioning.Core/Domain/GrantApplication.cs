namespace GrantsCommissioning.Core.Domain;

public class GrantApplication : WorkflowCaseBase
{
    public override CaseKind Kind => CaseKind.Application;
    public override string Reference => ApplicationReference;
    public required string ApplicationReference { get; set; }
    public int RoundId { get; set; }
    public FundingRound? Round { get; set; }
    public int OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public string? CreatedByUserId { get; set; }
    public required string ProjectTitle { get; set; }
    public string? Summary { get; set; }
    public long AmountRequestedPence { get; set; }
    public DateOnly? ProjectStart { get; set; }
    public DateOnly? ProjectEnd { get; set; }
    public string? Beneficiaries { get; set; }
    public int? BeneficiaryCount { get; set; }
    public string? AreaServed { get; set; }
    public bool DeclarationsAccepted { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    /// <summary>Two-stage rounds: when the expression of interest was sent; null for an application made in one stage.</summary>
    public DateTimeOffset? InterestSubmittedAt { get; set; }
    /// <summary>Two-stage rounds: when a grants officer invited the full application.</summary>
    public DateTimeOffset? InvitedAt { get; set; }
    /// <summary>A later closing time granted to this applicant alone by a grants officer (audited).</summary>
    public DateTimeOffset? DeadlineExtendedTo { get; set; }
    /// <summary>
    /// Why an officer or decision maker flagged the application as of significant public interest (audited); a flagged
    /// application is decided only at the level that issues decision notices, with a notice, whatever its amount.
    /// </summary>
    public string? PublicInterestReason { get; set; }
    public string? PublicInterestFlaggedByName { get; set; }
    public DateTimeOffset? PublicInterestFlaggedAt { get; set; }
    public List<ApplicationBudgetLine> BudgetLines { get; set; } = [];
    public List<ApplicationObjective> Objectives { get; set; } = [];
    public List<NationalPriority> NationalPriorities { get; set; } = [];
    public List<ApplicationIndicator> Indicators { get; set; } = [];
    public List<Attachment> Attachments { get; set; } = [];
    public List<Assessment> Assessments { get; set; } = [];
    public List<Decision> Decisions { get; set; } = [];

    public Money AmountRequested => new(AmountRequestedPence);

    public bool SignificantPublicInterest => PublicInterestReason is not null;
}
