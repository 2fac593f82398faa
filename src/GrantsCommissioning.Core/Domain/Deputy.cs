namespace GrantsCommissioning.Core.Domain;

/// <summary>
/// A deputy nominated by a decision maker (or the Commissioner) to act in their place: deciding and approving up to the
/// deputy's own limit, which is never higher than the principal's. Ending a nomination keeps the row.
/// </summary>
public class Deputy
{
    public int Id { get; set; }
    public required string PrincipalUserId { get; set; }
    public required string PrincipalName { get; set; }
    public required string DeputyUserId { get; set; }
    public required string DeputyName { get; set; }
    public long LimitPence { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset NominatedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? EndedByName { get; set; }

    public Money Limit => new(LimitPence);
}
