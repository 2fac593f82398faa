using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.Payments;

/// <summary>
/// Money the OPCC asks back from a grantee (clawback of a payment, underspend, or what a termination decision names):
/// a negative movement on the award, counted against spend from the day it is raised in the award's, the fund's and
/// the objectives' figures.
/// </summary>
public class Recovery
{
    public int Id { get; set; }
    public int AwardId { get; set; }
    public Award? Award { get; set; }
    /// <summary>The payment clawed back, when the recovery is of one payment.</summary>
    public int? PaymentId { get; set; }
    /// <summary>Negative: the movement's effect on spend.</summary>
    public long AmountPence { get; set; }
    public DateOnly RaisedOn { get; set; }
    public required string InvoiceReference { get; set; }
    public required string Reason { get; set; }
    public RecoveryStatus Status { get; set; }
    public required string RaisedByUserId { get; set; }
    public required string RaisedByName { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
    /// <summary>Positive: the money that has come back against the invoice, once finance records it received.</summary>
    public long? ReceivedPence { get; set; }
    public DateOnly? ReceivedOn { get; set; }
    /// <summary>The finance system's reference for the receipt.</summary>
    public string? ReceiptReference { get; set; }
    public string? ReceivedByName { get; set; }
    public DateTimeOffset? ReceivedAt { get; set; }

    public Money Amount => new(AmountPence);
}
