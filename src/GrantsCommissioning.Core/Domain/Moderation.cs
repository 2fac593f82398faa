namespace GrantsCommissioning.Core.Domain;

/// <summary>
/// The score an officer agreed for an application whose assessors' weighted totals differed by more than the round's
/// threshold, with the reason; it replaces the assessors' average on the ranking.
/// </summary>
public class Moderation
{
    public int Id { get; set; }
    public int ApplicationId { get; set; }
    public GrantApplication? Application { get; set; }

    /// <summary>The agreed weighted score out of 100.</summary>
    public int Score { get; set; }
    public required string Reason { get; set; }
    public required string ModeratedByUserId { get; set; }
    public required string ModeratedByName { get; set; }
    public DateTimeOffset ModeratedAt { get; set; }
}
