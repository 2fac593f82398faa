using FluentValidation;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Core.Workflow.Kinds;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Payments;

/// <summary>What finance records when clawing back a payment: how much, the date the invoice is raised and its reference.</summary>
public sealed record RecoveryRaised(Money Amount, DateOnly RaisedOn, string InvoiceReference) : ITransitionPayload;

public sealed class RecoveryRaisedValidator : AbstractValidator<RecoveryRaised>
{
    public RecoveryRaisedValidator(TimeProvider clock)
    {
        RuleFor(p => p.Amount).Must(a => a.Pence > 0).WithMessage("Enter the amount to recover, more than £0.00.");
        RuleFor(p => p.InvoiceReference)
            .Must(r => !string.IsNullOrWhiteSpace(r) && r.Trim().Length <= 40)
            .WithMessage("Enter the recovery invoice reference (up to 40 characters).");
        RuleFor(p => p.RaisedOn)
            .Must(d => d <= UkTime.ToUkDate(clock.GetUtcNow()))
            .WithMessage("The invoice date cannot be in the future.");
    }
}

/// <summary>
/// Recovering (clawback) a paid payment raises a <see cref="Recovery"/>: a negative movement for the amount asked back,
/// which reduces spend on the award, in the fund's figures and in the roll-up by objective from the day it is raised.
/// </summary>
public sealed class RecoverHandler(IValidator<RecoveryRaised> validator) : TransitionHandler<Payment, RecoveryRaised>(validator)
{
    public override CaseKind Kind => CaseKind.Payment;

    public override IReadOnlyCollection<string> Triggers => [PaymentTriggers.Recover];

    protected override async Task<IReadOnlyList<FieldError>> ValidateAsync(TransitionContext context, Payment c, RecoveryRaised payload, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (payload.Amount > c.Amount)
        {
            errors.Add(new FieldError(nameof(RecoveryRaised.Amount), $"You cannot recover more than was paid ({c.Amount})."));
        }
        errors.AddRange(await Recoveries.InvoiceUnusedAsync(context, payload.InvoiceReference, ct));
        return errors;
    }

    protected override Task ApplyAsync(TransitionContext context, Payment c, RecoveryRaised payload, CancellationToken ct)
    {
        Recoveries.Raise(context, c.AwardId, c.Id, payload.Amount, payload.RaisedOn, payload.InvoiceReference, context.Request.Comment?.Trim() ?? "Clawback");
        return Task.CompletedTask;
    }
}

/// <summary>Raising a recovery, shared by clawback and termination: one unused invoice reference, one negative movement.</summary>
internal static class Recoveries
{
    public static async Task<IReadOnlyList<FieldError>> InvoiceUnusedAsync(TransitionContext context, string? invoiceReference, CancellationToken ct)
    {
        var reference = invoiceReference?.Trim();
        return reference is not null && await context.Db.Set<Recovery>().AnyAsync(r => r.InvoiceReference == reference, ct)
            ? [new FieldError("InvoiceReference", $"Invoice {reference} is already recorded against a recovery.")]
            : [];
    }

    public static void Raise(TransitionContext context, int awardId, int? paymentId, Money amount, DateOnly raisedOn, string invoiceReference, string reason) =>
        context.Db.Set<Recovery>().Add(new Recovery
        {
            AwardId = awardId, PaymentId = paymentId, AmountPence = -amount.Pence, RaisedOn = raisedOn, InvoiceReference = invoiceReference.Trim(), Reason = reason,
            Status = RecoveryStatus.Invoiced, RaisedByUserId = context.Actor.UserId, RaisedByName = context.Actor.DisplayName, RaisedAt = context.Now,
        });
}
