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
    /// <summary>The monitoring return this payment is held waiting on (its condition); accepting that return makes the payment ready.</summary>
    public int? HeldForReturnId { get; set; }
    /// <summary>Paid ahead of need (in advance) or after the spend it funds (in arrears).</summary>
    public PaymentBasis Basis { get; set; } = PaymentBasis.Arrears;
    /// <summary>Why this instalment is paid ahead of need; every advance has one (Managing Public Money).</summary>
    public string? AdvanceJustification { get; set; }
    /// <summary>A document the grantee must send before this instalment is paid (its condition); null when none.</summary>
    public string? ConditionDocument { get; set; }
    public DateTimeOffset? DocumentReceivedAt { get; set; }
    public string? DocumentReceivedByName { get; set; }
    public string? RecordedByUserId { get; set; }
    public string? AuthorisedByUserId { get; set; }
    public DateTimeOffset? AuthorisedAt { get; set; }
    public DateOnly? PaidOn { get; set; }
    public string? FinanceReference { get; set; }

    public Money Amount => new(AmountPence);
}
