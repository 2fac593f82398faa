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

public enum OutboxStatus
{
    Pending = 1,
    Sent = 2,
    Failed = 3,
    /// <summary>Handed to the mail server (committed before the message is transmitted); the outcome is not yet recorded.</summary>
    Sending = 4,
    /// <summary>
    /// The message was transmitted but the server's reply was lost, or the app stopped mid-send: it may have been
    /// delivered, so it is not sent again automatically (at most once); an administrator decides.
    /// </summary>
    InDoubt = 5,
}

/// <summary>An email written in the same transaction as the change it reports, and sent later by a job.</summary>
public class OutboxEmail
{
    public long Id { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string ToAddress { get; set; }
    public string? ToName { get; set; }
    public required string Subject { get; set; }
    public required string BodyText { get; set; }
    public string? Template { get; set; }
    /// <summary>Stable Message-ID, so a retry after an unknown outcome is recognisable as the same message.</summary>
    public required string MessageId { get; set; }
    /// <summary>Unique: one email per cause (e.g. transition key + recipient), never two.</summary>
    public required string DedupeKey { get; set; }
    public OutboxStatus Status { get; set; } = OutboxStatus.Pending;
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    /// <summary>When the latest attempt began (written before the message goes to the server).</summary>
    public DateTimeOffset? LastAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }
}

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

/// <summary>A released workflow definition file and its hash; a changed file for a released version stops start-up.</summary>
public class WorkflowDefinitionRecord
{
    public int Id { get; set; }
    public required string DefinitionId { get; set; }
    public int Version { get; set; }
    public required string Sha256 { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
}
