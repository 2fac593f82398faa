using System.ComponentModel.DataAnnotations;

namespace GrantsCommissioning.Core.Features.Monitoring;

/// <summary>The "Monitoring" section of configuration: the thresholds of the automatic checks and the officer's share of changes.</summary>
public sealed class MonitoringOptions
{
    public const string SectionName = "Monitoring";

    /// <summary>Spend to date on a cost line may run this far above the line's budget (flagged); beyond it a return is refused.</summary>
    [Range(0, 100)]
    public int LineOverspendTolerancePercent { get; set; } = 10;

    /// <summary>An indicator that moves by more than this share of the previous period's value is flagged.</summary>
    [Range(1, 10_000)]
    public int IndicatorJumpPercent { get; set; } = 50;

    /// <summary>A period's spend above this, with no evidence file, is flagged (default £1,000).</summary>
    [Range(0, long.MaxValue)]
    public long EvidenceRequiredAbovePence { get; set; } = 100_000;

    /// <summary>A grants officer may approve a virement up to this share of the award; above it a decision maker decides.</summary>
    [Range(0, 100)]
    public int OfficerVirementSharePercent { get; set; } = 10;

    /// <summary>A grants officer may approve an end-date extension of up to this many months; longer goes to a decision maker.</summary>
    [Range(0, 60)]
    public int OfficerExtensionMonths { get; set; } = 3;

    /// <summary>A grants officer may approve a change of an outcome's target by up to this share of the current target; more, or a new purpose, goes to a decision maker.</summary>
    [Range(0, 100)]
    public int OfficerTargetChangePercent { get; set; } = 20;

    /// <summary>The reminder goes this many working days before a return's due date.</summary>
    [Range(0, 60)]
    public int ReminderWorkingDaysBefore { get; set; } = 5;

    /// <summary>A return not sent is overdue (and the grantee told) this many working days after its due date.</summary>
    [Range(1, 60)]
    public int OverdueWorkingDaysAfter { get; set; } = 1;

    /// <summary>An overdue return is escalated to the officer this many working days after it became overdue.</summary>
    [Range(1, 120)]
    public int EscalationWorkingDaysAfter { get; set; } = 10;

    /// <summary>Awards up to this amount report once, at the end (default £1,000).</summary>
    [Range(0, long.MaxValue)]
    public long FinalOnlyUpToPence { get; set; } = 100_000;

    /// <summary>Awards up to this amount (and above <see cref="FinalOnlyUpToPence"/>) report every six months (default £5,000); larger ones quarterly.</summary>
    [Range(0, long.MaxValue)]
    public long SixMonthlyUpToPence { get; set; } = 500_000;

    /// <summary>The share of an award held back until its final report is accepted.</summary>
    [Range(0, 50)]
    public int RetentionPercent { get; set; } = 10;
}
