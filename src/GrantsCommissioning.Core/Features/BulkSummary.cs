namespace GrantsCommissioning.Core.Features;

public enum BulkOutcome
{
    Done,
    AlreadyDone,
    Failed,
}

/// <summary>What happened to one case of a bulk action.</summary>
public sealed record BulkLine(int CaseId, string Reference, BulkOutcome Outcome, string Message);

/// <summary>
/// The summary of a bulk action: one line per case chosen. Each case goes through the workflow on its own (its own
/// guard, transaction and idempotency key), so one that fails changes nothing and stops nothing else.
/// </summary>
public sealed record BulkSummary(IReadOnlyList<BulkLine> Lines)
{
    public int Count(BulkOutcome outcome) => Lines.Count(l => l.Outcome == outcome);
}
