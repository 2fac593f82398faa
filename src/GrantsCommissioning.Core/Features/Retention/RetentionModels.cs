using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.Retention;

/// <summary>A change to one record type's policy, as the form posts it (the period as typed, checked by the validator).</summary>
public sealed class RetentionPolicyInput
{
    public RetentionRecordType? RecordType { get; set; }
    public string? Period { get; set; }
    public RetentionUnit? Unit { get; set; }
}

/// <summary>A case to put under legal hold: its application or award reference and why.</summary>
public sealed class LegalHoldInput
{
    public string? Reference { get; set; }
    public string? Reason { get; set; }
}

/// <summary>Lifting a hold, with why.</summary>
public sealed class LiftHoldInput
{
    public int HoldId { get; set; }
    public string? Reason { get; set; }
}

public static class RetentionInputs
{
    public const int MaxReasonLength = 500;
    public const int MaxYears = 50;
}

public sealed record RetentionPolicyRow(RetentionRecordType RecordType, string Title, string ClockStarts, string Removes, int Period, RetentionUnit Unit,
    DateTimeOffset? UpdatedAt, string? UpdatedByName)
{
    public string Describe => RetentionDefaults.Describe(Period, Unit);
}

public sealed record LegalHoldRow(int Id, CaseKind CaseKind, string Reference, string Reason, DateTimeOffset PlacedAt, string PlacedByName,
    DateTimeOffset? LiftedAt, string? LiftedByName, string? LiftReason);

public sealed record LegalHoldPage(IReadOnlyList<LegalHoldRow> Rows, int Total);

public sealed record RetentionTypeCount(RetentionRecordType RecordType, string Title, int Purge, int Kept);

public sealed record RetentionRunSummary(int Id, DateTimeOffset CreatedAt, string CreatedByName, RetentionRunStatus Status, DateTimeOffset? ApprovedAt,
    string? ApprovedByName, int Purge, int Kept, int Done, int Skipped, IReadOnlyList<RetentionTypeCount> ByType);

public sealed record RetentionItemRow(int Id, RetentionRecordType RecordType, CaseKind CaseKind, string Reference, RetentionItemKind Kind, DateTimeOffset Since,
    DateOnly DueOn, string Policy, string Action, RetentionOutcome Outcome, string? OutcomeNote);

public sealed record RetentionItemPage(IReadOnlyList<RetentionItemRow> Rows, int Total);

/// <summary>What an approval did: purged, skipped (held or needed since the report), and items already done before.</summary>
public sealed record RetentionApproval(int RunId, int Purged, int Skipped, int DocumentsDeleted);
