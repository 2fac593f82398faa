namespace GrantsCommissioning.Core.Domain;

/// <summary>An append-only, hash-chained record of a change or of access to sensitive data.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public string? ActorUserId { get; set; }
    public required string ActorName { get; set; }
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }
}
