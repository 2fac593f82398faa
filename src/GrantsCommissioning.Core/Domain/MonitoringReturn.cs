namespace GrantsCommissioning.Core.Domain;

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
