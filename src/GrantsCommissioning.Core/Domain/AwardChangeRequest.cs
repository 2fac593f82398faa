namespace GrantsCommissioning.Core.Domain;

/// <summary>A typed change to an award (an end-date extension or a budget virement), kept with its decision as the award's history.</summary>
public class AwardChangeRequest
{
    public int Id { get; set; }
    public int AwardId { get; set; }
    public ChangeRequestKind Kind { get; set; }
    public required string Reason { get; set; }
    /// <summary>For an extension: the end date before and the one asked for.</summary>
    public DateOnly? PreviousEndDate { get; set; }
    public DateOnly? NewEndDate { get; set; }
    /// <summary>For a virement: the amount moved from one cost line to another.</summary>
    public int? FromCostLineId { get; set; }
    public int? ToCostLineId { get; set; }
    public long AmountPence { get; set; }
    /// <summary>For a change of scope: the purpose before and after; for a change of lead contact: the contact before and the new name.</summary>
    public string? PreviousText { get; set; }
    public string? NewText { get; set; }
    /// <summary>For a change of lead contact: the new contact's email.</summary>
    public string? NewEmail { get; set; }
    /// <summary>For a change of outcomes: the indicator whose target changes, and its new target.</summary>
    public int? IndicatorId { get; set; }
    public double? PreviousTarget { get; set; }
    public double? NewTarget { get; set; }
    public ChangeRequestStatus Status { get; set; }
    public required string RequestedByUserId { get; set; }
    public required string RequestedByName { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public string? DecidedByUserId { get; set; }
    public string? DecidedByName { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    /// <summary>What the decider wrote: why a change was refused (always given), or a note on an approval; the grantee reads it.</summary>
    public string? DecisionComment { get; set; }

    public Money Amount => new(AmountPence);
}
