namespace GrantsCommissioning.Core.Features.PaymentRuns;

/// <summary>One payment in a run; a payment is in one run at most (unique), so it can never be exported twice.</summary>
public class PaymentRunItem
{
    public int Id { get; set; }
    public int RunId { get; set; }
    public int PaymentId { get; set; }
    public long AmountPence { get; set; }
}
