namespace GrantsCommissioning.Core.Domain;

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
