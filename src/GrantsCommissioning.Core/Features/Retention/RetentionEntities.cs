using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.Retention;

/// <summary>The kinds of record a retention policy governs; each has one policy row.</summary>
public enum RetentionRecordType
{
    /// <summary>Rejected applications and declined offers, with their documents: kept for a period after the decision.</summary>
    UnsuccessfulApplication = 1,
    /// <summary>Withdrawn applications (drafts or submitted), with their documents: kept for a period after withdrawal.</summary>
    WithdrawnApplication = 2,
    /// <summary>Closed or terminated awards with their application, returns and payments: kept for a period after closure.</summary>
    ClosedAward = 3,
}

public enum RetentionUnit
{
    Months = 1,
    Years = 2,
}

/// <summary>How long one record type is kept after its clock starts (the decision, the withdrawal, the award's close).</summary>
public class RetentionPolicy
{
    public int Id { get; set; }
    public RetentionRecordType RecordType { get; set; }
    public int Period { get; set; }
    public RetentionUnit Unit { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? UpdatedByName { get; set; }
}

/// <summary>A case (application or award) that nothing may purge while the hold stands, with why and who placed and lifted it.</summary>
public class LegalHold
{
    public int Id { get; set; }
    public CaseKind CaseKind { get; set; }
    public int CaseId { get; set; }
    public required string Reference { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset PlacedAt { get; set; }
    public required string PlacedByName { get; set; }
    public DateTimeOffset? LiftedAt { get; set; }
    public string? LiftedByName { get; set; }
    public string? LiftReason { get; set; }
}

public enum RetentionRunStatus
{
    /// <summary>A dry run waiting for an administrator's approval; nothing has been removed.</summary>
    Proposed = 1,
    /// <summary>Approved and carried out.</summary>
    Performed = 2,
    /// <summary>A newer dry run replaced it before anyone approved it.</summary>
    Superseded = 3,
}

/// <summary>A dry-run report of what retention would remove, and once approved, the record of what it did.</summary>
public class RetentionRun
{
    public int Id { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedByName { get; set; }
    public RetentionRunStatus Status { get; set; } = RetentionRunStatus.Proposed;
    public DateTimeOffset? ApprovedAt { get; set; }
    public string? ApprovedByUserId { get; set; }
    public string? ApprovedByName { get; set; }
    public List<RetentionRunItem> Items { get; set; } = [];
}

public enum RetentionItemKind
{
    /// <summary>Past its policy: the approval purges it.</summary>
    Purge = 1,
    /// <summary>Past its policy but kept (legal hold, or a live award needs it); listed so the administrator sees why.</summary>
    Kept = 2,
}

public enum RetentionOutcome
{
    Pending = 1,
    Done = 2,
    /// <summary>Not purged at approval: it was put under a legal hold (or an award needed it) after the report was made.</summary>
    Skipped = 3,
}

/// <summary>One record in a report: which policy, since when, what would be done, and (after approval) what was done.</summary>
public class RetentionRunItem
{
    public int Id { get; set; }
    public int RunId { get; set; }
    public RetentionRecordType RecordType { get; set; }
    public CaseKind CaseKind { get; set; }
    public int CaseId { get; set; }
    public required string Reference { get; set; }
    public RetentionItemKind Kind { get; set; }
    /// <summary>When the policy's clock started (the decision, the withdrawal, the award's close).</summary>
    public DateTimeOffset Since { get; set; }
    /// <summary>The first UK date on which the policy allows removal.</summary>
    public DateOnly DueOn { get; set; }
    public required string Policy { get; set; }
    /// <summary>What the approval does to it, or why it is kept.</summary>
    public required string Action { get; set; }
    public RetentionOutcome Outcome { get; set; } = RetentionOutcome.Pending;
    public string? OutcomeNote { get; set; }
}
