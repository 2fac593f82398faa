namespace GrantsCommissioning.Core.Domain;

/// <summary>
/// A durable timer written in the same transaction as the state change that started it. It is the source of truth;
/// Quartz holds a derived trigger for each pending row (see workflows/README.md).
/// </summary>
public class WorkflowTimer
{
    public long Id { get; set; }
    public CaseKind CaseKind { get; set; }
    public int CaseId { get; set; }
    public required string DefinitionId { get; set; }
    public int DefinitionVersion { get; set; }
    public required string State { get; set; }
    public required string Trigger { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public WorkflowTimerStatus Status { get; set; } = WorkflowTimerStatus.Pending;
    /// <summary>True while Quartz holds a trigger for this row.</summary>
    public bool InScheduler { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
}
