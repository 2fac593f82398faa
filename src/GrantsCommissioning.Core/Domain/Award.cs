namespace GrantsCommissioning.Core.Domain;

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
    /// <summary>The grants officer who looks after the award (their portfolio); null until one is named.</summary>
    public string? OfficerUserId { get; set; }
    /// <summary>How often the grantee sends monitoring returns (its profile); the return schedule is made from it.</summary>
    public ReturnProfile ReturnProfile { get; set; } = ReturnProfile.Quarterly;
    /// <summary>The grantee's lead contact for this award (changed by a change request); null until one is named.</summary>
    public string? LeadContactName { get; set; }
    public string? LeadContactEmail { get; set; }
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
