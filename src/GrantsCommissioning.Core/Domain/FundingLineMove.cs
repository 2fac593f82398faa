namespace GrantsCommissioning.Core.Domain;

/// <summary>
/// An officer moving an application across its round's funding line: into funding from below it, or out of funding from
/// above it, with the reason. The latest move for an application stands; earlier ones stay as its history.
/// </summary>
public class FundingLineMove
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public int ApplicationId { get; set; }
    public GrantApplication? Application { get; set; }
    /// <summary>True when moved into funding (above the line); false when moved out of it.</summary>
    public bool IntoFunding { get; set; }
    public required string Reason { get; set; }
    public required string MovedByUserId { get; set; }
    public required string MovedByName { get; set; }
    public DateTimeOffset MovedAt { get; set; }
}
