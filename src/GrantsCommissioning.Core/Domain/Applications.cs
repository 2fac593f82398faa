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
    /// <summary>A later closing time granted to this applicant alone by a grants officer (audited).</summary>
    public DateTimeOffset? DeadlineExtendedTo { get; set; }
    public List<ApplicationBudgetLine> BudgetLines { get; set; } = [];
    public List<ApplicationObjective> Objectives { get; set; } = [];
    public List<NationalPriority> NationalPriorities { get; set; } = [];
    public List<ApplicationIndicator> Indicators { get; set; } = [];
    public List<Attachment> Attachments { get; set; } = [];
    public List<Assessment> Assessments { get; set; } = [];
    public List<Decision> Decisions { get; set; } = [];

    public Money AmountRequested => new(AmountRequestedPence);
}

public class ApplicationBudgetLine
{
    public int Id { get; set; }
    public int ApplicationId { get; set; }
    public int Order { get; set; }
    public required string Description { get; set; }
    public required string Category { get; set; }
    public long AmountPence { get; set; }
}

/// <summary>A link from an application to a plan objective with the share of the amount it serves (shares sum to 100).</summary>
public class ApplicationObjective
{
    public int ApplicationId { get; set; }
    public int ObjectiveId { get; set; }
    public PlanObjective? Objective { get; set; }
    public int SharePercent { get; set; }
}

public class ApplicationIndicator
{
    public int Id { get; set; }
    public int ApplicationId { get; set; }
    public int? ObjectiveId { get; set; }
    public required string Name { get; set; }
    public required string Unit { get; set; }
    public double Target { get; set; }
}

public class Attachment
{
    public int Id { get; set; }
    public int? ApplicationId { get; set; }
    public int? MonitoringReturnId { get; set; }
    public int? OrganisationId { get; set; }
    public required string Purpose { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long SizeBytes { get; set; }
    /// <summary>Generated name of the file in the store outside wwwroot; never derived from user input.</summary>
    public required string StoredName { get; set; }
    public required string Sha256 { get; set; }
    public string? UploadedByUserId { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}

public enum Recommendation
{
    None = 0,
    Fund = 1,
    PartFund = 2,
    Defer = 3,
    Reject = 4,
}

public class Assessment
{
    public int Id { get; set; }
    public int ApplicationId { get; set; }
    public GrantApplication? Application { get; set; }
    public required string AssessorUserId { get; set; }
    public required string AssessorName { get; set; }
    public bool? HasConflict { get; set; }
    public string? ConflictDetails { get; set; }
    public DateTimeOffset? ConflictDeclaredAt { get; set; }
    public Recommendation Recommendation { get; set; }
    public long? RecommendedAmountPence { get; set; }
    public string? Comments { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public List<AssessmentScore> Scores { get; set; } = [];
}

public class AssessmentScore
{
    public int Id { get; set; }
    public int AssessmentId { get; set; }
    public int CriterionId { get; set; }
    public AssessmentCriterion? Criterion { get; set; }
    public int Score { get; set; }
    public string? Comment { get; set; }
}

public enum DecisionOutcome
{
    Approve = 1,
    PartFund = 2,
    Defer = 3,
    Reject = 4,
}

/// <summary>The level of the Scheme of Delegation a decision was taken under.</summary>
public enum AuthorityLevel
{
    GrantsOfficer = 1,
    DecisionMaker = 2,
    Commissioner = 3,
}

public class Decision
{
    public int Id { get; set; }
    public int ApplicationId { get; set; }
    public GrantApplication? Application { get; set; }
    public DecisionOutcome Outcome { get; set; }
    public long AmountPence { get; set; }
    public string? Conditions { get; set; }
    public required string Rationale { get; set; }
    public required string DecidedByUserId { get; set; }
    public required string DecidedByName { get; set; }
    public AuthorityLevel AuthorityLevel { get; set; }
    public DateTimeOffset DecidedAt { get; set; }
    /// <summary>PCC decision notice reference, e.g. "WMPCC/2013/017", for Commissioner decisions.</summary>
    public string? NoticeReference { get; set; }
    public DateOnly? PublishedOn { get; set; }

    public Money Amount => new(AmountPence);
}
