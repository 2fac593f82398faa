namespace GrantsCommissioning.Core.Features.PaymentRuns;

/// <summary>A row of a status file that does not match what was exported, for finance to resolve.</summary>
public class ReconciliationItem
{
    public int Id { get; set; }
    public int ImportId { get; set; }
    public int Row { get; set; }
    public required string PaymentReference { get; set; }
    public required string FinanceReference { get; set; }
    public long AmountPence { get; set; }
    public DateOnly PaidOn { get; set; }
    public ReconciliationIssue Issue { get; set; }
    public required string Detail { get; set; }
}
