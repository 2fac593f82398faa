using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;

namespace GrantsCommissioning.Core.Features.Payments;

/// <summary>Finance steps on an instalment: record it ready, authorise (a different person), pay with the finance-system reference.</summary>
public sealed class PaymentService(ICaseWorkflow workflow, TimeProvider clock)
{
    public async Task<FeatureResult<bool>> MakeReadyAsync(int paymentId, Actor actor, string idempotencyKey, int? expectedVersion = null, CancellationToken ct = default) =>
        FeatureResult<bool>.From(await FireAsync(paymentId, PaymentTriggers.MakeReady, actor, idempotencyKey, expectedVersion, null,
            RecordingOf(PaymentTriggers.MakeReady, actor)!, ct).ConfigureAwait(false), true);

    public async Task<FeatureResult<bool>> AuthoriseAsync(int paymentId, Actor actor, string idempotencyKey, int? expectedVersion = null, CancellationToken ct = default) =>
        FeatureResult<bool>.From(await FireAsync(paymentId, PaymentTriggers.Authorise, actor, idempotencyKey, expectedVersion, null,
            RecordingOf(PaymentTriggers.Authorise, actor)!, ct).ConfigureAwait(false), true);

    /// <summary>What a payment trigger records about who acted, for callers that fire it generically (the case page's buttons).</summary>
    public Func<GrantsCommissioning.Core.Data.GrantsDbContext, IWorkflowCase, CancellationToken, Task>? EffectsFor(string trigger, Actor actor) =>
        RecordingOf(trigger, actor) is { } apply
            ? (_, c, _) =>
            {
                apply((Payment)c);
                return Task.CompletedTask;
            }
            : null;

    private Action<Payment>? RecordingOf(string trigger, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return trigger switch
        {
            PaymentTriggers.MakeReady => p => p.RecordedByUserId = actor.UserId,
            PaymentTriggers.Authorise => p =>
            {
                p.AuthorisedByUserId = actor.UserId;
                p.AuthorisedAt = clock.GetUtcNow();
            },
            _ => null,
        };
    }

    public async Task<FeatureResult<bool>> PayAsync(int paymentId, DateOnly paidOn, string financeReference, Actor actor, string idempotencyKey,
        int? expectedVersion = null, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(financeReference) || financeReference.Trim().Length > 40)
        {
            return FeatureResult<bool>.Fail(nameof(financeReference), "Enter the finance system reference (up to 40 characters).");
        }
        if (paidOn > UkTime.ToUkDate(clock.GetUtcNow()))
        {
            return FeatureResult<bool>.Fail(nameof(paidOn), "The payment date cannot be in the future.");
        }
        return FeatureResult<bool>.From(await FireAsync(paymentId, PaymentTriggers.Pay, actor, idempotencyKey, expectedVersion, financeReference, p =>
        {
            p.PaidOn = paidOn;
            p.FinanceReference = financeReference.Trim();
        }, ct).ConfigureAwait(false), true);
    }

    private Task<TransitionResult> FireAsync(int paymentId, string trigger, Actor actor, string key, int? expectedVersion, string? comment,
        Action<Payment> apply, CancellationToken ct) =>
        workflow.FireAsync(
            new TransitionRequest(new CaseRef(CaseKind.Payment, paymentId), trigger, actor, key)
            {
                ExpectedVersion = expectedVersion,
                Comment = comment,
                Effects = (_, c, _) =>
                {
                    apply((Payment)c);
                    return Task.CompletedTask;
                },
            },
            ct);
}
