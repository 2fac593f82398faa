namespace GrantsCommissioning.Core.Domain;

/// <summary>One row per state change of a case, in order; the idempotency key makes a retry a no-op.</summary>
public class WorkflowJournalEntry
{
    public long Id { get; set; }
    public CaseKind CaseKind { get; set; }
    public int CaseId { get; set; }
    public int Sequence { get; set; }
    public required string DefinitionId { get; set; }
    public int DefinitionVersion { get; set; }
    public required string FromState { get; set; }
    public required string ToState { get; set; }
    public required string Trigger { get; set; }
    public required string ActorUserId { get; set; }
    public required string ActorName { get; set; }
    public string? ActorRole { get; set; }
    public long? AmountPence { get; set; }
    public string? Comment { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public required string IdempotencyKey { get; set; }
}
