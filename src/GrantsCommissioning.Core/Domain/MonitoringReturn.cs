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
    /// <summary>When the reminder goes (a set number of working days before the due date); the workflow's reminder timer is anchored here.</summary>
    public DateTimeOffset? RemindAt { get; set; }
    /// <summary>When an unsent return becomes overdue (working days after the due date) and the grantee is told.</summary>
    public DateTimeOffset? OverdueAt { get; set; }
    /// <summary>When an overdue return is escalated to the officer (a further period of working days).</summary>
    public DateTimeOffset? EscalateAt { get; set; }
    public string? Narrative { get; set; }
    public string? CaseStudy { get; set; }
    public string? Risks { get; set; }
    /// <summary>The last draft saved (by any member) before the return was sent.</summary>
    public string? DraftSavedByName { get; set; }
    public DateTimeOffset? DraftSavedAt { get; set; }
    /// <summary>The owner of the grantee organisation who signed the return off and sent it.</summary>
    public string? SignedOffByUserId { get; set; }
    public string? SignedOffByName { get; set; }
    public DateTimeOffset? SignedOffAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public string? SubmittedByUserId { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public string? AcceptedByUserId { get; set; }
    public List<ReturnSpendLine> SpendLines { get; set; } = [];
    public List<ReturnIndicatorValue> IndicatorValues { get; set; } = [];
    public List<Attachment> Evidence { get; set; } = [];
}
