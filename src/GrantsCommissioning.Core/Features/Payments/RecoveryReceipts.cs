using System.Globalization;
using FluentValidation;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Payments;

/// <summary>The receipt form: how much came back, on what day, and the finance system's reference for it.</summary>
public sealed class RecoveryReceiptInput
{
    public string? Amount { get; set; }
    public DateOnly? ReceivedOn { get; set; }
    public string? Reference { get; set; }
}

public sealed class RecoveryReceiptInputValidator : AbstractValidator<RecoveryReceiptInput>
{
    public RecoveryReceiptInputValidator(TimeProvider clock)
    {
        RuleFor(i => i.Amount).Must(a => Money.TryParse(a, out var m) && m.Pence > 0).WithMessage("Enter the amount received in pounds, more than £0.00.");
        RuleFor(i => i.ReceivedOn).NotNull().WithMessage("Enter the date the money was received.")
            .Must(d => d is null || d <= UkTime.ToUkDate(clock.GetUtcNow())).WithMessage("The date received cannot be in the future.");
        RuleFor(i => (i.Reference ?? "").Trim()).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the finance system's reference for the receipt.")
            .MaximumLength(40).WithMessage("The reference must be 40 characters or fewer.")
            .OverridePropertyName(nameof(RecoveryReceiptInput.Reference));
    }
}

public sealed record RecoveryLine(int Id, string InvoiceReference, Money Amount, DateOnly RaisedOn, string Reason, RecoveryStatus Status,
    Money? Received, DateOnly? ReceivedOn, string? ReceiptReference, string? ReceivedBy);

/// <summary>
/// Finance records a recovery's money as received: the amount (the whole invoice), the date and the finance system's
/// reference, audited, and the invoice is closed. The recovery already counts against spend from the day it was raised
/// (on the award, in the fund's figures and drill-downs and in the roll-up by objective), so receiving it changes the
/// status those lists show, never the spend a second time.
/// </summary>
public sealed class RecoveryReceipts(IDbContextFactory<GrantsDbContext> factory, AuditTrail audit, TimeProvider clock, IValidator<RecoveryReceiptInput> rules)
{
    public const string ReceivedAction = "Recovery.Received";

    public async Task<IReadOnlyList<RecoveryLine>> ForAwardAsync(int awardId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Set<Recovery>().AsNoTracking().Where(r => r.AwardId == awardId).OrderBy(r => r.RaisedOn).ThenBy(r => r.Id).ToListAsync(ct);
        return rows.Select(r => new RecoveryLine(r.Id, r.InvoiceReference, new Money(-r.AmountPence), r.RaisedOn, r.Reason, r.Status,
            r.ReceivedPence is { } p ? new Money(p) : null, r.ReceivedOn, r.ReceiptReference, r.ReceivedByName)).ToList();
    }

    public async Task<FeatureResult<bool>> RecordAsync(int recoveryId, RecoveryReceiptInput input, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsInRole(Roles.Finance))
        {
            return FeatureResult<bool>.Fail(new RoleNeeded("the finance team", "record a recovery as received"));
        }
        var validation = await rules.ValidateAsync(input, ct);
        if (!validation.IsValid)
        {
            return FeatureResult<bool>.Invalid(validation);
        }
        var amount = Money.TryParse(input.Amount, out var m) ? m : Money.Zero;
        return await factory.InTransactionAsync(async db =>
        {
            var recovery = await db.Set<Recovery>().FirstOrDefaultAsync(r => r.Id == recoveryId, ct);
            if (recovery is null)
            {
                return FeatureResult<bool>.Fail(new NotFound("recovery"));
            }
            if (recovery.Status == RecoveryStatus.Received)
            {
                return FeatureResult<bool>.Fail(new Refused(
                    $"Invoice {recovery.InvoiceReference} was recorded as received on {recovery.ReceivedOn?.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))} ({recovery.ReceiptReference})."));
            }
            var invoiced = new Money(-recovery.AmountPence);
            if (amount != invoiced)
            {
                return FeatureResult<bool>.Fail(new Refused(
                    $"Invoice {recovery.InvoiceReference} is for {invoiced}, not {amount}: record the receipt when the whole amount has come back.", nameof(RecoveryReceiptInput.Amount)));
            }
            if (input.ReceivedOn < recovery.RaisedOn)
            {
                return FeatureResult<bool>.Fail(new Refused(
                    $"The money cannot have come back before invoice {recovery.InvoiceReference} was raised on {recovery.RaisedOn.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}.",
                    nameof(RecoveryReceiptInput.ReceivedOn)));
            }
            (recovery.ReceivedPence, recovery.ReceivedOn, recovery.ReceiptReference) = (amount.Pence, input.ReceivedOn, input.Reference!.Trim());
            (recovery.ReceivedByName, recovery.ReceivedAt, recovery.Status) = (actor.DisplayName, clock.GetUtcNow(), RecoveryStatus.Received);
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(db, actor, ReceivedAction, nameof(Recovery), recoveryId.ToString(CultureInfo.InvariantCulture), null,
                new { recovery.InvoiceReference, receivedPence = amount.Pence, receivedOn = recovery.ReceivedOn, reference = recovery.ReceiptReference }, ct);
            return FeatureResult<bool>.Ok(true);
        }, ct);
    }
}
