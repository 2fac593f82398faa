namespace GrantsCommissioning.Core.Domain;

public class Payment : WorkflowCaseBase
{
    public override CaseKind Kind => CaseKind.Payment;
    public override string Reference => PaymentReference;
    public required string PaymentReference { get; set; }
    public int AwardId { get; set; }
    public Award? Award { get; set; }
    public PaymentKind PaymentKind { get; set; }
    public int InstalmentNumber { get; set; }
    public DateOnly DueDate { get; set; }
    /// <summary>Negative for a recovery (clawback).</summary>
    public long AmountPence { get; set; }
    public string? HoldReason { get; set; }
    /// <summary>The monitoring return this payment is held waiting on; accepting that return makes the payment ready.</summary>
    public int? HeldForReturnId { get; set; }
    public string? RecordedByUserId { get; set; }
    public string? AuthorisedByUserId { get; set; }
    public DateTimeOffset? AuthorisedAt { get; set; }
    public DateOnly? PaidOn { get; set; }
    public string? FinanceReference { get; set; }

    public Money Amount => new(AmountPence);
}
