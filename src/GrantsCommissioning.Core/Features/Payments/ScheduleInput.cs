using System.Globalization;
using FluentValidation;
using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.Payments;

/// <summary>What an instalment waits for before it is paid.</summary>
public enum InstalmentCondition
{
    None = 0,
    /// <summary>A monitoring return of the award is accepted.</summary>
    ReturnAccepted = 1,
    /// <summary>A document is received from the grantee.</summary>
    DocumentReceived = 2,
}

/// <summary>The schedule form: the instalments not yet made, as the officer or finance leaves them.</summary>
public sealed class ScheduleInput
{
    public List<InstalmentInput> Instalments { get; set; } = [];
}

/// <summary>One instalment of the form; <see cref="PaymentId"/> is null for a new one.</summary>
public sealed class InstalmentInput
{
    public int? PaymentId { get; set; }
    public DateOnly? Due { get; set; }
    public string? Amount { get; set; }
    public PaymentBasis Basis { get; set; } = PaymentBasis.Arrears;
    public string? Justification { get; set; }
    public InstalmentCondition Condition { get; set; }
    public int? ReturnId { get; set; }
    public string? Document { get; set; }
}

/// <summary>
/// The rules of a payment schedule: each instalment a date and an amount above £0; an advance (paid ahead of need) only
/// with its justification recorded, and an instalment due on or before the project starts is an advance; a condition
/// names its return or document; and the instalments with those already made add up to the award.
/// </summary>
public sealed class ScheduleInputValidator : AbstractValidator<ScheduleInput>
{
    public const string ScheduleKey = "schedule";
    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    public ScheduleInputValidator()
    {
        RuleForEach(i => i.Instalments).ChildRules(row =>
        {
            row.RuleFor(r => r.Due).NotNull().WithMessage("Enter the date the instalment is due.");
            row.RuleFor(r => r.Amount).Must(a => Money.TryParse(a, out var m) && m.Pence > 0).WithMessage("Enter the instalment's amount in pounds, more than £0.00.");
            row.RuleFor(r => (r.Justification ?? "").Trim()).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("An advance is a payment ahead of need: record why it is justified.")
                .MaximumLength(2000).WithMessage("The justification must be 2,000 characters or fewer.")
                .When(r => r.Basis == PaymentBasis.Advance)
                .OverridePropertyName(nameof(InstalmentInput.Justification));
            row.RuleFor(r => r.ReturnId).NotNull().When(r => r.Condition == InstalmentCondition.ReturnAccepted)
                .WithMessage("Choose the monitoring return that must be accepted first.");
            row.RuleFor(r => (r.Document ?? "").Trim()).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Name the document that must be received first.")
                .MaximumLength(200).WithMessage("The document's name must be 200 characters or fewer.")
                .When(r => r.Condition == InstalmentCondition.DocumentReceived)
                .OverridePropertyName(nameof(InstalmentInput.Document));
        });
        RuleForEach(i => i.Instalments).Custom((row, context) =>
        {
            var view = (ScheduleView)context.RootContextData[ScheduleKey];
            if (row.Due is { } due && due <= view.Start && row.Basis != PaymentBasis.Advance)
            {
                context.AddFailure(nameof(InstalmentInput.Basis),
                    $"This instalment is due on or before the project starts ({view.Start.ToString("d MMMM yyyy", Uk)}), so it is paid ahead of need: mark it as an advance and record why.");
            }
            if (row.PaymentId is { } id && view.Lines.All(l => l.PaymentId != id || !l.Editable))
            {
                context.AddFailure("", "This instalment has been made or is no longer on the schedule; reload the page.");
            }
            if (row.Condition == InstalmentCondition.ReturnAccepted && row.ReturnId is { } r && view.OpenReturns.All(x => x.Id != r))
            {
                context.AddFailure(nameof(InstalmentInput.ReturnId), "Choose a monitoring return of this award that has not been accepted yet.");
            }
        });
        RuleFor(i => i).Custom((input, context) =>
        {
            var view = (ScheduleView)context.RootContextData[ScheduleKey];
            if (!input.Instalments.All(r => Money.TryParse(r.Amount, out _)))
            {
                return;
            }
            var planned = Money.Sum(input.Instalments.Select(r => Money.TryParse(r.Amount, out var m) ? m : Money.Zero));
            if (planned + view.Made != view.Amount)
            {
                context.AddFailure(nameof(ScheduleInput.Instalments), view.Made.Pence == 0
                    ? $"The instalments add up to {planned}, not the award of {view.Amount}."
                    : $"The instalments add up to {planned}, and with the {view.Made} already made that is {planned + view.Made}, not the award of {view.Amount}.");
            }
        });
    }
}
