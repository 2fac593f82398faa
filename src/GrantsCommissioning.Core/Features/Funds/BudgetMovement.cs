using System.Text.Json.Serialization;

namespace GrantsCommissioning.Core.Features.Funds;

[JsonConverter(typeof(JsonStringEnumConverter<CarryForwardTo>))]
public enum CarryForwardTo
{
    NextYearBudget = 1,
    Reserves = 2,
}

/// <summary>A year-end decision: underspend of a fund's year carried into next year's budget or to reserves.</summary>
public class CarryForward
{
    public int Id { get; set; }
    public int FundId { get; set; }
    public int FromYearStart { get; set; }
    public long AmountPence { get; set; }
    public CarryForwardTo Destination { get; set; }
    public required string Reason { get; set; }
    public required string DecidedByUserId { get; set; }
    public required string DecidedByName { get; set; }
    public DateTimeOffset DecidedAt { get; set; }
}

public enum VirementStatus
{
    Requested = 1,
    Approved = 2,
    Refused = 3,
}

/// <summary>Budget moved between two funds in a year: requested by finance, approved (or refused) by the Chief Finance Officer, never the requester.</summary>
public class Virement
{
    public int Id { get; set; }
    public int FromFundId { get; set; }
    public int ToFundId { get; set; }
    public int YearStart { get; set; }
    public long AmountPence { get; set; }
    public required string Reason { get; set; }
    public VirementStatus Status { get; set; } = VirementStatus.Requested;
    public required string RequestedByUserId { get; set; }
    public required string RequestedByName { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public string? DecidedByUserId { get; set; }
    public string? DecidedByName { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecisionNote { get; set; }
}
