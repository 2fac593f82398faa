namespace GrantsCommissioning.Core.Domain;

public enum PaymentBasis
{
    Arrears = 1,
    Advance = 2,
}

/// <summary>A grant agreement once an offer is accepted, or a commissioned service contract.</summary>
public class Award : WorkflowCaseBase
{
    public override CaseKind Kind => CaseKind.Award;
    public override string Reference => AwardReference;
    public required string AwardReference { get; set; }
    public int? ApplicationId { get; set; }
    public GrantApplication? Application { get; set; }
    public int? DecisionId { get; set; }
    public Decision? Decision { get; set; }
    public int OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public int FundId { get; set; }
    public Fund? Fund { get; set; }
    public required string Title { get; set; }
    public required string Purpose { get; set; }
    public long AmountPence { get; set; }
    public DateOnly AwardedOn { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    public PaymentBasis PaymentBasis { get; set; }
    public string? AdvanceJustification { get; set; }
    public bool IsCommissionedContract { get; set; }
    public string? DueDiligenceNote { get; set; }
    public List<AwardYearSplit> YearSplits { get; set; } = [];
    public List<AwardCostLine> CostLines { get; set; } = [];
    public List<AwardCondition> Conditions { get; set; } = [];
    public List<AwardIndicator> Indicators { get; set; } = [];
    public List<AwardObjective> Objectives { get; set; } = [];
    public List<NationalPriority> NationalPriorities { get; set; } = [];
    public List<Payment> Payments { get; set; } = [];
    public List<MonitoringReturn> Returns { get; set; } = [];

    public Money Amount => new(AmountPence);
}

public class AwardYearSplit
{
    public int Id { get; set; }
    public int AwardId { get; set; }
    public int FinancialYearStart { get; set; }
    public long AmountPence { get; set; }
}

/// <summary>A line of the eligible-cost schedule; monitoring returns report spend against these.</summary>
public class AwardCostLine
{
    public int Id { get; set; }
    public int AwardId { get; set; }
    public int Order { get; set; }
    public required string Description { get; set; }
    public long AmountPence { get; set; }
}

public class AwardCondition
{
    public int Id { get; set; }
    public int AwardId { get; set; }
    public int Order { get; set; }
    public required string Text { get; set; }
}

public class AwardIndicator
{
    public int Id { get; set; }
    public int AwardId { get; set; }
    public int? ObjectiveId { get; set; }
    public required string Name { get; set; }
    public required string Unit { get; set; }
    public double Target { get; set; }
}

public class AwardObjective
{
    public int AwardId { get; set; }
    public int ObjectiveId { get; set; }
    public PlanObjective? Objective { get; set; }
    public int SharePercent { get; set; }
}

public enum PaymentKind
{
    Instalment = 1,
    Recovery = 2,
}

public class Payment : WorkflowCaseBase
{
    public override CaseKind Kind => CaseKind.Payment;
    public override string Reference => PaymentReference;
    public required string PaymentReference { get; set; }
    public int AwardId { get; set; }
    public Award? Award { get; set; }
    public PaymentKind PaymentKind { get; set; }
    public int InstalmentNumber { get; set; }
    public DateOnly DueDate { get; set; }
    /// <summary>Negative for a recovery (clawback).</summary>
    public long AmountPence { get; set; }
    public string? HoldReason { get; set; }
    public string? RecordedByUserId { get; set; }
    public string? AuthorisedByUserId { get; set; }
    public DateTimeOffset? AuthorisedAt { get; set; }
    public DateOnly? PaidOn { get; set; }
    public string? FinanceReference { get; set; }

    public Money Amount => new(AmountPence);
}

public class MonitoringReturn : WorkflowCaseBase
{
    public override CaseKind Kind => CaseKind.MonitoringReturn;
    public override string Reference => ReturnReference;
    public required string ReturnReference { get; set; }
    public int AwardId { get; set; }
    public Award? Award { get; set; }
    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }
    public DateOnly DueDate { get; set; }
    public string? Narrative { get; set; }
    public string? CaseStudy { get; set; }
    public string? Risks { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public string? SubmittedByUserId { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public string? AcceptedByUserId { get; set; }
    public List<ReturnSpendLine> SpendLines { get; set; } = [];
    public List<ReturnIndicatorValue> IndicatorValues { get; set; } = [];
    public List<Attachment> Evidence { get; set; } = [];
}

public class ReturnSpendLine
{
    public int Id { get; set; }
    public int ReturnId { get; set; }
    public int CostLineId { get; set; }
    public AwardCostLine? CostLine { get; set; }
    public long AmountPence { get; set; }
}

public class ReturnIndicatorValue
{
    public int Id { get; set; }
    public int ReturnId { get; set; }
    public int IndicatorId { get; set; }
    public AwardIndicator? Indicator { get; set; }
    public double Value { get; set; }
}
