using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.Audit;

/// <summary>The before and after images of a case for the audit row of a workflow transition.</summary>
public static class CaseAuditImage
{
    public static object Before(string state, int version) => new { state, version };

    public static object After(IWorkflowCase c, Money? amount, string? comment)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c switch
        {
            Payment p => new
            {
                state = p.State, version = p.Version, reference = p.Reference, amountPence = p.AmountPence, financeReference = p.FinanceReference,
                paidOn = p.PaidOn, authorisedByUserId = p.AuthorisedByUserId, comment,
            },
            _ => (object)new { state = c.State, version = c.Version, reference = c.Reference, amountPence = amount?.Pence, comment },
        };
    }
}
