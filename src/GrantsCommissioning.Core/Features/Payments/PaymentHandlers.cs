using FluentValidation;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Core.Workflow.Kinds;

namespace GrantsCommissioning.Core.Features.Payments;

/// <summary>Making a payment ready records who did it (a person, or the system when its timer fell due).</summary>
public sealed class MakeReadyHandler : TransitionHandler<Payment, NoPayload>
{
    public override CaseKind Kind => CaseKind.Payment;

    public override IReadOnlyCollection<string> Triggers => [PaymentTriggers.MakeReady];

    protected override Task ApplyAsync(TransitionContext context, Payment c, NoPayload payload, CancellationToken ct)
    {
        c.RecordedByUserId = context.Actor.UserId;
        return Task.CompletedTask;
    }
}

/// <summary>
/// Authorising records who authorised and when; the definition's guards keep it to a second person, and nothing is
/// authorised on a terminated or suspended award or to bank details no second person has verified.
/// </summary>
public sealed class AuthoriseHandler : TransitionHandler<Payment, NoPayload>
{
    public override CaseKind Kind => CaseKind.Payment;

    public override IReadOnlyCollection<string> Triggers => [PaymentTriggers.Authorise];

    protected override Task<IReadOnlyList<FieldError>> ValidateAsync(TransitionContext context, Payment c, NoPayload payload, CancellationToken ct) =>
        PaymentHandlerChecks.NotBlockedAsync(context, c, ct);

    protected override Task ApplyAsync(TransitionContext context, Payment c, NoPayload payload, CancellationToken ct)
    {
        c.AuthorisedByUserId = context.Actor.UserId;
        c.AuthorisedAt = context.Now;
        return Task.CompletedTask;
    }
}

/// <summary>What finance records when a payment has been made.</summary>
public sealed record PaymentMade(DateOnly PaidOn, string FinanceReference) : ITransitionPayload;

public sealed class PaymentMadeValidator : AbstractValidator<PaymentMade>
{
    public PaymentMadeValidator(TimeProvider clock)
    {
        RuleFor(p => p.FinanceReference)
            .Must(r => !string.IsNullOrWhiteSpace(r) && r.Trim().Length <= 40)
            .WithMessage("Enter the finance system reference (up to 40 characters).");
        RuleFor(p => p.PaidOn)
            .Must(d => d <= UkTime.ToUkDate(clock.GetUtcNow()))
            .WithMessage("The payment date cannot be in the future.");
    }
}

/// <summary>Recording a payment as paid writes the date and the finance system's reference.</summary>
public sealed class PayHandler(IValidator<PaymentMade> validator) : TransitionHandler<Payment, PaymentMade>(validator)
{
    public override CaseKind Kind => CaseKind.Payment;

    public override IReadOnlyCollection<string> Triggers => [PaymentTriggers.Pay];

    protected override Task<IReadOnlyList<FieldError>> ValidateAsync(TransitionContext context, Payment c, PaymentMade payload, CancellationToken ct) =>
        PaymentHandlerChecks.NotBlockedAsync(context, c, ct);

    protected override Task ApplyAsync(TransitionContext context, Payment c, PaymentMade payload, CancellationToken ct)
    {
        c.PaidOn = payload.PaidOn;
        c.FinanceReference = payload.FinanceReference.Trim();
        return Task.CompletedTask;
    }
}

/// <summary>Holding a payment keeps the reason given (the transition's required comment) on the payment, for every payment list to show.</summary>
public sealed class HoldHandler : TransitionHandler<Payment, NoPayload>
{
    public override CaseKind Kind => CaseKind.Payment;

    public override IReadOnlyCollection<string> Triggers => [PaymentTriggers.Hold];

    protected override Task ApplyAsync(TransitionContext context, Payment c, NoPayload payload, CancellationToken ct)
    {
        c.HoldReason = context.Request.Comment?.Trim();
        return Task.CompletedTask;
    }
}

/// <summary>Releasing a held payment clears its hold reason.</summary>
public sealed class ReleaseHandler : TransitionHandler<Payment, NoPayload>
{
    public override CaseKind Kind => CaseKind.Payment;

    public override IReadOnlyCollection<string> Triggers => [PaymentTriggers.Release];

    protected override Task ApplyAsync(TransitionContext context, Payment c, NoPayload payload, CancellationToken ct)
    {
        c.HoldReason = null;
        return Task.CompletedTask;
    }
}

internal static class PaymentHandlerChecks
{
    /// <summary>The payment's block (terminated or suspended award, unverified bank change) as the form's error, or none.</summary>
    public static async Task<IReadOnlyList<FieldError>> NotBlockedAsync(TransitionContext context, Payment c, CancellationToken ct) =>
        await PaymentBlocks.ReasonAsync(context.Db, c.Id, ct) is { } reason ? [new FieldError("", reason)] : [];
}
