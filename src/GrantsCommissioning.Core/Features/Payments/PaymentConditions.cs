using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Payments;

/// <summary>
/// An instalment's condition: a monitoring return of the award accepted, or a document received from the grantee.
/// Until it is met the payment stays held with the reason, and the workflow's <c>conditionMet</c> guard refuses making it
/// ready, releasing it and authorising it.
/// </summary>
public static class PaymentConditions
{
    /// <summary>The hold reason of an instalment waiting on a document.</summary>
    public static string AwaitingDocument(string document) => $"Held until {document} is received.";

    /// <summary>The hold reason of an instalment waiting on a monitoring return.</summary>
    public static string AwaitingReturn(string returnReference) => $"Held until monitoring return {returnReference} is accepted.";

    /// <summary>Why the payment's condition is not met yet, or null when it has none or it is met.</summary>
    public static async Task<string?> UnmetAsync(GrantsDbContext db, Payment payment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(payment);
        if (payment.ConditionDocument is { } document && payment.DocumentReceivedAt is null)
        {
            return $"This payment waits for {document}: record it as received before the payment goes ahead.";
        }
        if (payment.HeldForReturnId is { } returnId)
        {
            var ret = await db.Returns.AsNoTracking().Where(r => r.Id == returnId).Select(r => new { r.ReturnReference, r.State }).FirstOrDefaultAsync(ct);
            if (ret is not null && ret.State != ReturnStates.Accepted)
            {
                return $"This payment waits until monitoring return {ret.ReturnReference} is accepted.";
            }
        }
        return null;
    }
}
