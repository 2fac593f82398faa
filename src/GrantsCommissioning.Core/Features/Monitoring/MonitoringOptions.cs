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
}
