using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Payments;

/// <summary>Finance records a payment as paid with the finance-system reference; the other steps are the case page's buttons.</summary>
public sealed class PaymentService(ICaseWorkflow workflow, IDbContextFactory<GrantsDbContext> factory)
{
    /// <summary>Records a payment as paid; a held payment is refused with the reason it is held, not only its state.</summary>
    public async Task<FeatureResult<bool>> PayAsync(int paymentId, DateOnly paidOn, string financeReference, Actor actor, string idempotencyKey,
        int? expectedVersion = null, CancellationToken ct = default)
    {
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var held = await db.Payments.Where(p => p.Id == paymentId && p.State == PaymentStates.Held)
                .Select(p => new { p.PaymentReference, p.HoldReason }).FirstOrDefaultAsync(ct);
            if (held is not null)
            {
                return FeatureResult<bool>.Fail(new NoLongerPossible("payment", "recorded as paid",
                    $"{held.PaymentReference} is held ({held.HoldReason ?? "no reason recorded"}): release it and have it authorised first."));
            }
        }
        var result = await workflow.FireAsync(
            new TransitionRequest(new CaseRef(CaseKind.Payment, paymentId), PaymentTriggers.Pay, actor, idempotencyKey)
            {
                ExpectedVersion = expectedVersion,
                Comment = financeReference?.Trim(),
                Payload = new PaymentMade(paidOn, financeReference ?? ""),
            },
            ct);
        return FeatureResult<bool>.From(result, true);
    }

    /// <summary>Finance claws back a paid payment: the amount, the invoice date and reference, and why.</summary>
    public async Task<FeatureResult<bool>> RecoverAsync(int paymentId, string? amount, DateOnly raisedOn, string? invoiceReference, string? reason, Actor actor,
        string idempotencyKey, int? expectedVersion = null, CancellationToken ct = default)
    {
        if (!Money.TryParse(amount, out var money))
        {
            return FeatureResult<bool>.Fail(new NotAnAmount("the amount to recover", "12000.00"));
        }
        var result = await workflow.FireAsync(
            new TransitionRequest(new CaseRef(CaseKind.Payment, paymentId), PaymentTriggers.Recover, actor, idempotencyKey)
            {
                ExpectedVersion = expectedVersion, Comment = reason?.Trim(), Payload = new RecoveryRaised(money, raisedOn, invoiceReference ?? ""),
            },
            ct);
        return FeatureResult<bool>.From(result, true);
    }
}
